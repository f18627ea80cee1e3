#include "checks/tls/policy.h"

#include <fmt/format.h>

#include <functional>
#include <map>

#include "core/yaml_file.h"

namespace etguard::tls_checks {

Result<TlsPolicy> load_tls_policy(const std::string& path) {
  TlsPolicy policy;
  auto root = load_yaml_file(path, "the policy file", "政策檔");
  if (!root) {
    return std::unexpected(root.error());
  }
  if (root->is_null()) {
    return policy;
  }
  YamlProblems problems(path);
  if (!root->is_map()) {
    problems.add(root->mark(), "not-a-mapping", "the policy must be a mapping of settings",
                 "政策檔須為設定對應表");
    return std::unexpected(problems.error());
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
  for (const auto& entry : root->entries()) {
    const YamlMark mark = entry.key.mark();
    const std::string key(entry.key.scalar());  // plain and unique: parse_yaml_document
    const auto wrong_type = [&] {
      problems.add(entry.value.mark(), "bad-type",
                   fmt::format("'{}' has a value of the wrong type", key),
                   fmt::format("'{}' 的值型別錯誤", key));
    };
    if (auto flag = flags.find(key); flag != flags.end()) {
      if (const auto value = yaml_bool(entry.value)) {
        *flag->second = *value;
      } else {
        wrong_type();
      }
    } else if (auto number = numbers.find(key); number != numbers.end()) {
      const auto value = yaml_integer(entry.value);
      if (!value) {
        wrong_type();
      } else if (*value < 0 || *value > 65536) {
        problems.add(entry.value.mark(), "out-of-range",
                     fmt::format("{} must be between 0 and 65536", key),
                     fmt::format("{} 須介於 0 與 65536 之間", key));
      } else {
        *number->second = static_cast<int>(*value);
      }
    } else {
      problems.add(mark, "unknown-key", fmt::format("unknown setting '{}'", key),
                   fmt::format("未知的設定 '{}'", key));
    }
  }
  if (!problems.empty()) {
    return std::unexpected(problems.error());
  }
  return policy;
}

}  // namespace etguard::tls_checks
