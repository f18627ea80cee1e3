#include "pii/mask.h"

#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <memory>
#include <mutex>

#include "core/atomic_file.h"
#include "pii/validate.h"
#include "pkcs11/token.h"

namespace etguard::pii {
namespace {

constexpr std::string_view kWideStar = "＊";

bool is_fw_digit_at(std::string_view text, std::size_t i) {
  return i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xEF &&
         static_cast<unsigned char>(text[i + 1]) == 0xBC &&
         static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
         static_cast<unsigned char>(text[i + 2]) <= 0x99;
}

}  // namespace

std::string normalized_value(std::string_view value, std::uint16_t type) {
  std::string out;
  const bool email = type == static_cast<std::uint16_t>(PiiType::kEmail);
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (is_fw_digit_at(value, i)) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(value[i + 2]) - 0x90));
      i += 2;
    } else if (email) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (is_alnum(c)) {
      out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
  }
  if (email) {
    if (const std::size_t at = out.find("%40"); at != std::string::npos) {
      out.replace(at, 3, "@");
    }
  }
  return out;
}

std::string Masker::same_length(std::string_view value, std::uint16_t detection_type) {
  return same_length(value, detection_type < kBuiltinTypeCount
                                ? static_cast<PiiType>(detection_type)
                                : PiiType::kNationalId);
}

std::string Masker::same_length(std::string_view value, PiiType type) {
  // The characters that carry the value are digits and letters (a full-width
  // digit is one character of three bytes); separators stay as they are.
  std::size_t limit = value.size();
  if (type == PiiType::kEmail) {
    // The name ends at the last '@' (or "%40"): "%40e@example.com" has the name "%40e".
    limit = value.rfind('@');
    if (limit == std::string_view::npos) {
      limit = value.rfind("%40");
    }
    limit = std::min(limit, value.size());
  }
  std::size_t characters = 0;
  for (std::size_t i = 0; i < limit; ++i) {
    if (is_fw_digit_at(value, i)) {
      ++characters;
      i += 2;
    } else if (is_alnum(value[i])) {
      ++characters;
    }
  }
  std::size_t keep_head = 0;
  std::size_t keep_tail = 0;
  switch (type) {
    case PiiType::kEmail:
      keep_head = 1;
      break;
    case PiiType::kIpv4:
      keep_head = value.find('.');  // the first octet
      break;
    case PiiType::kRocBirthDate:
      break;  // every digit
    default:
      if (characters >= 8) {
        keep_head = 3;
        keep_tail = 2;
      } else if (characters >= 5) {
        keep_head = 1;
        keep_tail = 1;
      }
  }
  // A value too short to keep anything of (a one-letter e-mail name) is masked whole.
  if (keep_head + keep_tail >= characters) {
    keep_head = 0;
    keep_tail = 0;
  }
  // The mask has the value's length (a full-width star for a full-width
  // digit): copy the value, then overwrite what is hidden.
  std::string result(value);
  std::size_t seen = 0;
  for (std::size_t i = 0; i < limit; ++i) {
    const bool wide = is_fw_digit_at(value, i);
    if (!wide && !is_alnum(value[i])) {
      continue;
    }
    const bool keep = seen < keep_head || seen + keep_tail >= characters;
    ++seen;
    if (wide) {
      if (!keep) {
        result.replace(i, 3, kWideStar);
      }
      i += 2;
    } else if (!keep) {
      result[i] = '*';
    }
  }
  return result;
}

