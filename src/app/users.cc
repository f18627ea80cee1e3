#include "app/users.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "app/security_keys.h"
#include "auth/bridge.h"
#include "auth/key_file_hsm.h"
#include "auth/otpauth.h"
#include "core/digest.h"
#include "core/text.h"
#include "etauth/lockout.h"
#include "etauth/otp.h"
#include "etauth/password.h"
#include "etauth/webauthn.h"
#include "pkcs11/token_hsm.h"

namespace etguard::app {
namespace {

constexpr std::string_view kPepperKey = "password-pepper";
constexpr std::string_view kSealKey = "otp-seal";
constexpr std::string_view kIssuer = "etguard";
constexpr std::string_view kKeyUriSetting = "auth.key_uri";
constexpr std::string_view kKeyIds[] = {kPepperKey, kSealKey};
constexpr std::size_t kMaxNameBytes = 64;

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoles{{{Role::kAdmin, "admin"},
                                                                   {Role::kOfficer, "officer"},
                                                                   {Role::kOwner, "owner"},
                                                                   {Role::kAuditor, "auditor"},
                                                                   {Role::kBoard, "board"}}};

std::string hex(std::span<const std::uint8_t> data) {
  return to_hex(data.data(), data.size());
}

Error etauth_error(const etauth::Error& error) {
  return auth::from_etauth(error);
}

// The login id as accounts are kept: NFKC, case-folded; no spaces, control
// characters, slashes or commas, at most 64 bytes.
Result<std::string> login_id(std::string_view name) {
  auto key = etauth::canonical_account_key(name);
  const bool allowed = key && !key->empty() && key->size() <= kMaxNameBytes &&
                       std::ranges::none_of(*key, [](char c) {
                         const auto byte = static_cast<unsigned char>(c);
                         return byte <= 0x20 || byte == 0x7F || c == '/' || c == ',' || c == '\\';
                       });
  if (!allowed) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("'{}' cannot be a user name: 1 to 64 bytes, no spaces, slashes or "
                    "commas",
                    name),
        fmt::format("「{}」不能作為使用者名稱：須為 1 至 64 位元組，不含空白、斜線或逗號", name));
  }
  return *key;
}

Status need_verification(const std::string& verification) {
  if (trim(verification).empty()) {
    return fail(ErrorKind::kUsage,
                "say how you verified who is asking (--verified-by: the record of the check)",
                "請說明如何確認申請人身分（--verified-by：確認紀錄）");
  }
  return {};
}

// A refused login, recorded on the user and then returned.
Status refuse(workspace::Workspace& workspace, const std::string& name,
              const etauth::Error& error) {
  // The refusal is recorded (a user that exists only: an unknown name has no
  // object to record it on) and then returned.
  auto user = workspace.user(name);
  if (user && *user) {
    const bool locked = error.code == etauth::Errc::kLocked;
    if (Status recorded =
            workspace.record_user_event(name, locked ? "login.locked" : "login.failure", name);
        !recorded) {
      return recorded;
    }
  }
  return std::unexpected(etauth_error(error));
}

}  // namespace

std::string join_objects(const std::vector<std::string>& objects) {
  std::string out;
  for (const std::string& object : objects) {
    out += (out.empty() ? "" : ",") + object;
  }
  return out;
}

std::vector<std::string> split_objects(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t comma = std::min(text.find(','), text.size());
    if (comma > 0) {
      out.emplace_back(text.substr(0, comma));
    }
    text.remove_prefix(std::min(comma + 1, text.size()));
  }
  return out;
}

std::optional<Role> role_named(std::string_view name) {
  for (const auto& [role, role_text] : kRoles) {
    if (role_text == name) {
      return role;
    }
  }
  return std::nullopt;
}

std::string_view role_name(Role role) {
  for (const auto& [known, role_text] : kRoles) {
    if (known == role) {
      return role_text;
    }
  }
  return "board";
}

