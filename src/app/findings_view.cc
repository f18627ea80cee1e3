#include "app/findings_view.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace etguard::app {
namespace {

// A finding is one stored record per requirement it proves: they share the
// check, object, time and content.
using FindingKey = std::tuple<std::string, std::string, std::string, std::string>;

}  // namespace

Result<FindingsView> findings_view_as(Session& session, const Principal& who,
                                      std::string_view object) {
  if (Status allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  std::map<FindingKey, CheckFinding> findings;
  for (const assess::Evidence& record : (*snapshot)->evidence) {
    if (record.kind != "scan" || record.withdrawn() || !record.verdict ||
        !reaches(who, record.object, "")) {
      continue;
    }
    CheckFinding& finding =
        findings[{record.object, record.check_id, record.added_at, record.sha256}];
    if (finding.requirements.empty()) {
      finding = {.check_id = record.check_id,
                 .verdict = *record.verdict,
                 .title = record.name,
                 .recorded_at = record.added_at,
                 .recorded_by = record.added_by,
                 .requirements = {},
                 .evidence_id = record.id};
    }
    finding.requirements.push_back(record.node_id);
  }
  // The latest finding of each check on each object.
  std::map<std::string, std::map<std::string, CheckFinding>> latest;
  for (auto& [key, finding] : findings) {
    CheckFinding& kept = latest[std::get<0>(key)][finding.check_id];
    if (kept.check_id.empty() || kept.recorded_at < finding.recorded_at ||
        (kept.recorded_at == finding.recorded_at && kept.evidence_id < finding.evidence_id)) {
      kept = std::move(finding);
    }
  }
  // The register names of the objects shown, in one pass over the entries.
  std::map<std::string, std::string, std::less<>> names;
  for (const assess::RegisterEntry& entry : (*snapshot)->registers.entries) {
    if (std::string key = entry.key(); latest.contains(key) && (object.empty() || key == object)) {
      names.emplace(std::move(key), entry.name);
    }
  }
  FindingsView view;
  for (auto& [name, checks] : latest) {
    view.reachable.push_back(name);
    if (!object.empty() && name != object) {
      continue;
    }
    const auto named = names.find(name);
    ObjectFindings shown{
        .object = name, .name = named == names.end() ? "" : named->second, .checks = {}};
    for (auto& [check, finding] : checks) {
      std::ranges::sort(finding.requirements);
      shown.passed += finding.verdict == Verdict::kPass ? 1 : 0;
      shown.failed += finding.verdict == Verdict::kFail ? 1 : 0;
      shown.other += finding.verdict != Verdict::kPass && finding.verdict != Verdict::kFail ? 1 : 0;
      shown.checks.push_back(std::move(finding));
    }
    std::ranges::stable_sort(shown.checks, [](const CheckFinding& a, const CheckFinding& b) {
      return (a.verdict == Verdict::kFail) > (b.verdict == Verdict::kFail);
    });
    view.objects.push_back(std::move(shown));
  }
  return view;
}

}  // namespace etguard::app
