#include "app/scan_genai.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "checks/ai/run.h"

namespace etguard::app {

Result<GenaiScan> scan_genai_log(const GenaiScanRequest& request, const GenaiScanEvents& events) {
  pii::GenaiFieldMap fields;
  for (const std::string& field : request.fields) {
    if (auto set = pii::set_genai_field(fields, field); !set) {
      return std::unexpected(set.error());
    }
  }
  auto rules = pii::load_genai_rules(request.rules_file);
  if (!rules) {
    return std::unexpected(rules.error());
  }
  auto scanner = pii::Scanner::create(rules->detectors);
  if (!scanner) {
    return std::unexpected(scanner.error());
  }
  GenaiScan scan;
  scan.scanner = std::make_unique<pii::Scanner>(std::move(*scanner));
  auto inputs = pii::collect_inputs(
      request.paths.empty() ? std::vector<std::string>{"-"} : request.paths, {});
  if (!inputs) {
    return std::unexpected(inputs.error());
  }
  const auto unreadable = [&](const Error& error) {
    scan.summary.unreadable.push_back(error.message);
    if (events.unreadable) {
      events.unreadable(error);
    }
  };
  std::ranges::for_each(inputs->unreadable, unreadable);
  const auto started = std::chrono::steady_clock::now();
  if (!request.input_format.empty() && request.input_format != "jsonl" &&
      request.input_format != "csv") {
    return fail(ErrorKind::kUsage,
                fmt::format("unknown --input-format '{}'; use jsonl or csv", request.input_format),
                fmt::format("未知的 --input-format '{}'；請用 jsonl 或 csv", request.input_format));
  }
  pii::GenaiScanSettings settings;
  settings.format = request.input_format;
  settings.jobs = request.jobs;
  settings.progress = events.progress;
  settings.sink = [&](const pii::Input& input, std::vector<pii::PromptFinding>& findings) {
    scan.summary.add(input.name, findings, *scan.scanner);
    if (events.findings) {
      events.findings(*scan.scanner, input, findings);
    }
  };
  scan.summary.paths = request.paths;
  for (const pii::Input& input : inputs->inputs) {
    auto result = pii::scan_genai_log(*scan.scanner, *rules, fields, input, settings);
    if (!result) {
      unreadable(result.error());
      continue;
    }
    scan.summary.add(*result);
    if (events.problem) {
      std::ranges::for_each(result->problems, events.problem);
    }
  }
  scan.summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return scan;
}

std::string_view default_genai_rules() {
  return pii::default_genai_rules_yaml();
}

std::vector<check::Finding> genai_check_findings(const GenaiScan& scan, const Clock& clock) {
  const std::string target = scan.summary.paths.empty()
                                 ? std::string("-")
                                 : fmt::format("{}", fmt::join(scan.summary.paths, " "));
  const std::string now = clock.utc_now();
  ai_checks::AiEvidence evidence;
  evidence.prompts = &scan.summary;
  return ai_checks::run_ai_checks(evidence, target, now, now);
}

}  // namespace etguard::app