struct Users::State {
  State(std::unique_ptr<etauth::Hsm> keys, std::unique_ptr<etauth::SqliteLockoutStore> lock_store,
        const Clock& workspace_clock, const Random& workspace_random)
      : hsm(std::move(keys)),
        store(std::move(lock_store)),
        clock(workspace_clock),
        random(workspace_random),
        lockout(*store, clock) {}
  std::unique_ptr<etauth::Hsm> hsm;  // never null
  std::unique_ptr<etauth::SqliteLockoutStore> store;
  auth::ClockBridge clock;
  auth::RandomBridge random;
  etauth::Lockout lockout;
  std::unique_ptr<etauth::PasswordHasher> hasher;  // set by open(), never empty after
  etauth::PasswordPolicy policy;
};

Users::Users(Session& session, std::unique_ptr<State> state)
    : session_(&session), state_(std::move(state)) {}
Users::Users(Users&&) noexcept = default;
Users& Users::operator=(Users&&) noexcept = default;
Users::~Users() = default;

namespace {

// The keys of the workspace's users: on the token of auth.key_uri, else the
// key file.
Result<std::unique_ptr<etauth::Hsm>> open_keys(Session& session) {
  auto settings = session.workspace().settings();
  if (!settings) {
    return std::unexpected(settings.error());
  }
  if (const auto uri = settings->find(std::string(kKeyUriSetting)); uri != settings->end()) {
    auto token = pkcs11::TokenHsm::open(uri->second, kKeyIds, false);
    if (!token) {
      return std::unexpected(token.error());
    }
    return std::make_unique<pkcs11::TokenHsm>(std::move(*token));
  }
  auto file = auth::KeyFileHsm::open_or_create(
      session.workspace().paths().root / "keys" / "auth.key", session.random());
  if (!file) {
    return std::unexpected(file.error());
  }
  return std::make_unique<auth::KeyFileHsm>(std::move(*file));
}

}  // namespace

Result<Users> Users::open(Session& session) {
  const store::WorkspacePaths& paths = session.workspace().paths();
  auto hsm = open_keys(session);
  if (!hsm) {
    return std::unexpected(hsm.error());
  }
  auto lock_store = etauth::SqliteLockoutStore::open((paths.root / "lockout.db").string());
  if (!lock_store) {
    return std::unexpected(etauth_error(lock_store.error()));
  }
  auto state = std::make_unique<State>(std::move(*hsm), std::move(*lock_store), session.clock(),
                                       session.random());
  auto hasher =
      etauth::PasswordHasher::create(*state->hsm, state->random, {}, std::string(kPepperKey));
  if (!hasher) {
    return std::unexpected(etauth_error(hasher.error()));
  }
  state->hasher = std::make_unique<etauth::PasswordHasher>(std::move(*hasher));
  return Users(session, std::move(state));
}

Result<std::string> Users::keep_keys_on_token(Session& session, const std::string& uri) {
  auto users = session.workspace().users();
  if (!users) {
    return std::unexpected(users.error());
  }
  if (!users->empty()) {
    return fail(ErrorKind::kUsage,
                fmt::format("the workspace has {} users already: their passwords and "
                            "authenticators were made with the key file's keys, which a token "
                            "cannot take over; keep the keys on a token before the first user",
                            users->size()),
                fmt::format("工作區已有 {} 位使用者：其密碼與驗證器係以金鑰檔之金鑰建立，無法改由"
                            "權杖接手；請於新增第一位使用者前將金鑰置於權杖",
                            users->size()));
  }
  auto settings = session.workspace().settings();
  if (!settings) {
    return std::unexpected(settings.error());
  }
  auto token = pkcs11::TokenHsm::open(uri, kKeyIds, true);
  if (!token) {
    return std::unexpected(token.error());
  }
  const auto kept = settings->find(std::string(kKeyUriSetting));
  if (kept != settings->end() && kept->second != token->public_uri()) {
    return fail(ErrorKind::kUsage, fmt::format("the keys are kept on '{}' already", kept->second),
                fmt::format("金鑰已置於 '{}'", kept->second));
  }
  if (Status saved = session.workspace().set_setting(std::string(kKeyUriSetting),
                                                     token->public_uri(), session.actor());
      !saved) {
    return std::unexpected(saved.error());
  }
  return token->public_uri();
}

