#include "checks/check.h"

#include <algorithm>

namespace etguard::check {

void Assessment::add(Reason reason) {
  const bool seen =
      std::ranges::any_of(reasons, [&](const Reason& r) { return r.code == reason.code; });
  if (!seen) {
    reasons.push_back(std::move(reason));
  }
}

Finding make_finding(const CheckInfo& check, std::string target, Assessment assessment,
                     std::string started_at, std::string finished_at) {
  Finding finding;
  finding.check = &check;
  finding.target = std::move(target);
  finding.assessment = std::move(assessment);
  finding.started_at = std::move(started_at);
  finding.finished_at = std::move(finished_at);
  return finding;
}

Assessment Assessment::from_reasons(std::vector<Reason> reasons, nlohmann::ordered_json evidence) {
  Assessment assessment;
  for (Reason& reason : reasons) {
    assessment.add(std::move(reason));
  }
  const bool failed =
      std::ranges::any_of(assessment.reasons, [](const Reason& r) { return !r.warning; });
  assessment.verdict = failed ? Verdict::kFail : Verdict::kPass;
  assessment.evidence = std::move(evidence);
  return assessment;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "high";
}

}  // namespace etguard::check
