#include "report/oscal_results.h"

#include <fmt/format.h>

#include <map>

#include "core/uuid.h"
#include "report/results_table.h"

namespace etguard::report {
namespace {

using Json = nlohmann::ordered_json;

Json prop(std::string_view name, std::string_view value) {
  return Json{{"name", name}, {"ns", "https://etguard.invalid/ns/oscal"}, {"value", value}};
}

// OSCAL date-times need a time zone; evidence times are UTC already.
std::string date_time(const std::string& text) {
  if (text.size() == 10) {
    return text + "T00:00:00Z";
  }
  return text.ends_with('Z') ? text : text + "Z";
}

}  // namespace

Result<Json> oscal_assessment_results(const ReportInput& input) {
  const std::string scope = fmt::format("{}:{}", input.registers->profile.name, input.today);
  auto uuid = [&](const std::string& what) {
    return name_based_uuid("assessment-results:" + scope + ":" + what);
  };
  auto document_id = uuid("document");
  auto result_id = uuid("result");
  if (!document_id || !result_id) {
    return std::unexpected(!document_id ? document_id.error() : result_id.error());
  }
  const bool zh = input.lang == Lang::kZhTw;
  Json observations = Json::array();
  for (const assess::Evidence& item : *input.evidence) {
    auto id = uuid(fmt::format("evidence:{}", item.id));
    if (!id) {
      return std::unexpected(id.error());
    }
    const std::string href =
        !item.uri.empty() ? item.uri : "etguard-evidence:sha256:" + item.sha256;
    Json observation{
        {"uuid", *id},
        {"title", item.name},
        {"description", fmt::format("{} {} — {}", item.node_id, item.object, item.name)},
        {"props", Json::array({prop("requirement", item.node_id), prop("object", item.object)})},
        {"methods", Json::array({item.kind == "scan" ? "TEST" : "EXAMINE"})},
        {"relevant-evidence", Json::array({Json{{"href", href}, {"description", item.name}}})},
        {"collected", date_time(item.added_at)}};
    if (!item.effective_to.empty()) {
      observation["expires"] = date_time(item.effective_to);
    }
    if (item.kind == "scan") {
      observation["props"].push_back(prop("check", item.check_id));
      observation["props"].push_back(prop("verdict", assess::verdict_name(item)));
    }
    if (item.withdrawn()) {
      observation["remarks"] =
          item.superseded_by != 0
              ? fmt::format("Superseded by evidence {} on {}: {}", item.superseded_by,
                            item.withdrawn_at, item.withdrawn_reason)
              : fmt::format("Withdrawn on {}: {}", item.withdrawn_at, item.withdrawn_reason);
    }
    observations.push_back(observation);
  }
  // Observations by (requirement, object), so each finding finds its own at once.
  std::map<std::pair<std::string_view, std::string_view>, std::vector<std::size_t>> observed;
  for (std::size_t i = 0; i < input.evidence->size(); ++i) {
    observed[{(*input.evidence)[i].node_id, (*input.evidence)[i].object}].push_back(i);
  }
  const assess::ResultIndex results(*input.results);
  Json findings = Json::array();
  for (const assess::StatusLine& line : *input.lines) {
    if (line.status == assess::ResultStatus::kNotAssessed) {
      continue;  // no determination yet: not a finding
    }
    auto id = uuid(fmt::format("finding:{}:{}", line.node->id, line.object));
    if (!id) {
      return std::unexpected(id.error());
    }
    const bool satisfied = line.status == assess::ResultStatus::kCompliant ||
                           line.status == assess::ResultStatus::kNotApplicable ||
                           line.status == assess::ResultStatus::kCompensating;
    const char* reason = line.status == assess::ResultStatus::kCompliant ? "pass"
                         : satisfied                                     ? "other"
                                                                         : "fail";
    Json status{{"state", satisfied ? "satisfied" : "not-satisfied"}, {"reason", reason}};
    const assess::Result* result = results.find(line.node->id, line.object);
    std::string remarks;
    if (result != nullptr) {
      remarks = result->justification.empty() ? result->note : result->justification;
    }
    if (!remarks.empty()) {
      status["remarks"] = remarks;
    }
    Json finding{{"uuid", *id},
                 {"title", fmt::format("{} — {}", line.node->id, line.object)},
                 {"description", std::string(assess::describe(line.status).in(input.lang))},
                 {"props", Json::array({prop("object", line.object),
                                        prop("status", assess::to_string(line.status)),
                                        prop("due-state", due_code(line.state))})},
                 {"target",
                  {{"type", "statement-id"},
                   {"target-id", std::string(line.node->id) + "_smt"},
                   {"status", status}}}};
    if (auto own = observed.find({line.node->id, line.object}); own != observed.end()) {
      Json related = Json::array();
      for (std::size_t i : own->second) {
        related.push_back(Json{{"observation-uuid", observations[i]["uuid"]}});
      }
      finding["related-observations"] = related;
    }
    findings.push_back(finding);
  }
  Json result{{"uuid", *result_id},
              {"title", zh ? "新興科技資通安全管控指引評估"
                           : "Emerging Technology Cybersecurity Control Guideline assessment"},
              {"description", fmt::format("{} — {}", input.registers->profile.name, input.today)},
              {"start", date_time(input.today)},
              {"reviewed-controls",
               {{"control-selections", Json::array({Json{{"include-all", Json::object()}}})}}}};
  if (!observations.empty()) {
    result["observations"] = observations;
  }
  if (!findings.empty()) {
    result["findings"] = findings;
  }
  Json metadata{{"title", fmt::format("{} — {}", input.registers->profile.name,
                                      zh ? "新興科技資通安全管控指引評估結果"
                                         : "guideline assessment results")},
                {"last-modified", date_time(input.today)},
                {"version", input.today},
                {"oscal-version", "1.2.1"}};
  return Json{{"assessment-results",
               {{"uuid", *document_id},
                {"metadata", metadata},
                {"import-ap",
                 {{"href", "#etguard-workspace"},
                  {"remarks", "etguard workspace; no separate assessment plan"}}},
                {"results", Json::array({result})}}}};
}

}  // namespace etguard::report
