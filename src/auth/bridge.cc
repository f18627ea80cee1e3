#include "auth/bridge.h"

#include <fmt/format.h>

namespace etguard::auth {

std::chrono::system_clock::time_point ClockBridge::now() const {
  return clock_->now();
}

etauth::Status RandomBridge::fill(std::span<std::uint8_t> out) {
  if (Status drawn = random_->fill(out); !drawn) {
    return etauth::error(etauth::Errc::kCrypto, drawn.error().message);
  }
  return {};
}

Error from_etauth(const etauth::Error& error) {
  switch (error.code) {
    case etauth::Errc::kBadCredential:
      return {ErrorKind::kUsage, "the user name, password or code is wrong",
              "使用者名稱、密碼或驗證碼錯誤"};
    case etauth::Errc::kLocked:
      return {ErrorKind::kUsage,
              "the account is locked after five failed logins; an administrator unlocks it "
              "after verifying your identity",
              "帳號因連續五次登入失敗已鎖定；須由管理者確認身分後解鎖"};
    case etauth::Errc::kThrottled:
      return {ErrorKind::kUsage, "too many login attempts from here; wait a minute",
              "此來源登入嘗試過多；請稍候一分鐘"};
    case etauth::Errc::kReplay:
      return {ErrorKind::kUsage, "this code was used already; wait for the next one",
              "此驗證碼已使用過；請等待下一組"};
    case etauth::Errc::kPolicy:
      return {ErrorKind::kUsage, fmt::format("the password is refused: {}", error.message),
              fmt::format("密碼不符政策：{}", error.message)};
    case etauth::Errc::kInvalidArgument:
      return {ErrorKind::kUsage, error.message, fmt::format("輸入不正確：{}", error.message)};
    case etauth::Errc::kNotFound:
      return {ErrorKind::kNotFound, error.message, fmt::format("找不到：{}", error.message)};
    case etauth::Errc::kHsm:
    case etauth::Errc::kStorage:
    case etauth::Errc::kCrypto:
      break;
  }
  return {ErrorKind::kInternal, error.message, fmt::format("驗證模組錯誤：{}", error.message)};
}

}  // namespace etguard::auth
