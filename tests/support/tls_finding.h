// Test helper: a finding of the TLS protocol check on `target`, as `etguard
// scan tls` would make it (failing on TLS 1.0 when `verdict` is a failure).
#pragma once

#include <string>

#include "checks/output.h"
#include "checks/registry.h"

namespace etguard::test_support {

inline check::Finding tls_finding(const std::string& target, Verdict verdict,
                                  const std::string& at = "2027-03-01T08:59:00Z") {
  const check::CheckInfo* protocol = nullptr;
  for (const check::CheckInfo* info : checks::all_checks()) {
    if (info->id == "tls.protocol") {
      protocol = info;
    }
  }
  check::Assessment assessment;
  assessment.verdict = verdict;
  if (verdict == Verdict::kFail) {
    assessment.add({"tls.protocol.tls10", "TLS 1.0 accepted", "接受 TLS 1.0", false});
  }
  assessment.add({"tls.protocol.note", "a warning", "警告", true});
  assessment.evidence = {{"versions", {"TLSv1.2", "TLSv1.3"}}};
  return check::make_finding(*protocol, target, std::move(assessment), at, at);
}

}  // namespace etguard::test_support
