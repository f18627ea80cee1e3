#include "checks/findings_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "checks/output.h"
#include "checks/registry.h"
#include "core/clock.h"

namespace etguard::check {
namespace {

using DocumentJson = nlohmann::ordered_json;

constexpr std::string_view kSchema = "etguard.findings_push";
constexpr std::string_view kVersion = "1.0";
constexpr std::size_t kMaxTextBytes = 4096;

// Reads one document, each problem located by its member path.
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  Error error(const std::string& where, const std::string& en, const std::string& zh) const {
    return {ErrorKind::kUsage, fmt::format("{}: {}: {}", source_, where, en),
            fmt::format("{}：{}：{}", source_, where, zh)};
  }

  // A string member (absent: `fallback`, when one is given).
  Result<std::string> text(const DocumentJson& object, const std::string& where, const char* key,
                           std::optional<std::string> fallback = std::nullopt) const {
    const auto found = object.find(key);
    const std::string at = fmt::format("{}.{}", where, key);
    if (found == object.end()) {
      if (fallback) {
        return *fallback;
      }
      return std::unexpected(error(at, "missing", "缺少此欄位"));
    }
    if (!found->is_string()) {
      return std::unexpected(error(at, "must be a string", "須為字串"));
    }
    auto value = found->get<std::string>();
    if (value.size() > kMaxTextBytes) {
      return std::unexpected(error(at, fmt::format("longer than {} bytes", kMaxTextBytes),
                                   fmt::format("超過 {} 位元組", kMaxTextBytes)));
    }
    return value;
  }

  Result<std::string> time(const DocumentJson& object, const std::string& where,
                           const char* key) const {
    auto value = text(object, where, key);
    if (value && !parse_utc(*value)) {
      return std::unexpected(error(fmt::format("{}.{}", where, key),
                                   fmt::format("'{}' is not an RFC 3339 UTC time", *value),
                                   fmt::format("「{}」不是 RFC 3339 UTC 時間", *value)));
    }
    return value;
  }

  Result<Finding> finding(const DocumentJson& item, const std::string& where,
                          const std::map<std::string_view, const CheckInfo*>& checks) const {
    if (!item.is_object()) {
      return std::unexpected(error(where, "must be an object", "須為鍵值結構（{…}）"));
    }
    auto check_id = text(item, where, "check_id");
    if (!check_id) {
      return std::unexpected(check_id.error());
    }
    const auto check = checks.find(*check_id);
    if (check == checks.end()) {
      return std::unexpected(error(where + ".check_id",
                                   fmt::format("'{}' is not a check this etguard knows", *check_id),
                                   fmt::format("「{}」不是本版 etguard 之檢測", *check_id)));
    }
    auto target = text(item, where, "target");
    auto verdict_text = text(item, where, "verdict");
    auto started = time(item, where, "started_at");
    auto finished = time(item, where, "finished_at");
    for (const auto* field : {&target, &verdict_text, &started, &finished}) {
      if (!*field) {
        return std::unexpected(field->error());
      }
    }
    const auto verdict = parse_verdict(*verdict_text);
    if (!verdict) {
      return std::unexpected(error(where + ".verdict",
                                   fmt::format("'{}' is not a verdict (pass, fail, "
                                               "not_applicable, error)",
                                               *verdict_text),
                                   fmt::format("「{}」不是判定結果", *verdict_text)));
    }
    Assessment assessment;
    assessment.verdict = *verdict;
    auto reasons = reasons_of(item, where);
    if (!reasons) {
      return std::unexpected(reasons.error());
    }
    assessment.reasons = std::move(*reasons);
    if (const auto evidence = item.find("evidence"); evidence != item.end()) {
      if (!evidence->is_object()) {
        return std::unexpected(
            error(where + ".evidence", "must be an object", "須為鍵值結構（{…}）"));
      }
      assessment.evidence = *evidence;
    }
    auto nodes = nodes_of(item, where, *check->second);
    if (!nodes) {
      return std::unexpected(nodes.error());
    }
    assessment.nodes = std::move(*nodes);
    return make_finding(*check->second, std::move(*target), std::move(assessment),
                        std::move(*started), std::move(*finished));
  }

 private:
  Result<std::vector<Reason>> reasons_of(const DocumentJson& item, const std::string& where) const {
    std::vector<Reason> reasons;
    const auto details = item.find("details");
    if (details == item.end()) {
      return reasons;
    }
    if (!details->is_array()) {
      return std::unexpected(error(where + ".details", "must be an array", "須為陣列"));
    }
    for (std::size_t i = 0; i < details->size(); ++i) {
      const DocumentJson& detail = (*details)[i];
      const std::string at = fmt::format("{}.details[{}]", where, i);
      if (!detail.is_object()) {
        return std::unexpected(error(at, "must be an object", "須為鍵值結構（{…}）"));
      }
      auto code = text(detail, at, "code");
      auto severity = text(detail, at, "severity");
      auto en = text(detail, at, "en", "");
      auto zh = text(detail, at, "zh", "");
      for (const auto* field : {&code, &severity, &en, &zh}) {
        if (!*field) {
          return std::unexpected(field->error());
        }
      }
      if (*severity != "fail" && *severity != "warning") {
        return std::unexpected(
            error(at + ".severity", "must be fail or warning", "須為 fail 或 warning"));
      }
      reasons.push_back({std::move(*code), std::move(*en), std::move(*zh), *severity == "warning"});
    }
    return reasons;
  }

