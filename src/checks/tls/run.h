// Runs every registered TLS check on one endpoint's profile and sums them up
// in the endpoint record outside tools rely on:
// {"kind":"endpoint","target":...,"verdict":"pass|fail|error","reasons":[...]}.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "checks/check.h"
#include "checks/tls/policy.h"
#include "tls/profile.h"

namespace etguard::tls_checks {

// Findings in registry order. An unreachable endpoint gives kError findings
// (UNREACHABLE); an incomplete scan never passes (SCAN_INCOMPLETE).
std::vector<check::Finding> run_tls_checks(const tls::TlsProfile& profile, const TlsPolicy& policy,
                                           const std::string& started_at,
                                           const std::string& finished_at);

struct EndpointSummary {
  check::Verdict verdict = check::Verdict::kError;  // pass, fail or error
  std::vector<std::string> reasons;                 // failing codes, registry order
  std::vector<std::string> warnings;
};

EndpointSummary summarize(const std::vector<check::Finding>& findings);

nlohmann::ordered_json endpoint_json(const tls::TlsProfile& profile,
                                     const EndpointSummary& summary);

// The full collected evidence of one endpoint.
nlohmann::ordered_json profile_json(const tls::TlsProfile& profile);

}  // namespace etguard::tls_checks
