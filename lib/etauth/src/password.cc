#include "etauth/password.h"

#include <argon2.h>
#include <openssl/evp.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include "bytes.h"
#include "unicode.h"

namespace etauth {
namespace {

constexpr std::string_view kAlgorithm = "argon2id-hmac";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kTagBytes = 32;

bool is_base64(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

std::optional<Bytes> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 == 1 || !std::ranges::all_of(text, is_base64)) {
    return std::nullopt;
  }
  std::string padded(text);
  padded.append((4 - padded.size() % 4) % 4, '=');
  Bytes out(padded.size() / 4 * 3, 0);
  const int written =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(padded.data()),
                      static_cast<int>(padded.size()));
  if (written < 0) {
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(written) - (padded.size() - text.size()));
  if (detail::base64(out) != text) {
    return std::nullopt;  // non-canonical (stray low bits)
  }
  return out;
}

std::optional<std::uint32_t> number(std::string_view text) {
  std::uint32_t value = 0;
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (problem != std::errc() || end != text.data() + text.size() || text.empty() ||
      (text.size() > 1 && text.front() == '0')) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<std::string> normalize_password(std::string_view password) {
  return detail::normalize_utf8(password, detail::Normalization::kNfkc, kMaxPasswordBytes,
                                "the password");
}

Status check_password(const PasswordPolicy& policy, std::string_view password,
                      std::string_view user_name) {
  if (policy.min_length < 6 || policy.max_length < 64 || policy.max_length < policy.min_length) {
    return error(
        Errc::kInvalidArgument,
        "the policy is below the guideline's floors (minimum length 6, maximum at least 64)");
  }
  auto normal = normalize_password(password);
  if (!normal) {
    return std::unexpected(normal.error());
  }
  // Code points of the normalised password (it is valid UTF-8 by now).
  UErrorCode status = U_ZERO_ERROR;
  int32_t count = 0;
  std::vector<UChar32> points(normal->size() + 1);
  status = U_ZERO_ERROR;
  std::vector<UChar> units(normal->size() + 1);
  int32_t unit_count = 0;
  u_strFromUTF8(units.data(), static_cast<int32_t>(units.size()), &unit_count, normal->data(),
                static_cast<int32_t>(normal->size()), &status);
  u_strToUTF32(points.data(), static_cast<int32_t>(points.size()), &count, units.data(), unit_count,
               &status);
  if (U_FAILURE(status)) {
    return error(Errc::kInvalidArgument, "the password cannot be read as Unicode");
  }
  const std::size_t length = static_cast<std::size_t>(count);
  bool letter = false;
  bool digit_or_symbol = false;
  for (std::int32_t i = 0; i < count; ++i) {
    const UChar32 c = points[static_cast<std::size_t>(i)];
    if (u_isalpha(c) != 0) {
      letter = true;
    } else if (u_isdigit(c) != 0 || u_ispunct(c) != 0 || (U_GET_GC_MASK(c) & U_GC_S_MASK) != 0) {
      digit_or_symbol = true;
    }
  }
  std::string problems;
  const auto add = [&](std::string_view problem) {
    problems += (problems.empty() ? "" : "; ") + std::string(problem);
  };
  if (length < policy.min_length) {
    add("shorter than " + std::to_string(policy.min_length) + " characters");
  }
  if (length > policy.max_length) {
    add("longer than " + std::to_string(policy.max_length) + " characters");
  }
  if (policy.letters_and_digits_or_symbols && !(letter && digit_or_symbol)) {
    add("needs letters and digits or symbols");
  }
  std::string lower = *normal;
  std::ranges::transform(lower, lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (policy.blocklist.contains(lower)) {
    add("on the blocklist of common passwords");
  }
  std::string user(user_name);
  std::ranges::transform(user, user.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (!user.empty() && lower.find(user) != std::string::npos) {
    add("contains the login id");
  }
  if (!problems.empty()) {
    return error(Errc::kPolicy, "the password is " + problems);
  }
  return {};
}

PasswordAge password_age(std::chrono::sys_seconds changed_at, std::chrono::sys_seconds now,
                         const PasswordAgeRule& rule, bool compromised) {
  const bool old = now - changed_at > rule.max_age;
  return PasswordAge{old || compromised, compromised || (old && rule.mandatory)};
}

Result<Bytes> argon2id(std::span<const std::uint8_t> password, std::span<const std::uint8_t> salt,
                       const Argon2Params& params, std::span<const std::uint8_t> secret,
                       std::span<const std::uint8_t> associated) {
  Bytes out(kTagBytes, 0);
  // argon2_context takes non-const pointers but does not write through them
  // (ARGON2_DEFAULT_FLAGS: no clearing of the inputs).
  argon2_context context{};
  context.out = out.data();
  context.outlen = static_cast<std::uint32_t>(out.size());
  context.pwd = const_cast<std::uint8_t*>(password.data());
  context.pwdlen = static_cast<std::uint32_t>(password.size());
  context.salt = const_cast<std::uint8_t*>(salt.data());
  context.saltlen = static_cast<std::uint32_t>(salt.size());
  context.secret = secret.empty() ? nullptr : const_cast<std::uint8_t*>(secret.data());
  context.secretlen = static_cast<std::uint32_t>(secret.size());
  context.ad = associated.empty() ? nullptr : const_cast<std::uint8_t*>(associated.data());
  context.adlen = static_cast<std::uint32_t>(associated.size());
  context.t_cost = params.passes;
  context.m_cost = params.memory_kib;
  context.lanes = params.lanes;
  context.threads = params.lanes;
  context.version = ARGON2_VERSION_13;
  context.flags = ARGON2_DEFAULT_FLAGS;
  const int status = argon2_ctx(&context, Argon2_id);
  if (status != ARGON2_OK) {
    return error(Errc::kCrypto, std::string("Argon2id: ") + argon2_error_message(status));
  }
  return out;
}

Result<PasswordRecord> parse_password_record(std::string_view text) {
  // $argon2id-hmac$v=19$m=..,t=..,p=..,k=..$salt$tag
  std::vector<std::string_view> parts;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('$', start), text.size());
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  const auto bad = [](std::string_view what) {
    return error(Errc::kInvalidArgument, "password record: " + std::string(what));
  };
  if (parts.size() != 6 || !parts[0].empty()) {
    return bad("expected $algorithm$v=19$parameters$salt$tag");
  }
  if (parts[1] != kAlgorithm) {
    return bad("unknown algorithm");
  }
  if (parts[2] != "v=19") {
    return bad("unknown Argon2 version");
  }
  PasswordRecord record;
  std::string_view params = parts[3];
  const char* expected[] = {"m=", "t=", "p=", "k="};
  std::size_t index = 0;
  for (std::size_t start = 0; start <= params.size(); ++index) {
    const std::size_t end = std::min(params.find(',', start), params.size());
    const std::string_view item = params.substr(start, end - start);
    start = end + 1;
    if (index >= 4 || !item.starts_with(expected[index])) {
      return bad("parameters must be m=,t=,p=,k= in that order");
    }
    const std::string_view value = item.substr(2);
    if (index == 3) {
      if (!detail::valid_key_id(value)) {
        return bad("pepper key id");
      }
      record.pepper_key = std::string(value);
      continue;
    }
    const auto parsed = number(value);
    if (!parsed) {
      return bad("parameter is not a number");
    }
    (index == 0   ? record.params.memory_kib
     : index == 1 ? record.params.passes
                  : record.params.lanes) = *parsed;
  }
  if (index != 4) {
    return bad("parameters must be m=,t=,p=,k= in that order");
  }
  if (record.params.lanes < 1 || record.params.lanes > 64 || record.params.passes < 1 ||
      record.params.passes > 64 || record.params.memory_kib < 8 * record.params.lanes ||
      record.params.memory_kib > (std::uint32_t{4} << 20U)) {
    return bad("parameters out of range");
  }
  auto salt = unbase64(parts[4]);
  auto tag = unbase64(parts[5]);
  if (!salt || salt->size() < kSaltBytes || salt->size() > 64) {
    return bad("salt");
  }
  if (!tag || tag->size() != kTagBytes) {
    return bad("tag");
  }
  record.salt = std::move(*salt);
  record.tag = std::move(*tag);
  return record;
}

std::string format_password_record(const PasswordRecord& record) {
  return "$" + std::string(kAlgorithm) + "$v=19$m=" + std::to_string(record.params.memory_kib) +
         ",t=" + std::to_string(record.params.passes) +
         ",p=" + std::to_string(record.params.lanes) + ",k=" + record.pepper_key + "$" +
         detail::base64(record.salt) + "$" + detail::base64(record.tag);
}

PasswordHasher::PasswordHasher(Hsm& hsm, Random& random, Argon2Params params,
                               std::string pepper_key)
    : hsm_(hsm), random_(random), params_(params), pepper_key_(std::move(pepper_key)) {}

Result<PasswordHasher> PasswordHasher::create(Hsm& hsm, Random& random, Argon2Params params,
                                              std::string pepper_key) {
  PasswordHasher hasher(hsm, random, params, std::move(pepper_key));
  Bytes random_password(32, 0);
  if (auto filled = random.fill(random_password); !filled) {
    return std::unexpected(filled.error());
  }
  auto dummy = hasher.hash(detail::base64(random_password));
  if (!dummy) {
    return std::unexpected(dummy.error());
  }
  hasher.dummy_ = std::move(*dummy);
  return hasher;
}

Result<Bytes> PasswordHasher::tag(std::string_view password, const PasswordRecord& record) {
  auto normal = normalize_password(password);
  if (!normal) {
    return std::unexpected(normal.error());
  }
  const detail::CleanseOnExit wipe_normal(*normal);
  auto stretched = argon2id(detail::as_bytes(*normal), record.salt, record.params);
  if (!stretched) {
    return std::unexpected(stretched.error());
  }
  const detail::CleanseOnExit wipe_stretched(*stretched);
  auto peppered = hsm_.hmac_sha256(record.pepper_key, *stretched);
  if (!peppered) {
    return std::unexpected(peppered.error());
  }
  return Bytes(peppered->begin(), peppered->end());
}

Result<std::string> PasswordHasher::hash(std::string_view password) {
  if (!detail::valid_key_id(pepper_key_)) {
    return error(Errc::kInvalidArgument, "pepper key id must be letters, digits, - _ .");
  }
  PasswordRecord record;
  record.params = params_;
  record.pepper_key = pepper_key_;
  record.salt.assign(kSaltBytes, 0);
  if (auto filled = random_.fill(record.salt); !filled) {
    return std::unexpected(filled.error());
  }
  auto computed = tag(password, record);
  if (!computed) {
    return std::unexpected(computed.error());
  }
  record.tag = std::move(*computed);
  return format_password_record(record);
}

Result<PasswordCheck> PasswordHasher::verify(std::string_view password, std::string_view text) {
  auto record = parse_password_record(text);
  if (!record) {
    return std::unexpected(record.error());
  }
  auto computed = tag(password, *record);
  if (!computed) {
    return std::unexpected(computed.error());
  }
  const detail::CleanseOnExit wipe_computed(*computed);
  PasswordCheck check;
  check.matches = equal_constant_time(*computed, record->tag);
  check.needs_rehash =
      check.matches && (record->params != params_ || record->pepper_key != pepper_key_);
  return check;
}

Result<PasswordCheck> PasswordHasher::verify_unknown_user(std::string_view password) {
  auto check = verify(password, dummy_);
  if (!check) {
    return std::unexpected(check.error());
  }
  return PasswordCheck{};
}

}  // namespace etauth