  // The requirements the finding speaks to, each one of its check's.
  Result<std::vector<std::string>> nodes_of(const DocumentJson& item, const std::string& where,
                                            const CheckInfo& check) const {
    std::vector<std::string> nodes;
    const auto listed = item.find("assessed_node_ids");
    if (listed == item.end()) {
      return nodes;
    }
    const std::string at = where + ".assessed_node_ids";
    if (!listed->is_array()) {
      return std::unexpected(error(at, "must be an array", "須為陣列"));
    }
    for (const DocumentJson& node : *listed) {
      const bool known =
          node.is_string() &&
          (std::ranges::find(check.node_ids, node.get<std::string>()) != check.node_ids.end() ||
           std::ranges::find(check.partial_node_ids, node.get<std::string>()) !=
               check.partial_node_ids.end());
      if (!known) {
        return std::unexpected(
            error(at, fmt::format("{} is not a requirement of {}", node.dump(), check.id),
                  fmt::format("{} 不是 {} 之要求", node.dump(), check.id)));
      }
      nodes.push_back(node.get<std::string>());
    }
    return nodes;
  }

  std::string_view source_;
};

}  // namespace

DocumentJson findings_document_json(const FindingsDocument& document) {
  DocumentJson findings = DocumentJson::array();
  for (const Finding& finding : document.findings) {
    DocumentJson record = finding_json(finding);
    if (!finding.assessment.nodes.empty()) {
      record["assessed_node_ids"] = finding.assessment.nodes;
    }
    findings.push_back(std::move(record));
  }
  return {{"schema", kSchema},
          {"version", kVersion},
          {"object", document.object},
          {"period_from", document.period_from},
          {"period_to", document.period_to},
          {"findings", std::move(findings)}};
}

Result<FindingsDocument> parse_findings_document(std::string_view body, std::string_view source) {
  const Reader reader(source);
  DocumentJson document;
  try {
    document = DocumentJson::parse(body);
  } catch (const DocumentJson::parse_error& problem) {
    return std::unexpected(reader.error(fmt::format("byte {}", problem.byte),
                                        "not JSON (" + std::string(problem.what()) + ")",
                                        "不是 JSON（" + std::string(problem.what()) + "）"));
  } catch (const DocumentJson::exception& problem) {  // a number out of range (found by fuzzing)
    return std::unexpected(reader.error("$", "not JSON (" + std::string(problem.what()) + ")",
                                        "不是 JSON（" + std::string(problem.what()) + "）"));
  }
  if (!document.is_object()) {
    return std::unexpected(reader.error("$", "must be an object", "須為鍵值結構（{…}）"));
  }
  auto schema = reader.text(document, "$", "schema");
  auto version = reader.text(document, "$", "version");
  if (!schema || !version) {
    return std::unexpected(!schema ? schema.error() : version.error());
  }
  if (*schema != kSchema || !version->starts_with("1.")) {
    return std::unexpected(
        reader.error("$.schema", fmt::format("'{} {}' is not {} 1.x", *schema, *version, kSchema),
                     fmt::format("「{} {}」不是 {} 1.x", *schema, *version, kSchema)));
  }
  FindingsDocument read;
  auto object = reader.text(document, "$", "object", "");
  auto from = reader.text(document, "$", "period_from", "");
  auto to = reader.text(document, "$", "period_to", "");
  for (const auto* field : {&object, &from, &to}) {
    if (!*field) {
      return std::unexpected(field->error());
    }
  }
  for (const auto& [value, key] : {std::pair{&*from, "period_from"}, {&*to, "period_to"}}) {
    if (!value->empty() && !parse_utc(*value)) {
      return std::unexpected(reader.error(fmt::format("$.{}", key),
                                          fmt::format("'{}' is not a date", *value),
                                          fmt::format("「{}」不是日期", *value)));
    }
  }
  read.object = std::move(*object);
  read.period_from = std::move(*from);
  read.period_to = std::move(*to);
  const auto findings = document.find("findings");
  if (findings == document.end() || !findings->is_array() || findings->empty()) {
    return std::unexpected(reader.error("$.findings", "must be a non-empty array", "須為非空陣列"));
  }
  if (findings->size() > kMaxDocumentFindings) {
    return std::unexpected(
        reader.error("$.findings",
                     fmt::format("more than {} findings; push them in parts", kMaxDocumentFindings),
                     fmt::format("超過 {} 筆發現事項；請分批上傳", kMaxDocumentFindings)));
  }
  std::map<std::string_view, const CheckInfo*> checks;
  for (const CheckInfo* info : checks::all_checks()) {
    checks.emplace(info->id, info);
  }
  for (std::size_t i = 0; i < findings->size(); ++i) {
    auto finding = reader.finding((*findings)[i], fmt::format("$.findings[{}]", i), checks);
    if (!finding) {
      return std::unexpected(finding.error());
    }
    read.findings.push_back(std::move(*finding));
  }
  return read;
}

}  // namespace etguard::check
