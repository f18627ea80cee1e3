// The one error type of etguard, and Result<T> = std::expected<T, Error>.
//
// Every fallible function returns Result<T>. Library exceptions (yaml-cpp,
// nlohmann::json, libxlsxwriter error codes) are caught or translated at the
// adapter that calls the library and become an Error that names the input, the
// position and the problem. Assertions are for programmer errors only.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace etguard {

// What kind of failure this is; decides the process exit code (see exit_code).
enum class ErrorKind {
  kUsage,     // the command line is wrong
  kInput,     // an input file or value is malformed
  kNotFound,  // a named thing (ID, file) does not exist
  kDenied,    // the caller's role does not allow it
  kIo,        // the operating system refused (open, write, rename)
  kInternal,  // a bug or an impossible state
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;     // English; names input, position and problem
  std::string message_zh;  // Traditional Chinese; empty when not translated
};

template <typename T>
using Result = std::expected<T, Error>;

// A Result that carries no value.
using Status = std::expected<void, Error>;

// Every error a user can see says it in both languages: the Traditional
// Chinese form is required (the compiler is the test that none lacks it).
inline std::unexpected<Error> fail(ErrorKind kind, std::string message, std::string message_zh) {
  return std::unexpected(Error{kind, std::move(message), std::move(message_zh)});
}

// The product's exit codes (docs/exit-codes.md): 0 success, 1 non-compliant or
// findings present, 2 usage or input error, 3 internal error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

inline int exit_code(const Error& error) {
  switch (error.kind) {
    case ErrorKind::kUsage:
    case ErrorKind::kInput:
    case ErrorKind::kNotFound:
    case ErrorKind::kDenied:
      return kExitUsage;
    case ErrorKind::kIo:
    case ErrorKind::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace etguard
