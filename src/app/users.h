// The people who log in to `etguard serve`, and their logins (issue 18), on
// lib/etauth as the guideline asks of a trading system (Art. 36): passwords
// under the etauth policy, hashed with Argon2id and a pepper the key file (or
// a token) holds; a TOTP second factor sealed at rest; five failures in a row
// lock the account and only an administrator unlocks it, after verifying who
// is asking; the three-month password rule as advice. Every change and every
// login, failed or not, is a ledger entry naming the user.
//
// The CLI opens Users per command; the server keeps one for its lifetime
// (the per-source throttle lives in it).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/session.h"
#include "auth/webauthn_registration.h"
#include "core/result.h"
#include "workspace/security_keys.h"

namespace etguard::app {

// app/security_keys.h
class KeyChallenges;
struct KeyAssertion;
struct KeyLoginChallenge;

enum class Role { kAdmin, kOfficer, kOwner, kAuditor, kBoard };
inline constexpr std::string_view kRoleNames = "admin | officer | owner | auditor | board";
std::optional<Role> role_named(std::string_view name);
std::string_view role_name(Role role);
// Objects ("kind/key") as a record keeps them: separated by commas.
std::string join_objects(const std::vector<std::string>& objects);
std::vector<std::string> split_objects(std::string_view text);

struct UserSpec {
  std::string name;                  // the login id
  std::string display;               // "Name <email>"
  std::string role;                  // one of kRoleNames
  std::vector<std::string> objects;  // an owner's objects ("kind/key"); others: none
};

// What a new (or reset) user takes to their authenticator app: shown once.
struct Enrolment {
  std::string name = {};
  std::string otpauth_uri = {};
  std::string qr_text = {};  // for a terminal
  std::string qr_svg = {};   // for a page
};

struct UserSummary {
  std::string name;
  std::string display;
  Role role = Role::kBoard;
  std::vector<std::string> objects;
  bool disabled = false;
  bool locked = false;
  int failures = 0;  // failed logins since the last success or unlock
  std::string password_changed_at;
  bool advise_password_change = false;  // older than three months
  std::string note;
  std::string created_at;
  std::vector<workspace::SecurityKey> security_keys;  // public keys only
};

// A successful login.
struct LoggedIn {
  std::string name;
  std::string display;
  Role role = Role::kBoard;
  std::vector<std::string> objects;
  bool advise_password_change = false;
};

// The users as `etguard user list --json` and the server's /api/users give
// them: schema etguard.users 1.1 (1.1 adds each user's security keys: id,
// name, added_at).
nlohmann::ordered_json users_json(const std::vector<UserSummary>& users);

class Users {
 public:
  // The workspace's users, their keys (on the PKCS#11 token of the setting
  // auth.key_uri, else keys/auth.key, created on first use) and lock state
  // (lockout.db beside the database).
  [[nodiscard]] static Result<Users> open(Session& session);

  // Keeps the keys behind passwords and second factors (the pepper, the
  // TOTP seal) on the PKCS#11 token of `uri` from now on, generated there
  // as non-extractable secrets labelled "<object>-password-pepper" and
  // "<object>-otp-seal"; recorded as the setting auth.key_uri (the URI
  // without a PIN). Refused once a user exists (their passwords and seeds
  // were made with the key file's keys) or when another token is set.
  // Returns the URI kept.
  [[nodiscard]] static Result<std::string> keep_keys_on_token(Session& session,
                                                              const std::string& uri);
  Users(Users&&) noexcept;
  Users& operator=(Users&&) noexcept;
  Users(const Users&) = delete;
  Users& operator=(const Users&) = delete;
  ~Users();

  // A new user with `password` (checked against the policy) and a new TOTP
  // seed; returns its enrolment.
  [[nodiscard]] Result<Enrolment> add(const UserSpec& spec, std::string_view password);
  [[nodiscard]] Result<std::vector<UserSummary>> list();
  // Refuses every login of `name` from now on; `reason` is recorded.
  [[nodiscard]] Status disable(const std::string& name, const std::string& reason);
  // Lifts the lock of `name` after the caller verified who asks:
  // `verification` says how (the record of the in-person check) and is kept.
  [[nodiscard]] Status unlock(const std::string& name, const std::string& verification);
  // A new password and a new TOTP seed (a lost phone, a forgotten password),
  // after the same verification; enables and unlocks the account.
  [[nodiscard]] Result<Enrolment> reset(const std::string& name, std::string_view password,
                                        const std::string& verification);
  // A login with password and TOTP code from `source` (an address); its
  // success is recorded as `recorded_as` ("login.reauthenticated" when a
  // logged-in user confirms who they are before a sensitive change).
  [[nodiscard]] Result<LoggedIn> log_in(std::string_view name, std::string_view password,
                                        std::string_view code, std::string_view source,
                                        const std::string& recorded_as = "login.success");
  // A login with a security key instead of the code, in two steps through
  // the same lockout: the password, answered by a challenge for the user's
  // keys (a user without keys is refused as a wrong code would be); then
  // the key's assertion for that challenge. Either step's failure counts
  // toward the lock.
  [[nodiscard]] Result<KeyLoginChallenge> start_key_login(std::string_view name,
                                                          std::string_view password,
                                                          std::string_view source,
                                                          KeyChallenges& challenges,
                                                          const auth::RelyingParty& party);
  [[nodiscard]] Result<LoggedIn> finish_key_login(const KeyAssertion& assertion,
                                                  KeyChallenges& challenges,
                                                  const auth::RelyingParty& party);

 private:
  struct State;
  Users(Session& session, std::unique_ptr<State> state);
  [[nodiscard]] Result<Enrolment> enrol(const std::string& name, std::string& sealed_seed_hex);
  // The password step of a login: the user, once their password was right.
  [[nodiscard]] Result<store::UserRecord> check_password(std::string_view name,
                                                         std::string_view password,
                                                         std::string_view source);
  // The second factor's verdict; when right, the login recorded as
  // `recorded_as` with `change` applied to the user (the factor's replay
  // state) and its answer.
  [[nodiscard]] Result<LoggedIn> finish_login(const store::UserRecord& user, bool factor,
                                              const std::string& recorded_as,
                                              const workspace::Workspace::UserChange& change);
  Session* session_;
  std::unique_ptr<State> state_;
};

}  // namespace etguard::app
