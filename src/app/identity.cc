#include "app/identity.h"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>

#include "core/atomic_file.h"
#include "core/text.h"
#include "core/yaml_file.h"

namespace etguard::app {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

std::filesystem::path user_config_path() {
  if (const std::string explicit_path = environment("ETGUARD_CONFIG"); !explicit_path.empty()) {
    return explicit_path;
  }
  if (const std::string xdg = environment("XDG_CONFIG_HOME"); !xdg.empty()) {
    return std::filesystem::path(xdg) / "etguard" / "config.yaml";
  }
  std::string home = environment("HOME");
  if (home.empty()) {
    if (const passwd* account = ::getpwuid(::geteuid()); account != nullptr) {
      home = account->pw_dir;
    }
  }
  return std::filesystem::path(home) / ".config" / "etguard" / "config.yaml";
}

Result<std::map<std::string, std::string>> user_config() {
  const std::filesystem::path path = user_config_path();
  std::map<std::string, std::string> settings;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return settings;
  }
  auto root = load_yaml_file(path.string(), "the user configuration", "使用者設定檔");
  if (!root) {
    return std::unexpected(root.error());
  }
  if (root->is_null()) {
    return settings;
  }
  if (!root->is_map()) {
    return std::unexpected(yaml_error(path.string(), root->mark(),
                                      "expected a mapping such as 'user: {name: ...}'",
                                      "應為對應表，例如 'user: {name: ...}'"));
  }
  for (const YamlEntry& section : root->entries()) {
    for (const YamlEntry& entry : section.value.entries()) {
      const std::string key = fmt::format("{}.{}", section.key.scalar(), entry.key.scalar());
      if (key != kUserName && key != kUserEmail) {
        return std::unexpected(yaml_error(path.string(), entry.key.mark(),
                                          fmt::format("unknown setting '{}'", key),
                                          fmt::format("未知的設定 '{}'", key)));
      }
      settings[key] = std::string(entry.value.scalar());
    }
  }
  return settings;
}

Status set_user_config(const std::string& key, const std::string& value) {
  if (key != kUserName && key != kUserEmail) {
    return fail(ErrorKind::kUsage,
                fmt::format("unknown setting '{}'; use {} or {}", key, kUserName, kUserEmail),
                fmt::format("未知的設定 '{}'；可用 {} 或 {}", key, kUserName, kUserEmail));
  }
  if (const auto unsafe = unsafe_character_in(value)) {
    return fail(ErrorKind::kUsage, fmt::format("{} holds {}", key, describe(*unsafe, Lang::kEn)),
                fmt::format("{} 含 {}", key, describe(*unsafe, Lang::kZhTw)));
  }
  auto settings = user_config();
  if (!settings) {
    return std::unexpected(settings.error());
  }
  if (value.empty()) {
    settings->erase(key);
  } else {
    (*settings)[key] = value;
  }
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "user" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, setting] : *settings) {
    out << YAML::Key << name.substr(name.find('.') + 1) << YAML::Value << YAML::DoubleQuoted
        << setting;
  }
  out << YAML::EndMap << YAML::EndMap;
  const std::filesystem::path path = user_config_path();
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  return write_file_atomically(path, std::string(out.c_str()) + "\n");
}

Result<std::string> terminal_actor(const std::string& actor_option) {
  if (!actor_option.empty()) {
    return actor_option;
  }
  if (std::string from_environment = environment("ETGUARD_ACTOR"); !from_environment.empty()) {
    return from_environment;
  }
  auto settings = user_config();
  if (!settings) {
    return std::unexpected(settings.error());
  }
  if (settings->contains(std::string(kUserName))) {
    const std::string& name = settings->at(std::string(kUserName));
    const auto email = settings->find(std::string(kUserEmail));
    return email == settings->end() ? name : fmt::format("{} <{}>", name, email->second);
  }
  if (const passwd* account = ::getpwuid(::geteuid()); account != nullptr) {
    return std::string(account->pw_name);
  }
  return environment("USER");
}

}  // namespace etguard::app
