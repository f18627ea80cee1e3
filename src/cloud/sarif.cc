#include "cloud/sarif.h"

#include <fmt/format.h>

#include "cloud/json_document.h"
#include "core/text.h"

namespace etguard::cloud {
namespace {

// The string value after `"key"` and its colon at `from`; empty when what
// follows is no string.
std::string string_after(std::string_view text, std::size_t from) {
  const std::size_t colon = text.find_first_not_of(" \t\r\n", from);
  if (colon == std::string_view::npos || text[colon] != ':') {
    return {};
  }
  const std::size_t open = text.find_first_not_of(" \t\r\n", colon + 1);
  if (open == std::string_view::npos || text[open] != '"') {
    return {};
  }
  const std::size_t close = text.find('"', open + 1);
  return close == std::string_view::npos ? std::string()
                                         : std::string(text.substr(open + 1, close - open - 1));
}

}  // namespace

std::string sarif_driver_in(std::string_view head) {
  const std::size_t driver = head.find("\"driver\"");
  if (head.find("\"runs\"") == std::string_view::npos || driver == std::string_view::npos) {
    return {};
  }
  constexpr std::string_view kName = "\"name\"";
  const std::size_t name = head.find(kName, driver);
  return name == std::string_view::npos ? std::string()
                                        : ascii_lower(string_after(head, name + kName.size()));
}

std::string sarif_driver_of(const nlohmann::json& run) {
  const nlohmann::json* driver = at_path(run, "tool.driver");
  return driver == nullptr ? std::string() : ascii_lower(string_at(*driver, "name"));
}

Status for_each_sarif_result(const nlohmann::json& run, std::size_t index,
                             const SarifResultSink& sink) {
  std::size_t at = 0;
  for (const nlohmann::json& result : array_at(run, "results")) {
    SarifResult one;
    one.rule_id = string_at(result, "ruleId");
    one.suppressed = !array_at(result, "suppressions").empty();
    if (const nlohmann::json* location = at_path(result, "locations.0.physicalLocation");
        location != nullptr) {
      const nlohmann::json* artifact = at_path(*location, "artifactLocation");
      one.location = artifact == nullptr ? std::string() : string_at(*artifact, "uri");
      const nlohmann::json* line = at_path(*location, "region.startLine");
      if (line != nullptr && line->is_number_integer()) {
        one.location += fmt::format(":{}", line->get<std::int64_t>());
      }
    }
    if (const nlohmann::json* message = at_path(result, "message"); message != nullptr) {
      one.message = string_at(*message, "text");
    }
    one.where = fmt::format("run {}, results[{}]", index + 1, at);
    if (Status handed = sink(one); !handed) {
      return handed;
    }
    ++at;
  }
  return {};
}

}  // namespace etguard::cloud
