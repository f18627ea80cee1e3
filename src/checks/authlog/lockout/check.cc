// authlog.lockout: Five wrong passwords lock the account; unlock needs identity verification
// (ET-36.5), judged from one day of authentication events (lockout_not_enforced,
// success_without_unlock, unlock_without_verification; docs/authlog.md).
#include "checks/authlog/lockout/check.h"

#include <array>

namespace etguard::authlog_checks::lockout {
namespace {
constexpr std::string_view kNodes[] = {"ET-36.5"};
constexpr std::array<TypeReason, 3> kReasons{{
    {"lockout_not_enforced", "LOCKOUT_NOT_ENFORCED",
     "a sixth or later consecutive wrong password was accepted for checking",
     "第六次以上連續密碼錯誤仍被受理", false},
    {"success_without_unlock", "SUCCESS_WITHOUT_UNLOCK", "a login succeeded on a locked account",
     "已鎖定帳號登入成功", false},
    {"unlock_without_verification", "UNLOCK_WITHOUT_VERIFICATION",
     "an account was unlocked without a valid identity verification", "帳號未經有效身分驗證即解鎖",
     false},
}};
}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "authlog.lockout",
      .title = {.zh = "連續錯誤五次即鎖定且須驗證身分方可解鎖",
                .en = "Five wrong passwords lock the account; unlock needs identity verification"},
      .node_ids = kNodes,
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh = "第三十六條第五款要求密碼連續錯誤達五次即鎖定帳號，並須重新驗證身分後方可解鎖。",
           .en = "Art. 36(5) requires the account to lock after five consecutive wrong passwords "
                 "and to unlock only after the identity is verified again."},
      .remediation =
          {.zh = "修正驗證服務之鎖定計數與解鎖流程，解鎖前須完成臨櫃、視訊或 OTP 等身分驗證。",
           .en = "Fix the lock counter and the unlock flow of the authentication service; require "
                 "an in-person, video or OTP identity check before unlocking."},
  };
  return info;
}

check::Assessment evaluate(const DayResult& day) {
  return assess(day, kReasons);
}

}  // namespace etguard::authlog_checks::lockout
