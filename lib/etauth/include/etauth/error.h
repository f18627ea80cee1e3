// Errors of etauth: a code the caller can act on and a message for logs that
// never holds a secret (no password, code, seed or key material).
#pragma once

#include <expected>
#include <string>

namespace etauth {

enum class Errc {
  kInvalidArgument,  // the caller passed something malformed
  kPolicy,           // a password or setting breaks the policy
  kBadCredential,    // wrong password, code or signature
  kLocked,           // the account is locked (Art. 36(5))
  kThrottled,        // too many attempts from the source; not counted toward the lock
  kReplay,           // a code or message seen before
  kNotFound,
  kHsm,  // the PKCS#11 device refused or failed
  kStorage,
  kCrypto,
};

struct Error {
  Errc code = Errc::kInvalidArgument;
  std::string message;
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> error(Errc code, std::string message) {
  return std::unexpected(Error{code, std::move(message)});
}

}  // namespace etauth
