#include "workspace/security_keys.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace etguard::workspace {
namespace {

using KeyJson = nlohmann::json;

Error malformed(const std::string& user, std::string_view problem) {
  return {ErrorKind::kInternal,
          fmt::format("the security keys of user {} are not readable: {}", user, problem),
          fmt::format("使用者 {} 之安全金鑰無法讀取：{}", user, problem)};
}

}  // namespace

Result<std::vector<SecurityKey>> security_keys_of(const store::UserRecord& user) {
  const KeyJson keys = KeyJson::parse(user.security_keys, nullptr, false);
  if (keys.is_discarded() || !keys.is_array()) {
    return std::unexpected(malformed(user.name, "not a JSON array"));
  }
  std::vector<SecurityKey> out;
  out.reserve(keys.size());
  for (const KeyJson& key : keys) {
    const bool shaped = key.is_object() && key.contains("id") && key["id"].is_string() &&
                        key.contains("name") && key["name"].is_string() &&
                        key.contains("public_key") && key["public_key"].is_string() &&
                        key.contains("algorithm") && key["algorithm"].is_number_integer() &&
                        key.contains("sign_count") && key["sign_count"].is_number_unsigned() &&
                        key.contains("rp_id") && key["rp_id"].is_string() &&
                        key.contains("added_at") && key["added_at"].is_string();
    if (!shaped || key["sign_count"].get<std::uint64_t>() > UINT32_MAX) {
      return std::unexpected(
          malformed(user.name, "a key lacks a field or has one of another type"));
    }
    out.push_back({.id = key["id"].get<std::string>(),
                   .name = key["name"].get<std::string>(),
                   .public_key = key["public_key"].get<std::string>(),
                   .algorithm = key["algorithm"].get<int>(),
                   .sign_count = key["sign_count"].get<std::uint32_t>(),
                   .rp_id = key["rp_id"].get<std::string>(),
                   .added_at = key["added_at"].get<std::string>()});
  }
  return out;
}

std::string security_keys_text(const std::vector<SecurityKey>& keys) {
  KeyJson out = KeyJson::array();
  for (const SecurityKey& key : keys) {
    out.push_back({{"id", key.id},
                   {"name", key.name},
                   {"public_key", key.public_key},
                   {"algorithm", key.algorithm},
                   {"sign_count", key.sign_count},
                   {"rp_id", key.rp_id},
                   {"added_at", key.added_at}});
  }
  return out.dump();
}

}  // namespace etguard::workspace
