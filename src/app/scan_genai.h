// Verify: the prompts an AI gateway logged (Art. 53(2)) — personal data,
// classification markings and credentials given to generative AI, by user,
// department and destination — and the AI checks on the result.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checks/check.h"
#include "core/clock.h"
#include "core/result.h"
#include "pii/genai_log.h"
#include "pii/genai_summary.h"

namespace etguard::app {

struct GenaiScanRequest {
  std::vector<std::string> paths;   // files or directories; empty or "-": standard input
  std::string rules_file;           // empty: the built-in genai rules
  std::vector<std::string> fields;  // NAME=PATH (--field); a column's name in a CSV log
  std::string input_format;         // jsonl | csv; empty: by the file's name
  std::size_t jobs = 1;
};

struct GenaiScanEvents {
  // Each chunk's findings, in log order.
  std::function<void(const pii::Scanner& scanner, const pii::Input& input,
                     std::vector<pii::PromptFinding>& findings)>
      findings;
  std::function<void(std::uint64_t bytes)> progress;
  std::function<void(const Error& error)> unreadable;  // an input that could not be scanned
  std::function<void(const Error& error)> problem;     // a line skipped, located
};

struct GenaiScan {
  std::unique_ptr<pii::Scanner> scanner;
  pii::GenaiSummary summary;
};

[[nodiscard]] Result<GenaiScan> scan_genai_log(const GenaiScanRequest& request,
                                               const GenaiScanEvents& events);

// The rules a firm starts from (--print-rules).
std::string_view default_genai_rules();

// The AI checks' verdicts on a prompt-log scan, for the workspace.
std::vector<check::Finding> genai_check_findings(const GenaiScan& scan,
                                                 const Clock& clock = system_clock());

}  // namespace etguard::app