Result<Enrolment> Users::enrol(const std::string& name, std::string& sealed_seed_hex) {
  auto seed = etauth::new_otp_seed(state_->random, etauth::OtpHash::kSha1);
  if (!seed) {
    return std::unexpected(etauth_error(seed.error()));
  }
  auto sealed = etauth::seal_otp_seed(*state_->hsm, kSealKey, name, *seed, state_->random);
  if (!sealed) {
    return std::unexpected(etauth_error(sealed.error()));
  }
  sealed_seed_hex = hex(*sealed);
  Enrolment enrolment{.name = name, .otpauth_uri = auth::otpauth_uri(kIssuer, name, *seed)};
  auto text = auth::qr_text(enrolment.otpauth_uri);
  auto svg = auth::qr_svg(enrolment.otpauth_uri);
  if (!text || !svg) {
    return std::unexpected(!text ? text.error() : svg.error());
  }
  enrolment.qr_text = std::move(*text);
  enrolment.qr_svg = std::move(*svg);
  return enrolment;
}

Result<Enrolment> Users::add(const UserSpec& spec, std::string_view password) {
  auto name = login_id(spec.name);
  if (!name) {
    return std::unexpected(name.error());
  }
  const auto role = role_named(spec.role);
  if (!role) {
    return fail(ErrorKind::kUsage,
                fmt::format("'{}' is not a role; roles: {}", spec.role, kRoleNames),
                fmt::format("「{}」不是角色；角色有：{}", spec.role, kRoleNames));
  }
  if (*role != Role::kOwner && !spec.objects.empty()) {
    return fail(ErrorKind::kUsage, "only an owner is assigned objects (--objects)",
                "只有負責人（owner）會被指派對象（--objects）");
  }
  if (!spec.objects.empty()) {
    auto registers = session_->workspace().load_registers();
    if (!registers) {
      return std::unexpected(registers.error());
    }
    for (const std::string& object : spec.objects) {
      if (std::ranges::none_of(registers->entries, [&](const assess::RegisterEntry& entry) {
            return entry.key() == object;
          })) {
        return fail(ErrorKind::kNotFound,
                    fmt::format("{} is not in the registers (objects are kind/key)", object),
                    fmt::format("清冊中沒有 {}（對象格式為 kind/key）", object));
      }
    }
  }
  if (auto allowed = etauth::check_password(state_->policy, password, *name); !allowed) {
    return std::unexpected(etauth_error(allowed.error()));
  }
  auto hashed = state_->hasher->hash(password);
  if (!hashed) {
    return std::unexpected(etauth_error(hashed.error()));
  }
  store::UserRecord record{.name = *name,
                           .display = spec.display.empty() ? *name : spec.display,
                           .role = std::string(role_name(*role)),
                           .objects = join_objects(spec.objects),
                           .password = std::move(*hashed),
                           .password_changed_at = session_->clock().utc_now(),
                           .created_at = session_->clock().utc_now()};
  auto enrolment = enrol(*name, record.otp_seed);
  if (!enrolment) {
    return std::unexpected(enrolment.error());
  }
  if (Status added = session_->workspace().add_user(record, session_->actor()); !added) {
    return std::unexpected(added.error());
  }
  return enrolment;
}

nlohmann::ordered_json users_json(const std::vector<UserSummary>& users) {
  nlohmann::ordered_json listed = nlohmann::ordered_json::array();
  for (const UserSummary& user : users) {
    listed.push_back({{"name", user.name},
                      {"display", user.display},
                      {"role", role_name(user.role)},
                      {"objects", user.objects},
                      {"disabled", user.disabled},
                      {"locked", user.locked},
                      {"failures", user.failures},
                      {"password_changed_at", user.password_changed_at},
                      {"advise_password_change", user.advise_password_change},
                      {"note", user.note},
                      {"created_at", user.created_at},
                      {"security_keys", nlohmann::ordered_json::array()}});
    for (const workspace::SecurityKey& key : user.security_keys) {
      listed.back()["security_keys"].push_back(
          {{"id", key.id}, {"name", key.name}, {"added_at", key.added_at}});
    }
  }
  return {{"schema", "etguard.users"}, {"version", "1.1"}, {"users", std::move(listed)}};
}

