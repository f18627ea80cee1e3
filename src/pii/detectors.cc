#include "pii/detectors.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>

#include "core/text.h"
#include "core/yaml_file.h"

namespace etguard::pii {
namespace {

std::optional<Validator> parse_validator(const std::string& name) {
  if (name == "none") {
    return Validator::kNone;
  }
  if (name == "luhn") {
    return Validator::kLuhn;
  }
  if (name == "tw_id") {
    return Validator::kTwId;
  }
  if (name == "ubn") {
    return Validator::kBusinessNumber;
  }
  if (name == "tw_mobile") {
    return Validator::kMobile;
  }
  if (name == "tw_landline") {
    return Validator::kLandline;
  }
  if (name == "ipv4") {
    return Validator::kIpv4;
  }
  return std::nullopt;
}

bool valid_name(const std::string& name) {
  return !name.empty() && std::ranges::all_of(name, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string context_word(std::string_view text) {
  std::string word = ascii_lower(text);
  // Multi-word labels match adjacent tokens: "employee id" -> "employeeid".
  std::erase(word, ' ');
  return word;
}

}  // namespace

Result<std::vector<CustomDetector>> load_detectors(const std::string& path) {
  auto loaded = load_yaml_file(path, "the rules file", "規則檔");
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  const YAML::Node root = *loaded;
  const YAML::Node list = root["detectors"];
  if (!root.IsMap() || !list || !list.IsSequence()) {
    return std::unexpected(yaml_error(path, root.Mark(), "expected a map with a 'detectors' list",
                                      "應為含 detectors 清單的對應表"));
  }
  std::vector<CustomDetector> detectors;
  try {
    for (const YAML::Node& node : list) {
      CustomDetector detector;
      if (!node.IsMap() || !node["name"] || !node["pattern"]) {
        return std::unexpected(yaml_error(path, node.Mark(),
                                          "a detector needs 'name' and 'pattern'",
                                          "偵測規則需有 name 與 pattern"));
      }
      detector.name = node["name"].as<std::string>();
      if (!valid_name(detector.name)) {
        return std::unexpected(yaml_error(
            path, node["name"].Mark(),
            fmt::format("name '{}': use upper-case letters, digits and _", detector.name),
            fmt::format("名稱 '{}'：請用大寫英文字母、數字與底線", detector.name)));
      }
      detector.pattern = node["pattern"].as<std::string>();
      const std::string validator =
          node["validator"] ? node["validator"].as<std::string>() : std::string("none");
      const auto parsed = parse_validator(validator);
      if (!parsed) {
        return std::unexpected(
            yaml_error(path, node["validator"].Mark(),
                       fmt::format("unknown validator '{}'; use none, luhn, tw_id, ubn, tw_mobile, "
                                   "tw_landline or ipv4",
                                   validator),
                       fmt::format("未知的驗證方式 '{}'", validator)));
      }
      detector.validator = *parsed;
      if (const YAML::Node context = node["context"]) {
        if (!context.IsSequence()) {
          return std::unexpected(
              yaml_error(path, context.Mark(), "'context' must be a list", "context 應為清單"));
        }
        for (const YAML::Node& word : context) {
          detector.context.push_back(context_word(word.as<std::string>()));
        }
      }
      detector.context_required =
          node["context_required"] ? node["context_required"].as<bool>() : false;
      if (detector.context_required && detector.context.empty()) {
        return std::unexpected(yaml_error(path, node.Mark(),
                                          "context_required needs 'context' words",
                                          "context_required 需搭配 context 詞"));
      }
      detectors.push_back(std::move(detector));
    }
  } catch (const YAML::Exception& error) {
    return std::unexpected(yaml_error(path, error.mark, error.msg, error.msg));
  }
  return detectors;
}

}  // namespace etguard::pii
