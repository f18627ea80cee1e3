#include "checks/tls/run.h"

#include <algorithm>

#include "checks/output.h"
#include "checks/registry.h"
#include "checks/tls/judge.h"
#include "checks/tls/reasons.h"
#include "tls/handshake.h"

namespace etguard::tls_checks {

std::vector<check::Finding> run_tls_checks(const tls::TlsProfile& profile, const TlsPolicy& policy,
                                           const std::string& started_at,
                                           const std::string& finished_at) {
  std::vector<check::Finding> findings;
  for (const TlsCheck& entry : checks::tls_checks()) {
    check::Finding finding;
    finding.check = &entry.metadata();
    finding.target = profile.endpoint.target;
    finding.started_at = started_at;
    finding.finished_at = finished_at;
    if (!profile.reachable) {
      finding.assessment.verdict = check::Verdict::kError;
      finding.assessment.reasons.push_back(reason("UNREACHABLE", profile.error, profile.error));
    } else {
      finding.assessment = entry.evaluate(profile, policy);
      if (!profile.error.empty() && finding.assessment.verdict != check::Verdict::kFail) {
        finding.assessment.verdict = check::Verdict::kError;
        finding.assessment.add(reason("SCAN_INCOMPLETE", profile.error, profile.error));
      }
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

EndpointSummary summarize(const std::vector<check::Finding>& findings) {
  EndpointSummary summary;
  bool failed = false;
  bool errored = findings.empty();
  auto add_unique = [](std::vector<std::string>& list, const std::string& code) {
    if (std::ranges::find(list, code) == list.end()) {
      list.push_back(code);
    }
  };
  for (const check::Finding& finding : findings) {
    failed = failed || finding.assessment.verdict == check::Verdict::kFail;
    errored = errored || finding.assessment.verdict == check::Verdict::kError;
    for (const check::Reason& reason : finding.assessment.reasons) {
      if (reason.code == "UNREACHABLE" || reason.code == "SCAN_INCOMPLETE") {
        continue;
      }
      add_unique(reason.warning ? summary.warnings : summary.reasons, reason.code);
    }
  }
  summary.verdict = failed    ? check::Verdict::kFail
                    : errored ? check::Verdict::kError
                              : check::Verdict::kPass;
  if (!findings.empty() && std::ranges::all_of(findings, [](const check::Finding& f) {
        return std::ranges::any_of(f.assessment.reasons,
                                   [](const check::Reason& r) { return r.code == "UNREACHABLE"; });
      })) {
    summary.verdict = check::Verdict::kError;
  }
  return summary;
}

nlohmann::ordered_json endpoint_json(const tls::TlsProfile& profile,
                                     const EndpointSummary& summary) {
  nlohmann::ordered_json json{{"kind", "endpoint"},
                              {"format_version", check::kFindingFormatVersion},
                              {"target", profile.endpoint.target},
                              {"verdict", check::to_string(summary.verdict)},
                              {"reasons", summary.reasons},
                              {"warnings", summary.warnings},
                              {"handshakes", profile.handshakes},
                              {"seconds", profile.seconds}};
  if (!profile.error.empty()) {
    json["error"] = profile.error;
  }
  return json;
}

nlohmann::ordered_json profile_json(const tls::TlsProfile& profile) {
  using Json = nlohmann::ordered_json;
  Json protocols = Json::array();
  for (const tls::ProtocolSupport& support : profile.protocols) {
    Json suites = Json::array();
    for (const tls::AcceptedSuite& suite : support.suites) {
      Json entry{{"suite", suite_name(suite.code)}, {"code", tls::code_hex(suite.code)}};
      if (suite.group) {
        entry["group"] = group_name(*suite.group);
      }
      if (suite.dh_bits > 0) {
        entry["dh_bits"] = suite.dh_bits;
      }
      if (suite.scheme) {
        entry["signature_scheme"] = scheme_name(*suite.scheme);
      }
      suites.push_back(entry);
    }
    Json groups = Json::array();
    for (std::uint16_t group : support.groups) {
      groups.push_back(group_name(group));
    }
    Json entry{{"version", tls::version_name(support.version)}, {"accepted", support.accepted}};
    if (support.accepted) {
      entry["suites"] = suites;
      entry["groups"] = groups;
      entry["server_order"] = support.server_order ? Json(*support.server_order) : Json(nullptr);
    }
    protocols.push_back(entry);
  }
  return Json{{"target", profile.endpoint.target},
              {"host", profile.endpoint.host},
              {"port", profile.endpoint.port},
              {"reachable", profile.reachable},
              {"protocols", protocols},
              {"handshakes", profile.handshakes},
              {"seconds", profile.seconds}};
}

}  // namespace etguard::tls_checks
