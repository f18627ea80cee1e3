// authlog.daily_monitoring: Login failures and attempts on non-customer accounts are analysed every
// day (ET-36.7), judged from one day of authentication events (the attack family; docs/authlog.md).
#include "checks/authlog/daily_monitoring/check.h"

#include <array>

namespace etguard::authlog_checks::daily_monitoring {
namespace {
constexpr std::string_view kNodes[] = {"ET-36.7"};
constexpr std::array<TypeReason, 5> kReasons{{
    {"brute_force", "W_BRUTE_FORCE", "brute force from one source on one account",
     "單一來源對單一帳號之暴力破解", true},
    {"distributed_brute_force", "W_DISTRIBUTED_BRUTE_FORCE",
     "distributed brute force on one account", "多來源對單一帳號之分散式暴力破解", true},
    {"password_spray", "W_PASSWORD_SPRAY", "password spraying from one source",
     "單一來源之密碼噴灑", true},
    {"account_enumeration", "W_ACCOUNT_ENUMERATION", "enumeration of non-existent login ids",
     "不存在帳號之列舉嘗試", true},
    {"credential_stuffing", "W_CREDENTIAL_STUFFING", "credential stuffing from many quiet sources",
     "大量低頻來源之撞庫攻擊", true},
}};
}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "authlog.daily_monitoring",
      .title = {.zh = "每日監控分析登入失敗與非客戶帳號之嘗試",
                .en =
                    "Login failures and attempts on non-customer accounts are analysed every day"},
      .node_ids = kNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh =
                        "第三十六條第七款要求每日監控分析帳號登入失敗紀錄及非客戶帳號之登入嘗試。",
                    .en = "Art. 36(7) requires the login failures and the attempts on non-customer "
                          "accounts to be monitored and analysed every day."},
      .remediation = {.zh = "每日執行本分析並處理偵測到之攻擊（封鎖來源、通知客戶、重設密碼）。",
                      .en = "Run this analysis every day and act on the attacks it finds (block "
                            "sources, notify customers, reset passwords)."},
  };
  return info;
}

check::Assessment evaluate(const DayResult& day) {
  check::Assessment assessment = assess(day, kReasons);
  if (day.report != nullptr) {
    assessment.evidence["daily_report"] = *day.report;  // what the day's monitoring saw
  }
  return assessment;
}

}  // namespace etguard::authlog_checks::daily_monitoring
