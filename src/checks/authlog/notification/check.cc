// authlog.notification: Every login and trade is notified to the account owner (ET-37.2), judged
// from one day of authentication events (login_without_notification, trade_without_notification;
// docs/authlog.md).
#include "checks/authlog/notification/check.h"

#include <array>

namespace etguard::authlog_checks::notification {
namespace {
constexpr std::string_view kNodes[] = {"ET-37.2"};
constexpr std::array<TypeReason, 2> kReasons{{
    {"login_without_notification", "LOGIN_WITHOUT_NOTIFICATION",
     "a customer login had no notification sent within 300 s", "客戶登入後 300 秒內未送出通知",
     false},
    {"trade_without_notification", "TRADE_WITHOUT_NOTIFICATION",
     "an order had no notification sent within 300 s", "委託後 300 秒內未送出通知", false},
}};
}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "authlog.notification",
      .title = {.zh = "每次登入與交易均通知帳號所有人",
                .en = "Every login and trade is notified to the account owner"},
      .node_ids = kNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第三十七條第二款要求每次帳號登入及交易均應通知帳號所有人。",
                    .en = "Art. 37(2) requires every account login and trade to be notified to the "
                          "account owner."},
      .remediation = {.zh = "確認通知服務於登入與下單後 300 秒內送出通知，並監控發送失敗。",
                      .en = "Make the notification service send within 300 s of each login and "
                            "order, and monitor failed sends."},
  };
  return info;
}

check::Assessment evaluate(const DayResult& day) {
  return assess(day, kReasons);
}

}  // namespace etguard::authlog_checks::notification
