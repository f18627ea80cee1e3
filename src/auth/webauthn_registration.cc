#include "auth/webauthn_registration.h"

#include <fmt/format.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "etauth/crypto.h"

namespace etguard::auth {
namespace {

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
  if (!same(text("challenge"), to_base64url(challenge))) {
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

Result<std::string> bytes_of_hex(std::string_view hex, std::string_view what) {
  auto bytes = hex_to_bytes(hex);
  if (!bytes) {
    return fail(ErrorKind::kUsage, fmt::format("{} is not hex", what),
                fmt::format("{} 不是十六進位", what));
  }
  return std::move(*bytes);
}

Result<RegisteredKey> verify_registration(const KeyRegistration& key, std::string_view challenge,
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
  return RegisteredKey{.id = bytes_to_hex(*id),
                       .public_key = bytes_to_hex(*spki),
                       .algorithm = key.algorithm,
                       .sign_count = counter,
                       .rp_id = party.id};
}

}  // namespace etguard::auth
