#include "pii/detectors.h"

#include <fmt/format.h>

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

Result<CustomDetector> read_detector(const std::string& path, const YamlNode& node) {
  CustomDetector detector;
  if (!node.is_map() || !node["name"] || !node["pattern"]) {
    return std::unexpected(yaml_error(path, node.mark(), "a detector needs 'name' and 'pattern'",
                                      "偵測規則需有 name 與 pattern"));
  }
  auto name = yaml_as_text(path, node["name"]);
  if (!name) {
    return std::unexpected(name.error());
  }
  detector.name = std::move(*name);
  if (!valid_name(detector.name)) {
    return std::unexpected(
        yaml_error(path, node["name"].mark(),
                   fmt::format("name '{}': use upper-case letters, digits and _", detector.name),
                   fmt::format("名稱 '{}'：請用大寫英文字母、數字與底線", detector.name)));
  }
  auto pattern = yaml_as_text(path, node["pattern"]);
  if (!pattern) {
    return std::unexpected(pattern.error());
  }
  detector.pattern = std::move(*pattern);
  const auto validator =
      node["validator"] ? yaml_as_text(path, node["validator"]) : std::string("none");
  if (!validator) {
    return std::unexpected(validator.error());
  }
  const auto parsed = parse_validator(*validator);
  if (!parsed) {
    return std::unexpected(
        yaml_error(path, node["validator"].mark(),
                   fmt::format("unknown validator '{}'; use none, luhn, tw_id, ubn, tw_mobile, "
                               "tw_landline or ipv4",
                               *validator),
                   fmt::format("未知的驗證方式 '{}'", *validator)));
  }
  detector.validator = *parsed;
  if (const YamlNode context = node["context"]) {
    if (!context.is_sequence()) {
      return std::unexpected(
          yaml_error(path, context.mark(), "'context' must be a list", "context 應為清單"));
    }
    for (const YamlNode& word : context.items()) {
      auto text = yaml_as_text(path, word);
      if (!text) {
        return std::unexpected(text.error());
      }
      detector.context.push_back(context_word(*text));
    }
  }
  if (const YamlNode required = node["context_required"]) {
    const auto flag = yaml_as_flag(path, required);
    if (!flag) {
      return std::unexpected(flag.error());
    }
    detector.context_required = *flag;
  }
  if (detector.context_required && detector.context.empty()) {
    return std::unexpected(yaml_error(path, node.mark(), "context_required needs 'context' words",
                                      "context_required 需搭配 context 詞"));
  }
  return detector;
}

}  // namespace

Result<std::vector<CustomDetector>> read_detectors(const std::string& path, const YamlNode& list) {
  if (!list.is_sequence()) {
    return std::unexpected(
        yaml_error(path, list.mark(), "'detectors' must be a list", "detectors 應為清單"));
  }
  std::vector<CustomDetector> detectors;
  detectors.reserve(list.size());
  for (const YamlNode& node : list.items()) {
    auto detector = read_detector(path, node);
    if (!detector) {
      return std::unexpected(detector.error());
    }
    detectors.push_back(std::move(*detector));
  }
  return detectors;
}

Result<std::vector<CustomDetector>> load_detectors(const std::string& path) {
  auto loaded = load_yaml_file(path, "the rules file", "規則檔");
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  const YamlNode root = *loaded;
  const YamlNode list = root["detectors"];
  if (!root.is_map() || !list || !list.is_sequence()) {
    return std::unexpected(yaml_error(path, root.mark(), "expected a map with a 'detectors' list",
                                      "應為含 detectors 清單的對應表"));
  }
  return read_detectors(path, list);
}

}  // namespace etguard::pii
