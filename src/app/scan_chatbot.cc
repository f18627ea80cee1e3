#include "app/scan_chatbot.h"

#include <fmt/format.h>

#include <cstdlib>

#include "checks/ai/run.h"

namespace etguard::app {
namespace {

// Plain HTTP reaches only this machine: a customer chatbot is probed over
// TLS (Art. 34), a stub under test on loopback.
Status check_endpoint(const std::string& endpoint) {
  if (endpoint.starts_with("https://")) {
    return {};
  }
  if (endpoint.starts_with("http://")) {
    std::string_view host = std::string_view(endpoint).substr(7);
    host = host.substr(0, host.find_first_of("/?#"));
    const bool loopback =
        host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]");
    if (loopback) {
      return {};
    }
  }
  return fail(
      ErrorKind::kUsage,
      fmt::format("--endpoint {}: use an https:// URL (http:// only on loopback)", endpoint),
      fmt::format("--endpoint {}：請用 https:// 網址（http:// 僅限本機迴路位址）", endpoint));
}

}  // namespace

Result<chatbot::ProbeRun> scan_chatbot(
    const ChatbotScanRequest& request,
    const std::function<void(const chatbot::ProbeResult&)>& progress) {
  if (auto checked = check_endpoint(request.endpoint); !checked) {
    return std::unexpected(checked.error());
  }
  if (request.rate <= 0 || request.max_requests == 0) {
    return fail(ErrorKind::kUsage, "--rate and --max-requests must be above 0",
                "--rate 與 --max-requests 須大於 0");
  }
  auto probes = chatbot::load_probes(request.probes_file);
  if (!probes) {
    return std::unexpected(probes.error());
  }
  auto shape = chatbot::load_template(request.template_file);
  if (!shape) {
    return std::unexpected(shape.error());
  }
  chatbot::RunContext context;
  context.transport = chatbot::curl_transport(
      {.timeout_seconds = request.timeout_seconds, .ca_file = request.ca_file});
  context.environment = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe)
    return value == nullptr ? std::nullopt : std::optional<std::string>(value);
  };
  context.progress = progress;
  chatbot::RunSettings settings;
  settings.rate = request.rate;
  settings.max_requests = request.max_requests;
  settings.canary = request.canary;
  return chatbot::run_probes(*probes, *shape, request.endpoint, settings, context);
}

std::string_view default_chatbot_probes() {
  return chatbot::default_probes_yaml();
}
std::string_view default_chatbot_template() {
  return chatbot::default_template_yaml();
}

std::vector<check::Finding> chatbot_check_findings(const chatbot::ProbeRun& run,
                                                   const Clock& clock) {
  const std::string now = clock.utc_now();
  ai_checks::AiEvidence evidence;
  evidence.chatbot = &run;
  return ai_checks::run_ai_checks(evidence, run.endpoint, now, now);
}

}  // namespace etguard::app