Result<std::vector<UserSummary>> Users::list() {
  auto users = session_->workspace().users();
  if (!users) {
    return std::unexpected(users.error());
  }
  std::vector<UserSummary> out;
  for (const store::UserRecord& user : *users) {
    auto lock = state_->store->state(user.name);
    if (!lock) {
      return std::unexpected(etauth_error(lock.error()));
    }
    const auto changed = parse_utc(user.password_changed_at);
    const auto now = std::chrono::floor<std::chrono::seconds>(session_->clock().now());
    const bool advise =
        changed &&
        etauth::password_age(std::chrono::floor<std::chrono::seconds>(*changed), now).advise_change;
    out.push_back({.name = user.name,
                   .display = user.display,
                   .role = role_named(user.role).value_or(Role::kBoard),
                   .objects = split_objects(user.objects),
                   .disabled = user.disabled,
                   .locked = lock->locked,
                   .failures = lock->failures,
                   .password_changed_at = user.password_changed_at,
                   .advise_password_change = advise,
                   .note = user.note,
                   .created_at = user.created_at,
                   .security_keys = workspace::security_keys_of(user).value_or(
                       std::vector<workspace::SecurityKey>{})});
  }
  return out;
}

Status Users::disable(const std::string& name, const std::string& reason) {
  auto id = login_id(name);
  if (!id) {
    return std::unexpected(id.error());
  }
  return session_->workspace().update_user(
      *id, "user.disable",
      [&](store::UserRecord& user) -> Status {
        user.disabled = true;
        user.note = fmt::format("disabled by {}: {}", session_->actor(), reason);
        return {};
      },
      session_->actor());
}

Status Users::unlock(const std::string& name, const std::string& verification) {
  if (Status verified = need_verification(verification); !verified) {
    return verified;
  }
  auto id = login_id(name);
  if (!id) {
    return std::unexpected(id.error());
  }
  auto proof = etauth::UnlockProof::in_person(session_->actor(), verification);
  if (!proof) {
    return std::unexpected(etauth_error(proof.error()));
  }
  return session_->workspace().update_user(
      *id, "user.unlock",
      [&](store::UserRecord& user) -> Status {
        if (auto unlocked = state_->lockout.unlock(user.name, *proof); !unlocked) {
          return std::unexpected(etauth_error(unlocked.error()));
        }
        user.note = fmt::format("unlocked by {} after identity verification: {}", session_->actor(),
                                verification);
        return {};
      },
      session_->actor());
}

Result<Enrolment> Users::reset(const std::string& name, std::string_view password,
                               const std::string& verification) {
  if (Status verified = need_verification(verification); !verified) {
    return std::unexpected(verified.error());
  }
  auto id = login_id(name);
  if (!id) {
    return std::unexpected(id.error());
  }
  if (auto allowed = etauth::check_password(state_->policy, password, *id); !allowed) {
    return std::unexpected(etauth_error(allowed.error()));
  }
  auto hashed = state_->hasher->hash(password);
  if (!hashed) {
    return std::unexpected(etauth_error(hashed.error()));
  }
  std::string sealed;
  auto enrolment = enrol(*id, sealed);
  if (!enrolment) {
    return std::unexpected(enrolment.error());
  }
  auto proof = etauth::UnlockProof::in_person(session_->actor(), verification);
  if (!proof) {
    return std::unexpected(etauth_error(proof.error()));
  }
  Status changed = session_->workspace().update_user(
      *id, "user.reset",
      [&](store::UserRecord& user) -> Status {
        if (auto unlocked = state_->lockout.unlock(user.name, *proof); !unlocked) {
          return std::unexpected(etauth_error(unlocked.error()));
        }
        user.password = *hashed;
        user.password_changed_at = session_->clock().utc_now();
        user.otp_seed = sealed;
        user.otp_last_step = 0;
        user.disabled = false;
        user.note = fmt::format("reset by {} after identity verification: {}", session_->actor(),
                                verification);
        return {};
      },
      session_->actor());
  if (!changed) {
    return std::unexpected(changed.error());
  }
  return enrolment;
}

