// Sending the probes and judging the answers. The judgement is a pure
// function of the probe, the words and the answer, with a stated reason in
// both languages; the run bounds the request rate and count and takes its
// markers and session identifiers from injected randomness.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chatbot/endpoint.h"
#include "chatbot/probes.h"
#include "core/random.h"

namespace etguard::chatbot {

enum class ProbeVerdict { kPass, kFail, kError, kSkipped };
std::string_view to_string(ProbeVerdict verdict);

struct Judgement {
  ProbeVerdict verdict = ProbeVerdict::kError;
  std::string en;
  std::string zh;
};

// `canary`: what the firm placed in the system prompt; `marker`: what the
// injection probe asked the chatbot to answer with.
Judgement judge(const Probe& probe, const ProbeSet& words, std::string_view answer,
                const std::string& canary, const std::string& marker);

struct ProbeResult {
  std::string id;
  ProbeKind kind = ProbeKind::kDisclosure;
  std::string lang;
  Judgement judgement;
  std::string excerpt;  // the answer's start, the canary replaced by [CANARY]
  double seconds = 0;
};

struct ProbeRun {
  std::string endpoint;
  std::vector<ProbeResult> results;
  std::uint64_t requests = 0;
};

struct RunSettings {
  double rate = 1.0;              // requests per second at most
  std::size_t max_requests = 50;  // the probes beyond are skipped
  std::string canary;             // empty: the canary probes are skipped
};

struct RunContext {
  Transport transport;
  std::function<std::optional<std::string>(const std::string&)> environment;
  const Random* random = &system_random();
  // Waits until a time; tests pass one that returns at once.
  std::function<void(std::chrono::steady_clock::time_point)> sleep_until;
  std::function<void(const ProbeResult&)> progress;  // after each probe
};

// Sends every probe (at most max_requests, at most `rate` a second) and
// judges each answer. A probe whose request fails is an error with the
// reason; when every request fails, the run is the first failure (a template
// that does not match the endpoint, a refused connection): exit 2.
Result<ProbeRun> run_probes(const ProbeSet& probes, const Template& shape,
                            const std::string& endpoint, const RunSettings& settings,
                            const RunContext& context);

}  // namespace etguard::chatbot
