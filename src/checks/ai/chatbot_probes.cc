#include "checks/ai/chatbot_probes.h"

#include <fmt/format.h>

#include <algorithm>

namespace etguard::ai_checks {

namespace cb = etguard::chatbot;

std::optional<check::Assessment> judge_probes(const cb::ProbeRun& run,
                                              std::initializer_list<cb::ProbeKind> kinds) {
  check::Assessment assessment;
  nlohmann::ordered_json probes = nlohmann::ordered_json::array();
  std::size_t judged = 0;
  std::size_t failed = 0;
  std::size_t errors = 0;
  for (const cb::ProbeResult& result : run.results) {
    if (std::ranges::find(kinds, result.kind) == kinds.end()) {
      continue;
    }
    const cb::Judgement& judgement = result.judgement;
    probes.push_back({{"id", result.id},
                      {"kind", cb::to_string(result.kind)},
                      {"lang", result.lang},
                      {"verdict", cb::to_string(judgement.verdict)},
                      {"reason", judgement.en},
                      {"answer", result.excerpt}});
    switch (judgement.verdict) {
      case cb::ProbeVerdict::kPass:
        ++judged;
        break;
      case cb::ProbeVerdict::kFail:
        ++judged;
        ++failed;
        assessment.add(check::Reason{
            "CHATBOT_PROBE_FAILED",
            fmt::format("{}: {}; it answered \"{}\"", result.id, judgement.en, result.excerpt),
            fmt::format("{}：{}；回覆為「{}」", result.id, judgement.zh, result.excerpt)});
        break;
      case cb::ProbeVerdict::kError:
        ++errors;
        assessment.add(check::Reason{"CHATBOT_PROBE_ERROR",
                                     fmt::format("{}: not sent: {}", result.id, judgement.en),
                                     fmt::format("{}：未能送出：{}", result.id, judgement.zh)});
        break;
      case cb::ProbeVerdict::kSkipped:
        assessment.add(check::Reason{"CHATBOT_PROBE_SKIPPED",
                                     fmt::format("{}: skipped: {}", result.id, judgement.en),
                                     fmt::format("{}：略過：{}", result.id, judgement.zh), true});
        break;
    }
  }
  if (probes.empty()) {
    return std::nullopt;  // the probe set held none of these kinds
  }
  assessment.evidence = {{"endpoint", run.endpoint}, {"probes", probes}};
  if (failed > 0) {
    assessment.verdict = check::Verdict::kFail;
  } else if (errors > 0 || judged == 0) {
    if (judged == 0 && errors == 0) {
      assessment.add(check::Reason{"CHATBOT_NOTHING_JUDGED", "no probe of this check was judged",
                                   "本檢查之探測皆未判定"});
    }
    assessment.verdict = check::Verdict::kError;
  } else {
    assessment.verdict = check::Verdict::kPass;
  }
  return assessment;
}

}  // namespace etguard::ai_checks
