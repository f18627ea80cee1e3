// authlog.password_age: Passwords older than three months prompt a change (ET-36.6), judged
// from one day of authentication events (stale_password_not_prompted; docs/authlog.md).
#include "checks/authlog/password_age/check.h"

#include <array>

namespace etguard::authlog_checks::password_age {
namespace {
constexpr std::string_view kNodes[] = {"ET-36.6"};
constexpr std::array<TypeReason, 1> kReasons{{
    {"stale_password_not_prompted", "STALE_PASSWORD_NOT_PROMPTED",
     "a login with a password over 90 days old was not prompted to change it",
     "密碼逾 90 日之登入未提示更新", false},
}};
}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "authlog.password_age",
      .title = {.zh = "密碼逾三個月提示更新",
                .en = "Passwords older than three months prompt a change"},
      .node_ids = kNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第三十六條第六款要求密碼使用逾三個月應提示客戶更新。",
                    .en = "Art. 36(6) requires customers to be prompted to change a password older "
                          "than three months."},
      .remediation = {.zh = "於登入時檢查密碼年齡，超過 90 日即於 60 秒內提示更新。",
                      .en = "Check the password age at login and prompt for a change within 60 s "
                            "when it is over 90 days."},
  };
  return info;
}

check::Assessment evaluate(const DayResult& day) {
  return assess(day, kReasons);
}

}  // namespace etguard::authlog_checks::password_age
