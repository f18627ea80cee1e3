#include "checks/output.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/ocsf.h"

namespace etguard::check {
namespace {

using Json = nlohmann::ordered_json;

int ocsf_severity(Severity severity) {
  switch (severity) {
    case Severity::kLow:
      return 2;
    case Severity::kMedium:
      return 3;
    case Severity::kHigh:
      return 4;
    case Severity::kCritical:
      return 5;
  }
  return 4;
}

// RFC 3339 UTC to milliseconds since the epoch (OCSF timestamp_t).
long long epoch_ms(const std::string& rfc3339) {
  std::tm parts{};
  if (std::sscanf(rfc3339.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &parts.tm_year, &parts.tm_mon,
                  &parts.tm_mday, &parts.tm_hour, &parts.tm_min, &parts.tm_sec) != 6) {
    return 0;
  }
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  return static_cast<long long>(timegm(&parts)) * 1000;
}

Json node_list(std::span<const std::string_view> nodes) {
  Json ids = Json::array();
  for (std::string_view id : nodes) {
    ids.push_back(id);
  }
  return ids;
}

std::string joined_text(const Assessment& assessment, bool chinese) {
  std::string text;
  for (const Reason& reason : assessment.reasons) {
    if (!text.empty()) {
      text += chinese ? "；" : "; ";
    }
    text += chinese ? reason.zh : reason.en;
  }
  return text;
}

}  // namespace

Json sarif_log(std::span<const SarifArtifact> artifacts) {
  Json rules = Json::array();
  std::vector<std::string_view> ruled;
  Json results = Json::array();
  for (const SarifArtifact& artifact : artifacts) {
    for (const Finding& finding : artifact.findings) {
      const CheckInfo& check = *finding.check;
      if (std::ranges::find(ruled, check.id) == ruled.end()) {
        ruled.push_back(check.id);
        rules.push_back({{"id", check.id},
                         {"shortDescription", {{"text", check.title.en}}},
                         {"fullDescription", {{"text", check.rationale.en}}},
                         {"help", {{"text", check.remediation.en}}},
                         {"properties",
                          {{"requirements", node_list(check.node_ids)},
                           {"partial_requirements", node_list(check.partial_node_ids)},
                           {"severity", to_string(check.severity)}}}});
      }
      const Verdict verdict = finding.assessment.verdict;
      for (const Reason& reason : finding.assessment.reasons) {
        const bool problem =
            !reason.warning && (verdict == Verdict::kFail || verdict == Verdict::kError);
        const char* level = !problem ? "note" : verdict == Verdict::kFail ? "error" : "warning";
        results.push_back(
            {{"ruleId", check.id},
             {"level", level},
             {"message", {{"text", reason.en}}},
             {"locations",
              Json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", artifact.uri}}}}},
                            {"logicalLocations", Json::array({{{"name", finding.target}}})}}})},
             {"properties",
              {{"code", reason.code}, {"verdict", to_string(verdict)}, {"text_zh", reason.zh}}}});
      }
    }
  }
  return Json{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       Json::array({{{"tool", {{"driver", {{"name", "etguard"}, {"rules", std::move(rules)}}}}},
                     {"results", std::move(results)}}})}};
}

std::vector<std::string> failure_codes(const Assessment& assessment) {
  std::vector<std::string> codes;
  for (const Reason& reason : assessment.reasons) {
    if (!reason.warning) {
      codes.push_back(reason.code);
    }
  }
  return codes;
}

std::vector<std::string> warning_codes(const Assessment& assessment) {
  std::vector<std::string> codes;
  for (const Reason& reason : assessment.reasons) {
    if (reason.warning) {
      codes.push_back(reason.code);
    }
  }
  return codes;
}

Json finding_json(const Finding& finding) {
  const CheckInfo& info = *finding.check;
  Json reasons = Json::array();
  for (const Reason& reason : finding.assessment.reasons) {
    reasons.push_back(Json{{"code", reason.code},
                           {"severity", reason.warning ? "warning" : "fail"},
                           {"en", reason.en},
                           {"zh", reason.zh}});
  }
  return Json{{"kind", "finding"},
              {"format_version", kFindingFormatVersion},
              {"check_id", info.id},
              {"node_ids", node_list(info.node_ids)},
              {"partial_node_ids", node_list(info.partial_node_ids)},
              {"target", finding.target},
              {"verdict", to_string(finding.assessment.verdict)},
              {"severity", to_string(info.severity)},
              {"reasons", failure_codes(finding.assessment)},
              {"warnings", warning_codes(finding.assessment)},
              {"title", {{"en", info.title.en}, {"zh", info.title.zh}}},
              {"message",
               {{"en", joined_text(finding.assessment, false)},
                {"zh", joined_text(finding.assessment, true)}}},
              {"details", reasons},
              {"evidence", finding.assessment.evidence},
              {"started_at", finding.started_at},
              {"finished_at", finding.finished_at}};
}

Json ocsf_detection_finding(const Finding& finding) {
  const CheckInfo& info = *finding.check;
  const Verdict verdict = finding.assessment.verdict;
  const bool failed = verdict == Verdict::kFail;
  const std::string uid = std::string(info.id) + "|" + finding.target;
  const char* compliance_status = verdict == Verdict::kPass   ? "Pass"
                                  : verdict == Verdict::kFail ? "Fail"
                                                              : "Unknown";
  Json record = ocsf_detection_finding_base(failed ? ocsf_severity(info.severity) : 1);
  record["time"] = epoch_ms(finding.finished_at);
  record["message"] = joined_text(finding.assessment, false);
  record["metadata"] = {{"version", kOcsfSchemaVersion},
                        {"product", {{"name", "etguard"}, {"vendor_name", "etguard"}}},
                        {"log_name", "etguard.finding"}};
  record["finding_info"] = {
      {"uid", uid},
      {"title", info.title.en},
      {"desc", info.rationale.en},
      {"types", Json::array({"Compliance"})},
      {"analytic", {{"uid", info.id}, {"name", info.id}, {"type_id", 1}, {"type", "Rule"}}}};
  record["compliance"] = {{"standards", Json::array({kOcsfStandard})},
                          {"requirements", node_list(info.node_ids)},
                          {"control", info.id},
                          {"status", compliance_status},
                          {"status_code", to_string(verdict)}};
  record["resources"] = Json::array({Json{{"name", finding.target}, {"type", "Network Endpoint"}}});
  record["unmapped"] = {{"partial_requirements", node_list(info.partial_node_ids)},
                        {"reasons", failure_codes(finding.assessment)},
                        {"warnings", warning_codes(finding.assessment)},
                        {"evidence", finding.assessment.evidence}};
  return record;
}

}  // namespace etguard::check
