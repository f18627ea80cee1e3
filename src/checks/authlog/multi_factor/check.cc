// authlog.multi_factor: Logins use two different types of authentication factor (ET-35.1), judged
// from one day of authentication events (single_factor_login; docs/authlog.md).
#include "checks/authlog/multi_factor/check.h"

#include <array>

namespace etguard::authlog_checks::multi_factor {
namespace {
constexpr std::string_view kNodes[] = {"ET-35.1"};
constexpr std::array<TypeReason, 1> kReasons{{
    {"single_factor_login", "SINGLE_FACTOR_LOGIN",
     "a login succeeded with fewer than two factor types", "登入成功但驗證因子類型少於兩類", false},
}};
}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "authlog.multi_factor",
      .title = {.zh = "登入採兩種以上不同類型之驗證因子",
                .en = "Logins use two different types of authentication factor"},
      .node_ids = kNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第三十五條第一款要求登入須具備知識、持有、生物特徵三類中之兩類因子。",
                    .en = "Art. 35(1) requires two of the three factor types (knowledge, "
                          "possession, inherence) at login."},
      .remediation = {.zh = "於登入流程加入不同類型之第二因子（如裝置綁定、OTP 或生物特徵）。",
                      .en = "Add a second factor of another type to the login flow (device "
                            "binding, OTP or biometrics)."},
  };
  return info;
}

check::Assessment evaluate(const DayResult& day) {
  return assess(day, kReasons);
}

}  // namespace etguard::authlog_checks::multi_factor