Result<store::UserRecord> Users::check_password(std::string_view name, std::string_view password,
                                                std::string_view source) {
  auto id = login_id(name);
  if (!id) {
    // The same time as a real check; its answer is "no" whatever it says.
    [[maybe_unused]] const auto same_time = state_->hasher->verify_unknown_user(password);
    return std::unexpected(etauth_error({etauth::Errc::kBadCredential, "bad user name"}));
  }
  if (auto reserved = state_->lockout.before_password(*id, source); !reserved) {
    if (reserved.error().code == etauth::Errc::kThrottled) {
      return std::unexpected(etauth_error(reserved.error()));
    }
    return std::unexpected(refuse(session_->workspace(), *id, reserved.error()).error());
  }
  auto found = session_->workspace().user(*id);
  if (!found) {
    // Counted as a failure; the lookup's error is what the caller is told.
    [[maybe_unused]] const auto counted = state_->lockout.after_password(*id, false);
    return std::unexpected(found.error());
  }
  // An unknown or disabled user takes as long and is told the same as a
  // wrong password.
  std::optional<store::UserRecord>& stored = *found;
  bool correct = false;
  if (stored && !stored->disabled) {
    auto check = state_->hasher->verify(password, stored->password);
    correct = check && check->matches;
  } else {
    [[maybe_unused]] const auto same_time = state_->hasher->verify_unknown_user(password);
  }
  if (auto after = state_->lockout.after_password(*id, correct); !after) {
    return std::unexpected(refuse(session_->workspace(), *id, after.error()).error());
  }
  if (!stored) {  // not reached: the lockout refuses a wrong password
    return std::unexpected(etauth_error({etauth::Errc::kBadCredential, "bad user name"}));
  }
  return std::move(*stored);
}

Result<LoggedIn> Users::finish_login(const store::UserRecord& user, bool factor,
                                     const std::string& recorded_as,
                                     const workspace::Workspace::UserChange& change) {
  if (auto after = state_->lockout.after_second_factor(user.name, factor); !after) {
    return std::unexpected(refuse(session_->workspace(), user.name, after.error()).error());
  }
  if (Status recorded =
          session_->workspace().update_user(user.name, recorded_as, change, user.name);
      !recorded) {
    return std::unexpected(recorded.error());
  }
  const auto now = std::chrono::floor<std::chrono::seconds>(session_->clock().now());
  const auto changed = parse_utc(user.password_changed_at);
  return LoggedIn{
      .name = user.name,
      .display = user.display,
      .role = role_named(user.role).value_or(Role::kBoard),
      .objects = split_objects(user.objects),
      .advise_password_change =
          changed && etauth::password_age(std::chrono::floor<std::chrono::seconds>(*changed), now)
                         .advise_change};
}

Result<LoggedIn> Users::log_in(std::string_view name, std::string_view password,
                               std::string_view code, std::string_view source,
                               const std::string& recorded_as) {
  auto checked = check_password(name, password, source);
  if (!checked) {
    return std::unexpected(checked.error());
  }
  const store::UserRecord& user = *checked;
  const auto now = std::chrono::floor<std::chrono::seconds>(session_->clock().now());
  std::vector<std::uint8_t> sealed(user.otp_seed.size() / 2);
  bool factor = false;
  std::uint64_t step = 0;
  if (from_hex(user.otp_seed, sealed)) {
    auto seed = etauth::open_otp_seed(*state_->hsm, kSealKey, user.name, sealed);
    if (seed) {
      auto matched = etauth::verify_totp(
          *seed, code, now,
          user.otp_last_step > 0 ? std::optional<std::uint64_t>(user.otp_last_step) : std::nullopt);
      factor = matched.has_value();
      step = matched.value_or(0);
    }
  }
  return finish_login(user, factor, recorded_as, [&](store::UserRecord& record) -> Status {
    record.otp_last_step = static_cast<std::int64_t>(step);
    return {};
  });
}

