// The masked copy: what `etguard scan pii --mask OUT` writes.
//   kSameLength  keeps the format and the byte length: A12*****89,
//                0912-***-*78, k***********@gmail.com (full-width digits
//                become ＊, so lengths in bytes hold too)
//   kRedact      replaces the value with its type: [TW_NATIONAL_ID]
//   kPseudonym   replaces it with a keyed token, TW_NATIONAL_ID:4be1c0a7d3f2e915,
//                HMAC-SHA256 over the type and the normalized value, so the
//                same value maps to the same token in every file
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "pii/scanner.h"

namespace etguard::pii {

enum class MaskMode { kSameLength, kRedact, kPseudonym };

// Computes HMAC-SHA256(key, message) — with a key from a file (OpenSSL) or
// inside a PKCS#11 token.
using Keyed = std::function<Result<std::vector<std::uint8_t>>(std::string_view message)>;

class Masker {
 public:
  Masker(const Scanner& scanner, MaskMode mode, Keyed keyed = {})
      : scanner_(scanner), mode_(mode), keyed_(std::move(keyed)) {}

  // `text` with every detection replaced; detections are sorted and disjoint.
  Result<std::string> apply(std::string_view text, const std::vector<Detection>& found) const;

  // The same-length mask of one value (used for previews in findings too).
  static std::string same_length(std::string_view value, PiiType type);
  // The same, for a detection's type: a custom detector's value (a key, a
  // token) is masked like an identifier, its ends kept.
  static std::string same_length(std::string_view value, std::uint16_t detection_type);

 private:
  const Scanner& scanner_;
  MaskMode mode_;
  Keyed keyed_;
};

// HMAC-SHA256 with a key read from a file (at least 16 bytes; the file's whole content).
Result<Keyed> keyed_from_file(const std::string& path);
// HMAC-SHA256 with `key` held in memory (at least 16 bytes).
Keyed keyed_from_key(std::string key);
// HMAC-SHA256 inside a PKCS#11 token (the key never leaves it); the secret
// labelled by the URI's object is created on first use.
Result<Keyed> keyed_from_token(const std::string& uri, bool& created);

// The value reduced to what identifies it: ASCII letters upper-cased,
// full-width digits as ASCII, separators dropped (e-mail: lower-cased).
std::string normalized_value(std::string_view value, std::uint16_t type);

}  // namespace etguard::pii
