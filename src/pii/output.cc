#include "pii/output.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "pii/types.h"

namespace etguard::pii {

using Json = nlohmann::ordered_json;

// Strings that are not plain ASCII or UTF-8 without quotes or controls go
// through nlohmann's escaping.
void append_finding_line(std::string& out, std::string_view file_json, std::string_view type,
                         const FileFinding& finding) {
  const bool plain = std::ranges::none_of(finding.preview, [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
  if (plain) {
    fmt::format_to(
        std::back_inserter(out),
        FMT_COMPILE(R"({{"record":"finding","file":{},"offset":{},"length":{},"line":{},)"
                    R"("column":{},"type":"{}","masked":"{}"}})"
                    "\n"),
        file_json, finding.offset, finding.length, finding.line, finding.column, type,
        finding.preview);
    return;
  }
  fmt::format_to(
      std::back_inserter(out),
      FMT_COMPILE(R"({{"record":"finding","file":{},"offset":{},"length":{},"line":{},"column":{},)"
                  R"("type":"{}","masked":{}}})"
                  "\n"),
      file_json, finding.offset, finding.length, finding.line, finding.column, type,
      Json(finding.preview).dump(-1, ' ', false, Json::error_handler_t::replace));
}

Json summary_json(const ScanSummary& summary, double seconds) {
  Json by_file = Json::object();
  for (const auto& [file, types] : summary.by_file) {
    Json counts = Json::object();
    for (const auto& [type, count] : types) {
      counts[type] = count;
    }
    by_file[file] = counts;
  }
  Json by_type = Json::object();
  for (const auto& [type, count] : summary.by_type) {
    by_type[type] = count;
  }
  return Json{{"record", "summary"},
              {"format", "etguard.pii"},
              {"version", kSummaryFormatVersion},
              {"files", summary.files},
              {"bytes", summary.bytes},
              {"findings", summary.findings},
              {"seconds", seconds},
              {"by_type", by_type},
              {"by_file", by_file},
              {"unreadable", summary.unreadable},
              {"notes", summary.notes}};
}

Json sarif(const Scanner& scanner, const std::vector<FileResult>& files) {
  Json rules = Json::array();
  for (std::size_t index = 0; index < scanner.type_count(); ++index) {
    const auto type = static_cast<std::uint16_t>(index);
    rules.push_back({{"id", scanner.type_name(type)},
                     {"shortDescription",
                      {{"text", type < kBuiltinTypeCount
                                    ? std::string(type_title(static_cast<PiiType>(type)).en)
                                    : std::string(scanner.type_name(type))}}}});
  }
  Json results = Json::array();
  for (const FileResult& file : files) {
    for (const FileFinding& finding : file.findings) {
      results.push_back(
          {{"ruleId", scanner.type_name(finding.type)},
           {"level", "error"},
           {"message",
            {{"text", fmt::format("{} {}", scanner.type_name(finding.type), finding.preview)}}},
           {"locations", Json::array({{{"physicalLocation",
                                        {{"artifactLocation", {{"uri", file.input.name}}},
                                         {"region",
                                          {{"byteOffset", finding.offset},
                                           {"byteLength", finding.length},
                                           {"startLine", finding.line},
                                           {"startColumn", finding.column}}}}}}})}});
    }
  }
  return Json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({{{"tool",
                                      {{"driver",
                                        {{"name", "etguard"},
                                         {"informationUri", "https://example.invalid/etguard"},
                                         {"rules", rules}}}}},
                                     {"results", results}}})}};
}

}  // namespace etguard::pii