Result<std::string> Masker::apply(std::string_view text,
                                  const std::vector<Detection>& found) const {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (const Detection& detection : found) {
    out.append(text.substr(copied, detection.offset - copied));
    const std::string_view value = text.substr(detection.offset, detection.length);
    const std::string_view name = scanner_.type_name(detection.type);
    switch (mode_) {
      case MaskMode::kSameLength:
        out += same_length(value, detection.type);
        break;
      case MaskMode::kRedact:
        out += fmt::format("[{}]", name);
        break;
      case MaskMode::kPseudonym: {
        const std::string message =
            fmt::format("{}\x1f{}", name, normalized_value(value, detection.type));
        auto mac = keyed_(message);
        if (!mac) {
          return std::unexpected(mac.error());
        }
        std::string token = fmt::format("{}:", name);
        for (std::size_t i = 0; i < 8 && i < mac->size(); ++i) {
          token += fmt::format("{:02x}", (*mac)[i]);
        }
        out += token;
        break;
      }
    }
    copied = detection.offset + detection.length;
  }
  out.append(text.substr(copied));
  return out;
}

Result<Keyed> keyed_from_file(const std::string& path) {
  auto key = read_file(path);
  if (!key) {
    return std::unexpected(key.error());
  }
  if (key->size() < 16) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: a pseudonym key needs at least 16 bytes, the file has {}", path,
                            key->size()),
                fmt::format("{}：假名化金鑰至少需 16 位元組，此檔僅 {} 位元組", path, key->size()));
  }
  return keyed_from_key(std::move(*key));
}

namespace {

// An HMAC-SHA256 context keyed once; each message gets a copy of it, so the
// algorithm is fetched and the key schedule computed once, not per value
// (a report names thousands of accounts). The key is wiped with the context.
class KeyedHmac {
 public:
  explicit KeyedHmac(std::string key) {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    keyed_ = mac == nullptr ? nullptr : EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);  // the context holds its own reference
    char digest[] = "SHA256";
    const std::array<OSSL_PARAM, 2> params = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end()};
    if (keyed_ != nullptr &&
        EVP_MAC_init(keyed_, reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                     params.data()) != 1) {
      EVP_MAC_CTX_free(keyed_);
      keyed_ = nullptr;
    }
    OPENSSL_cleanse(key.data(), key.size());
  }
  KeyedHmac(const KeyedHmac&) = delete;
  KeyedHmac& operator=(const KeyedHmac&) = delete;
  KeyedHmac(KeyedHmac&&) = delete;
  KeyedHmac& operator=(KeyedHmac&&) = delete;
  ~KeyedHmac() { EVP_MAC_CTX_free(keyed_); }

  Result<std::vector<std::uint8_t>> operator()(std::string_view message) const {
    std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(
        keyed_ == nullptr ? nullptr : EVP_MAC_CTX_dup(keyed_), EVP_MAC_CTX_free);
    std::vector<std::uint8_t> mac(EVP_MAX_MD_SIZE);
    std::size_t length = 0;
    if (ctx == nullptr ||
        EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1 ||
        EVP_MAC_final(ctx.get(), mac.data(), &length, mac.size()) != 1) {
      return fail(ErrorKind::kInternal, "HMAC-SHA256 failed", "HMAC-SHA256 計算失敗");
    }
    mac.resize(length);
    return mac;
  }

 private:
  EVP_MAC_CTX* keyed_ = nullptr;
};

}  // namespace

Keyed keyed_from_key(std::string key) {
  auto hmac = std::make_shared<const KeyedHmac>(std::move(key));
  return Keyed([hmac](std::string_view message) { return (*hmac)(message); });
}

Result<Keyed> keyed_from_token(const std::string& uri, bool& created) {
  auto token = pkcs11::Token::open(uri);
  if (!token) {
    return std::unexpected(token.error());
  }
  created = false;
  if (!token->has_secret_key()) {
    if (auto generated = token->generate_hmac_key(); !generated) {
      return std::unexpected(generated.error());
    }
    created = true;
  }
  // One session serves every worker thread, one operation at a time.
  struct Shared {
    pkcs11::Token token;
    std::mutex lock;
  };
  auto shared = std::make_shared<Shared>(std::move(*token));
  return Keyed([shared](std::string_view message) -> Result<std::vector<std::uint8_t>> {
    const std::lock_guard guard(shared->lock);
    return shared->token.hmac_sha256(
        std::span(reinterpret_cast<const std::uint8_t*>(message.data()), message.size()));
  });
}

}  // namespace etguard::pii
