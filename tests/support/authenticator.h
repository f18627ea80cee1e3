// What a user's authenticator app does, for tests: read the seed from the
// otpauth URI shown at enrolment and compute the code of a moment.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "etauth/otp.h"

namespace etguard::testing {

// The seed in the URI's secret= (RFC 4648 Base32, no padding).
inline etauth::Bytes seed_of(const std::string& uri) {
  const std::size_t start = uri.find("secret=") + 7;
  const std::string text = uri.substr(start, uri.find('&', start) - start);
  etauth::Bytes out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto value = static_cast<std::uint32_t>(c >= 'A' && c <= 'Z' ? c - 'A' : c - '2' + 26);
    buffer = (buffer << 5U) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(buffer >> static_cast<unsigned>(bits)));
    }
  }
  return out;
}

// The six-digit code the app shows at `at`.
template <typename TimePoint>
std::string code_at(const etauth::Bytes& seed, TimePoint at) {
  return etauth::totp(seed, std::chrono::floor<std::chrono::seconds>(at)).value();
}

}  // namespace etguard::testing
