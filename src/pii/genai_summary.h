// What a prompt-log scan found: counts by type, user, department and
// destination, split by whether the model was external or a closed one on
// premises — the input of the ai.genai_prompts check and the summary record
// of `scan genai-log` (etguard.genai_log 1.0).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pii/genai_log.h"

namespace etguard::pii {

inline constexpr std::string_view kGenaiLogFormatVersion = "1.0";

struct GenaiTally {
  std::uint64_t prompts = 0;   // prompts (records) with a finding
  std::uint64_t findings = 0;  // all of them
  std::uint64_t external = 0;  // of which sent to an external model
  std::map<std::string, std::uint64_t> by_type;
};

struct GenaiSummary {
  std::vector<std::string> paths;
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  std::uint64_t records = 0;
  std::uint64_t prompts = 0;
  std::uint64_t prompt_bytes = 0;
  std::uint64_t bad_records = 0;
  GenaiTally total;
  GenaiTally external;                        // sent to external models
  GenaiTally on_premises;                     // given to closed models on premises
  std::map<std::string, GenaiTally> by_user;  // "" when the record names nobody
  std::map<std::string, GenaiTally> by_department;
  std::map<std::string, GenaiTally> by_destination;  // the model, else the endpoint's host
  std::vector<std::string> unreadable;               // "file: problem"
  std::vector<std::string> problems;                 // "file:line: problem" (the first ones)
  double seconds = 0;

  // Counts one chunk's findings (in log order) of `file`.
  void add(std::string_view file, const std::vector<PromptFinding>& findings,
           const Scanner& scanner);
  void add(const GenaiLogResult& result);

 private:
  std::string last_file_;
  std::uint64_t last_line_ = 0;
};

// Where a finding was sent, as reported: the model, else the endpoint's host.
std::string destination_of(const PromptFinding& finding);

// {"record":"finding",...}: the value only as its mask.
nlohmann::ordered_json genai_finding_json(std::string_view file, std::string_view type,
                                          const PromptFinding& finding);
nlohmann::ordered_json genai_summary_json(const GenaiSummary& summary);

}  // namespace etguard::pii
