// Verify: a customer chatbot probed through its HTTP API (Art. 50, 51) —
// does it say it is an AI, keep its system prompt's canary, refuse injected
// instructions and investment advice beyond its scope — and the AI checks on
// the answers.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "chatbot/probe_run.h"
#include "checks/check.h"
#include "core/clock.h"
#include "core/result.h"

namespace etguard::app {

struct ChatbotScanRequest {
  std::string endpoint;       // https://…; http:// only on loopback
  std::string template_file;  // empty: OpenAI chat completions
  std::string probes_file;    // empty: the built-in probes
  std::string canary;         // placed in the system prompt by the firm; empty: not probed
  double rate = 1.0;          // requests per second at most
  std::size_t max_requests = 50;
  long timeout_seconds = 30;
  std::string ca_file;
};

[[nodiscard]] Result<chatbot::ProbeRun> scan_chatbot(
    const ChatbotScanRequest& request,
    const std::function<void(const chatbot::ProbeResult&)>& progress);

std::string_view default_chatbot_probes();
std::string_view default_chatbot_template();

// The AI checks' verdicts on a probe run, for the workspace.
std::vector<check::Finding> chatbot_check_findings(const chatbot::ProbeRun& run,
                                                   const Clock& clock = system_clock());

}  // namespace etguard::app