Result<KeyLoginChallenge> Users::start_key_login(std::string_view name, std::string_view password,
                                                 std::string_view source, KeyChallenges& challenges,
                                                 const auth::RelyingParty& party) {
  auto checked = check_password(name, password, source);
  if (!checked) {
    return std::unexpected(checked.error());
  }
  auto keys = workspace::security_keys_of(*checked);
  KeyLoginChallenge challenge{.handle = {}, .challenge = {}, .rp_id = party.id, .credentials = {}};
  if (keys) {
    for (const workspace::SecurityKey& key : *keys) {
      if (key.rp_id == party.id) {
        challenge.credentials.push_back(key.id);
      }
    }
  }
  if (challenge.credentials.empty()) {
    // Told and counted as a wrong code: the password's being right is not
    // revealed.
    auto refused = finish_login(*checked, false, "login.success",
                                [](store::UserRecord&) -> Status { return {}; });
    return std::unexpected(refused ? etauth_error({etauth::Errc::kBadCredential, "no security key"})
                                   : refused.error());
  }
  auto issued = challenges.issue(checked->name, std::nullopt);
  if (!issued) {
    return std::unexpected(issued.error());
  }
  challenge.handle = issued->first;
  challenge.challenge = bytes_to_hex(issued->second.challenge);
  return challenge;
}

Result<LoggedIn> Users::finish_key_login(const KeyAssertion& assertion, KeyChallenges& challenges,
                                         const auth::RelyingParty& party) {
  const auto issued = challenges.take(assertion.handle);
  if (!issued) {
    return fail(ErrorKind::kDenied,
                "this login took more than two minutes or was answered already: log in again",
                "此次登入已逾兩分鐘或已回應過：請重新登入");
  }
  auto found = session_->workspace().user(issued->user);
  if (!found) {
    return std::unexpected(found.error());
  }
  const std::optional<store::UserRecord>& stored = *found;
  if (!stored.has_value()) {
    return std::unexpected(etauth_error({etauth::Errc::kBadCredential, "bad user name"}));
  }
  const store::UserRecord& user = *stored;
  auto keys = workspace::security_keys_of(user);
  if (!keys) {
    return std::unexpected(keys.error());
  }
  const std::string credential_id = ascii_lower(assertion.credential_id);
  const auto key = std::ranges::find_if(*keys, [&](const workspace::SecurityKey& kept) {
    return kept.id == credential_id && kept.rp_id == party.id;
  });
  auto spki = key == keys->end() ? Result<std::string>(std::string())
                                 : bytes_of_hex(key->public_key, "public_key");
  auto client = bytes_of_hex(assertion.client_data, "client_data");
  auto data = bytes_of_hex(assertion.authenticator_data, "authenticator_data");
  auto signature = bytes_of_hex(assertion.signature, "signature");
  std::uint32_t counter = 0;
  bool factor = false;
  if (key != keys->end() && !user.disabled && spki && client && data && signature) {
    const auto as_bytes = [](const std::string& text) {
      return std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()),
                                           text.size());
    };
    const etauth::StoredCredential credential{
        .public_key_spki = etauth::Bytes(spki->begin(), spki->end()),
        .sign_count = key->sign_count,
        .algorithm = static_cast<etauth::CoseAlgorithm>(key->algorithm),
        .user_verification = etauth::UserVerificationMethod::kUnknown};
    const etauth::AssertionExpectation expected{
        .rp_id = party.id,
        .origin = party.origin,
        .challenge = etauth::Bytes(issued->challenge.begin(), issued->challenge.end()),
        .require_user_verification = false};
    auto verified = etauth::verify_assertion(as_bytes(*data), *client, as_bytes(*signature),
                                             credential, expected);
    factor = verified.has_value();
    counter = verified ? verified->sign_count : 0;
  }
  const std::string used = key == keys->end() ? std::string() : key->id;
  return finish_login(user, factor, "login.success", [&](store::UserRecord& record) -> Status {
    auto kept = workspace::security_keys_of(record);
    if (!kept) {
      return std::unexpected(kept.error());
    }
    for (workspace::SecurityKey& each : *kept) {
      if (each.id == used) {
        each.sign_count = counter;
      }
    }
    record.security_keys = workspace::security_keys_text(*kept);
    return {};
  });
}

}  // namespace etguard::app
