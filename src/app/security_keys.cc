#include "app/security_keys.h"

#include <fmt/format.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "core/text.h"
#include "etauth/crypto.h"

namespace etguard::app {
namespace {

constexpr auto kChallengeLife = std::chrono::minutes(2);
constexpr std::size_t kMaxPending = 10'000;
constexpr std::size_t kChallengeBytes = 32;
constexpr std::size_t kMaxKeysPerUser = 10;
constexpr std::size_t kMaxKeyNameBytes = 64;
constexpr std::size_t kMaxCredentialIdBytes = 1023;  // WebAuthn Level 3
// authenticatorData: RP ID hash (32), flags (1), counter (4), then the
// attested credential data: AAGUID (16), id length (2), id.
constexpr std::size_t kFlagsAt = 32;
constexpr std::size_t kAttestedAt = 37;
constexpr std::size_t kIdLengthAt = kAttestedAt + 16;
constexpr std::size_t kIdAt = kIdLengthAt + 2;
constexpr std::uint8_t kUserPresent = 0x01;
constexpr std::uint8_t kAttested = 0x40;

Error refused(std::string_view en, std::string_view zh) {
  return {ErrorKind::kUsage, fmt::format("the security key was not accepted: {}", en),
          fmt::format("安全金鑰未被接受：{}", zh)};
}

std::string base64url(std::string_view data) {
  std::string text = to_base64(data);
  std::erase(text, '=');
  std::ranges::replace(text, '+', '-');
  std::ranges::replace(text, '/', '_');
  return text;
}

std::string hex_of(std::string_view data) {
  return to_hex(reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

bool same(std::string_view left, std::string_view right) {
  return left.size() == right.size() && CRYPTO_memcmp(left.data(), right.data(), left.size()) == 0;
}

bool is_ip_literal(std::string_view host) {
  return host.starts_with('[') ||
         std::ranges::all_of(host, [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

Status check_client_data(std::string_view client_data, std::string_view challenge,
                         const RelyingParty& party) {
  const auto client = nlohmann::json::parse(client_data, nullptr, false);
  const auto text = [&](const char* key) {
    return client.is_object() && client.contains(key) && client[key].is_string()
               ? client[key].get<std::string>()
               : std::string();
  };
  if (client.is_discarded() || !client.is_object()) {
    return std::unexpected(
        refused("clientDataJSON is not a JSON object", "clientDataJSON 不是 JSON 鍵值結構"));
  }
  if (text("type") != "webauthn.create") {
    return std::unexpected(
        refused("the client data is not for a registration", "用戶端資料並非註冊用"));
  }
  if (!same(text("challenge"), base64url(challenge))) {
    return std::unexpected(refused("it answers another challenge", "回應之挑戰值不符"));
  }
  if (text("origin") != party.origin) {
    return std::unexpected(
        refused(fmt::format("it was made on {}, not {}", text("origin"), party.origin),
                fmt::format("其建立於 {}，而非 {}", text("origin"), party.origin)));
  }
  return {};
}

Status check_authenticator_data(std::string_view data, std::string_view credential_id,
                                const RelyingParty& party) {
  if (data.size() < kIdAt) {
    return std::unexpected(refused(
        fmt::format("the authenticator data has {} bytes, fewer than the {} a registration needs",
                    data.size(), kIdAt),
        fmt::format("驗證器資料僅 {} 位元組，少於註冊所需之 {}", data.size(), kIdAt)));
  }
  const Sha256 rp_hash = sha256(party.id);
  if (!same(data.substr(0, rp_hash.size()),
            std::string_view(reinterpret_cast<const char*>(rp_hash.data()), rp_hash.size()))) {
    return std::unexpected(
        refused(fmt::format("the key was made for another relying party than {}", party.id),
                fmt::format("此金鑰係為 {} 以外之依賴方建立", party.id)));
  }
  const auto flags = static_cast<std::uint8_t>(data[kFlagsAt]);
  if ((flags & kUserPresent) == 0) {
    return std::unexpected(refused("the user was not present", "使用者未在場"));
  }
  if ((flags & kAttested) == 0) {
    return std::unexpected(
        refused("the authenticator data carries no credential", "驗證器資料未含憑證"));
  }
  const std::size_t length =
      (static_cast<std::size_t>(static_cast<std::uint8_t>(data[kIdLengthAt])) << 8U) |
      static_cast<std::uint8_t>(data[kIdLengthAt + 1]);
  if (length == 0 || length > kMaxCredentialIdBytes || data.size() < kIdAt + length) {
    return std::unexpected(refused(
        fmt::format("the credential id length {} does not fit the authenticator data", length),
        fmt::format("憑證識別碼長度 {} 與驗證器資料不符", length)));
  }
  if (!same(data.substr(kIdAt, length), credential_id)) {
    return std::unexpected(refused("the authenticator data attests another credential",
                                   "驗證器資料所證明者為另一憑證"));
  }
  return {};
}

Status check_public_key(std::string_view spki, int algorithm) {
  const bool known = algorithm == -7 || algorithm == -8 || algorithm == -257;
  if (!known) {
    return std::unexpected(refused(
        fmt::format("COSE algorithm {} is not accepted (ES256 -7, EdDSA -8, RS256 -257)",
                    algorithm),
        fmt::format("不接受 COSE 演算法 {}（可用 ES256 -7、EdDSA -8、RS256 -257）", algorithm)));
  }
  const std::span<const std::uint8_t> der(reinterpret_cast<const std::uint8_t*>(spki.data()),
                                          spki.size());
  auto key = etauth::PublicKey::from_der(der);
  if (!key) {
    return std::unexpected(
        refused(fmt::format("its public key is not usable: {}", key.error().message),
                fmt::format("其公鑰無法使用：{}", key.error().message)));
  }
  if (key->is_ec() != (algorithm == -7)) {
    return std::unexpected(
        refused("its public key is not of the algorithm it names", "其公鑰與所述演算法不符"));
  }
  return {};
}

Result<store::UserRecord> user_record(Session& session, const std::string& name) {
  auto user = session.workspace().user(name);
  if (!user) {
    return std::unexpected(user.error());
  }
  std::optional<store::UserRecord>& found = *user;
  if (!found.has_value()) {
    return fail(ErrorKind::kNotFound, fmt::format("there is no user {}", name),
                fmt::format("沒有使用者 {}", name));
  }
  return std::move(*found);
}

Status need_fresh(const AdminAct& act) {
  return require_fresh(act.fresh, "changing security keys", "變更安全金鑰");
}

}  // namespace

Result<RelyingParty> relying_party(std::string_view origin) {
  constexpr std::string_view kScheme = "https://";
  std::string_view host = origin.starts_with(kScheme) ? origin.substr(kScheme.size()) : "";
  if (!host.empty() && !host.starts_with('[')) {
    host = host.substr(0, host.find(':'));
  }
  const bool valid = origin.starts_with(kScheme) && !host.empty() && !is_ip_literal(host) &&
                     origin.find('/', kScheme.size()) == std::string_view::npos;
  if (!valid) {
    return fail(ErrorKind::kUsage,
                fmt::format("'{}' cannot be the origin of security keys: give https://HOST[:PORT] "
                            "with a domain name (browsers refuse keys for IP addresses)",
                            origin),
                fmt::format("「{}」不能作為安全金鑰之來源：請給 https://主機[:埠]，主機須為網域名稱"
                            "（瀏覽器不允許以 IP 位址使用金鑰）",
                            origin));
  }
  return RelyingParty{.id = std::string(host), .origin = std::string(origin)};
}

KeyChallenges::KeyChallenges(const Clock& clock, const Random& random)
    : clock_(&clock), random_(&random) {}

Result<std::pair<std::string, KeyChallenges::Issued>> KeyChallenges::issue(
    const std::string& user, std::optional<std::string> handle) {
  std::string challenge(kChallengeBytes, '\0');
  std::string drawn(16, '\0');
  if (Status filled =
          random_->fill({reinterpret_cast<std::uint8_t*>(challenge.data()), challenge.size()});
      !filled) {
    return std::unexpected(filled.error());
  }
  if (!handle) {
    if (Status filled =
            random_->fill({reinterpret_cast<std::uint8_t*>(drawn.data()), drawn.size()});
        !filled) {
      return std::unexpected(filled.error());
    }
    handle = hex_of(drawn);
  }
  const TimePoint now = clock_->now();
  const std::scoped_lock lock(mutex_);
  std::erase_if(pending_, [&](const auto& entry) { return entry.second.expires <= now; });
  if (pending_.size() >= kMaxPending) {
    return fail(ErrorKind::kDenied, "too many security key ceremonies at once; try again",
                "同時進行之安全金鑰作業過多，請稍後再試");
  }
  Issued issued{.user = user, .challenge = std::move(challenge)};
  pending_[*handle] = {.issued = issued, .expires = now + kChallengeLife};
  return std::pair{*handle, std::move(issued)};
}

std::optional<KeyChallenges::Issued> KeyChallenges::take(const std::string& handle) {
  const TimePoint now = clock_->now();
  const std::scoped_lock lock(mutex_);
  const auto found = pending_.find(handle);
  if (found == pending_.end()) {
    return std::nullopt;
  }
  Pending pending = std::move(found->second);
  pending_.erase(found);
  if (pending.expires <= now) {
    return std::nullopt;
  }
  return std::move(pending.issued);
}

Result<std::string> bytes_of_hex(std::string_view hex, std::string_view what) {
  std::string out(hex.size() / 2, '\0');
  if (hex.size() % 2 != 0 ||
      !from_hex(hex, {reinterpret_cast<std::uint8_t*>(out.data()), out.size()})) {
    return fail(ErrorKind::kUsage, fmt::format("{} is not hex", what),
                fmt::format("{} 不是十六進位", what));
  }
  return out;
}

Result<workspace::SecurityKey> verify_registration(const NewSecurityKey& key,
                                                   std::string_view challenge,
                                                   const RelyingParty& party) {
  auto id = bytes_of_hex(key.credential_id, "credential_id");
  auto client = bytes_of_hex(key.client_data, "client_data");
  auto data = bytes_of_hex(key.authenticator_data, "authenticator_data");
  auto spki = bytes_of_hex(key.public_key, "public_key");
  for (const Result<std::string>* decoded : {&id, &client, &data, &spki}) {
    if (!*decoded) {
      return std::unexpected(decoded->error());
    }
  }
  if (Status checked = check_client_data(*client, challenge, party); !checked) {
    return std::unexpected(checked.error());
  }
  if (Status checked = check_authenticator_data(*data, *id, party); !checked) {
    return std::unexpected(checked.error());
  }
  if (Status checked = check_public_key(*spki, key.algorithm); !checked) {
    return std::unexpected(checked.error());
  }
  std::uint32_t counter = 0;
  for (std::size_t at = kFlagsAt + 1; at < kAttestedAt; ++at) {
    counter = (counter << 8U) | static_cast<std::uint8_t>((*data)[at]);
  }
  return workspace::SecurityKey{.id = hex_of(*id),
                                .name = {},
                                .public_key = hex_of(*spki),
                                .algorithm = key.algorithm,
                                .sign_count = counter,
                                .rp_id = party.id,
                                .added_at = {}};
}

Result<std::vector<workspace::SecurityKey>> security_keys_as(Session& session,
                                                             const Principal& who) {
  auto user = user_record(session, who.name);
  if (!user) {
    return std::unexpected(user.error());
  }
  return workspace::security_keys_of(*user);
}

Result<KeyRegistrationOptions> begin_key_registration_as(Session& session, const AdminAct& act,
                                                         KeyChallenges& challenges,
                                                         const RelyingParty& party) {
  if (Status fresh = need_fresh(act); !fresh) {
    return std::unexpected(fresh.error());
  }
  auto keys = security_keys_as(session, act.who);
  if (!keys) {
    return std::unexpected(keys.error());
  }
  auto issued = challenges.issue(act.who.name, "register:" + act.who.name);
  if (!issued) {
    return std::unexpected(issued.error());
  }
  KeyRegistrationOptions options{.challenge = hex_of(issued->second.challenge),
                                 .rp_id = party.id,
                                 .user_handle = sha256_hex(act.who.name),
                                 .user_name = act.who.name,
                                 .user_display = act.who.display,
                                 .exclude = {}};
  for (const workspace::SecurityKey& key : *keys) {
    options.exclude.push_back(key.id);
  }
  return options;
}

Result<workspace::SecurityKey> add_security_key_as(Session& session, const AdminAct& act,
                                                   KeyChallenges& challenges,
                                                   const RelyingParty& party,
                                                   const NewSecurityKey& key) {
  if (Status fresh = need_fresh(act); !fresh) {
    return std::unexpected(fresh.error());
  }
  const std::string name(trim(key.name));
  if (name.empty() || name.size() > kMaxKeyNameBytes) {
    return fail(ErrorKind::kUsage, "name the key (1 to 64 bytes), e.g. 'blue YubiKey'",
                "請為金鑰命名（1 至 64 位元組），例如「藍色 YubiKey」");
  }
  const auto issued = challenges.take("register:" + act.who.name);
  if (!issued) {
    return fail(ErrorKind::kUsage,
                "no registration is waiting for this key, or it took more than two minutes: "
                "start again",
                "沒有等待此金鑰之註冊，或已逾兩分鐘：請重新開始");
  }
  auto verified = verify_registration(key, issued->challenge, party);
  if (!verified) {
    return std::unexpected(verified.error());
  }
  verified->name = name;
  verified->added_at = session.clock().utc_now();
  Status added = session.workspace().update_user(
      act.who.name, "user.key_add",
      [&](store::UserRecord& user) -> Status {
        auto keys = workspace::security_keys_of(user);
        if (!keys) {
          return std::unexpected(keys.error());
        }
        if (std::ranges::any_of(*keys, [&](const auto& kept) { return kept.id == verified->id; })) {
          return fail(ErrorKind::kUsage, "this key is registered already", "此金鑰已註冊");
        }
        if (keys->size() >= kMaxKeysPerUser) {
          return fail(ErrorKind::kUsage,
                      fmt::format("you have {} keys, the most one user may keep: remove one first",
                                  keys->size()),
                      fmt::format("您已有 {} 支金鑰，已達上限：請先移除一支", keys->size()));
        }
        keys->push_back(*verified);
        user.security_keys = workspace::security_keys_text(*keys);
        return {};
      },
      session.actor());
  if (!added) {
    return std::unexpected(added.error());
  }
  return std::move(*verified);
}

Status remove_security_key_as(Session& session, const AdminAct& act, const std::string& user,
                              const std::string& id) {
  if (user != act.who.name) {
    if (Status allowed = require(act.who, Permission::kAdministerUsers); !allowed) {
      return allowed;
    }
  }
  if (Status fresh = need_fresh(act); !fresh) {
    return fresh;
  }
  return session.workspace().update_user(
      user, "user.key_remove",
      [&](store::UserRecord& record) -> Status {
        auto keys = workspace::security_keys_of(record);
        if (!keys) {
          return std::unexpected(keys.error());
        }
        if (std::erase_if(*keys, [&](const auto& key) { return key.id == id; }) == 0) {
          return fail(ErrorKind::kNotFound, fmt::format("{} has no security key {}", user, id),
                      fmt::format("{} 沒有安全金鑰 {}", user, id));
        }
        record.security_keys = workspace::security_keys_text(*keys);
        return {};
      },
      session.actor());
}

}  // namespace etguard::app
