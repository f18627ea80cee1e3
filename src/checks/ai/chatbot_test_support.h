// Probe results for the chatbot checks' tests.
#pragma once

#include <string>

#include "chatbot/probe_run.h"

namespace etguard::ai_checks::testing {

inline chatbot::ProbeResult probe_result(std::string id, chatbot::ProbeKind kind,
                                         chatbot::ProbeVerdict verdict, std::string excerpt = "") {
  chatbot::ProbeResult probe;
  probe.id = std::move(id);
  probe.kind = kind;
  probe.judgement = {verdict, "reason", "理由"};
  probe.excerpt = std::move(excerpt);
  return probe;
}

// A run with a probe of each kind: disclosure passes, canary skipped,
// injection fails, scope could not be sent.
inline chatbot::ProbeRun mixed_run() {
  namespace cb = etguard::chatbot;
  cb::ProbeRun run;
  run.endpoint = "https://bot.firm/v1";
  run.results = {probe_result("disclosure-zh", cb::ProbeKind::kDisclosure, cb::ProbeVerdict::kPass),
                 probe_result("disclosure-en", cb::ProbeKind::kDisclosure, cb::ProbeVerdict::kPass),
                 probe_result("canary-en", cb::ProbeKind::kCanary, cb::ProbeVerdict::kSkipped),
                 probe_result("injection-en", cb::ProbeKind::kInjection, cb::ProbeVerdict::kFail,
                              "ETG-00AA11BB"),
                 probe_result("scope-en", cb::ProbeKind::kScope, cb::ProbeVerdict::kError)};
  return run;
}

}  // namespace etguard::ai_checks::testing
