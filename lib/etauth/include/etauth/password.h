// Passwords (Art. 35(2), 36(3), 36(6)): the guideline's policy profile, and
// storage that cannot be reversed or precomputed: Argon2id with a per-record
// salt, then an HMAC "pepper" computed inside an HSM with a key that never
// leaves it. A record names its algorithm, parameters and pepper key, so
// parameters can be raised and peppers rotated at the next login.
//
//   $argon2id-hmac$v=19$m=19456,t=2,p=1,k=pepper-2026$<salt>$<tag>
//
// (salt and tag in unpadded base64, as PHC strings write them).
#pragma once

#include <chrono>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "etauth/environment.h"
#include "etauth/error.h"

namespace etauth {

// Passwords longer than this are refused before any work is done on them
// (normalising grows text; hashing costs memory): four times the policy's
// largest maximum of 1,024 characters would still fit.
inline constexpr std::size_t kMaxPasswordBytes = 4096;

// NFKC of a UTF-8 password (so full-width and compatibility forms type the
// same); kInvalidArgument when it is not UTF-8 or longer than kMaxPasswordBytes.
Result<std::string> normalize_password(std::string_view password);

struct PasswordPolicy {
  std::size_t min_length = 8;    // code points; the guideline's floor is 6
  std::size_t max_length = 128;  // at least 64
  bool letters_and_digits_or_symbols = true;
  std::set<std::string> blocklist;  // compared after NFKC and ASCII lower-casing
};

// kPolicy with every rule broken (the password itself is never in the
// message); kInvalidArgument when the policy itself is below the floors.
Status check_password(const PasswordPolicy& policy, std::string_view password,
                      std::string_view user_name = {});

// Art. 36(6) asks for a change of password every three months. NIST SP
// 800-63B (5.1.1.2) advises against periodic changes — they push users to
// predictable variations — and asks for a change on evidence of compromise.
// The default follows both: past the age a login succeeds with an advisory
// prompt; `mandatory` is the switch for firms that read the article as a
// forced change; `compromised` always forces one.
struct PasswordAgeRule {
  std::chrono::days max_age{90};
  bool mandatory = false;
};

struct PasswordAge {
  bool advise_change = false;  // show the change prompt (and log that it was shown)
  bool must_change = false;    // refuse the session until the password is changed
};

PasswordAge password_age(std::chrono::sys_seconds changed_at, std::chrono::sys_seconds now,
                         const PasswordAgeRule& rule = {}, bool compromised = false);

struct Argon2Params {
  std::uint32_t memory_kib = 19456;  // OWASP: 19 MiB, 2 passes, 1 lane
  std::uint32_t passes = 2;
  std::uint32_t lanes = 1;
  friend bool operator==(const Argon2Params&, const Argon2Params&) = default;
};

// Raw Argon2id (version 0x13) of `password` and `salt`, 32 bytes; `secret`
// and `associated` are RFC 9106's K and X (empty in password records).
Result<Bytes> argon2id(std::span<const std::uint8_t> password, std::span<const std::uint8_t> salt,
                       const Argon2Params& params, std::span<const std::uint8_t> secret = {},
                       std::span<const std::uint8_t> associated = {});

struct PasswordRecord {
  Argon2Params params;
  std::string pepper_key;
  Bytes salt;  // 16 bytes or more
  Bytes tag;   // 32 bytes
};

// Parses a record; kInvalidArgument naming the part that is wrong.
Result<PasswordRecord> parse_password_record(std::string_view text);
std::string format_password_record(const PasswordRecord& record);

struct PasswordCheck {
  bool matches = false;
  // The record's parameters or pepper key are not the current ones: store
  // hash() of the password now, while it is known.
  bool needs_rehash = false;
};

class PasswordHasher {
 public:
  // `pepper_key`: the HSM key new records use. Prepares the record that
  // unknown users are checked against, so even the first such check costs
  // what any other does.
  static Result<PasswordHasher> create(Hsm& hsm, Random& random, Argon2Params params,
                                       std::string pepper_key);

  // A record for a password that passed check_password (normalised inside).
  Result<std::string> hash(std::string_view password);
  Result<PasswordCheck> verify(std::string_view password, std::string_view record);
  // The same work as verify() for a login id that does not exist, so the time
  // taken does not reveal which ids do; never matches.
  Result<PasswordCheck> verify_unknown_user(std::string_view password);

 private:
  PasswordHasher(Hsm& hsm, Random& random, Argon2Params params, std::string pepper_key);
  Result<Bytes> tag(std::string_view password, const PasswordRecord& record);
  Hsm& hsm_;
  Random& random_;
  Argon2Params params_;
  std::string pepper_key_;
  std::string dummy_;  // a record of a random password, for unknown users
};

}  // namespace etauth
