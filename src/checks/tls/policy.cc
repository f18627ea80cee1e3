#include "checks/tls/policy.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>

namespace etguard::tls_checks {

Result<TlsPolicy> load_tls_policy(const std::string& path) {
  TlsPolicy policy;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return fail(ErrorKind::kNotFound, fmt::format("{}: cannot open the policy file", path),
                fmt::format("{}：無法開啟政策檔", path));
  } catch (const YAML::Exception& error) {
    return fail(ErrorKind::kInput, fmt::format("{}:{}:{}: {}", path, error.mark.line + 1,
                                               error.mark.column + 1, error.msg));
  }
  if (root.IsNull()) {
    return policy;
  }
  if (!root.IsMap()) {
    return fail(ErrorKind::kInput,
                fmt::format("{}:1: the policy must be a mapping of settings", path),
                fmt::format("{}:1：政策檔須為設定對應表", path));
  }
  const std::map<std::string, bool*> flags = {
      {"admit_curve25519_448", &policy.admit_curve25519_448},
      {"admit_chacha20", &policy.admit_chacha20},
      {"admit_camellia_aria", &policy.admit_camellia_aria},
      {"finite_field_dh_fails", &policy.finite_field_dh_fails},
      {"sha1_mac_fails", &policy.sha1_mac_fails},
      {"short_tag_fails", &policy.short_tag_fails},
      {"untrusted_fails", &policy.untrusted_fails},
  };
  const std::map<std::string, int*> numbers = {
      {"min_rsa_bits", &policy.min_rsa_bits},
      {"min_ec_bits", &policy.min_ec_bits},
      {"min_dh_bits", &policy.min_dh_bits},
  };
  for (const auto& entry : root) {
    const auto key = entry.first.as<std::string>();
    const YAML::Mark mark = entry.first.Mark();
    const std::string where = fmt::format("{}:{}:{}", path, mark.line + 1, mark.column + 1);
    try {
      if (auto flag = flags.find(key); flag != flags.end()) {
        *flag->second = entry.second.as<bool>();
      } else if (auto number = numbers.find(key); number != numbers.end()) {
        *number->second = entry.second.as<int>();
        if (*number->second < 0 || *number->second > 65536) {
          return fail(ErrorKind::kInput,
                      fmt::format("{}: {} must be between 0 and 65536", where, key),
                      fmt::format("{}：{} 須介於 0 與 65536 之間", where, key));
        }
      } else {
        return fail(ErrorKind::kInput, fmt::format("{}: unknown setting '{}'", where, key),
                    fmt::format("{}：未知的設定 '{}'", where, key));
      }
    } catch (const YAML::Exception&) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}: '{}' has a value of the wrong type", where, key),
                  fmt::format("{}：'{}' 的值型別錯誤", where, key));
    }
  }
  return policy;
}

}  // namespace etguard::tls_checks
