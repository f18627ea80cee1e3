// What a PII scan found, by type and by file: the input of the
// pii.sensitive_data check and the summary record of the JSONL output.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace etguard::pii {

struct ScanSummary {
  std::vector<std::string> paths;  // as given on the command line
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  std::uint64_t findings = 0;
  std::map<std::string, std::uint64_t> by_type;
  std::map<std::string, std::map<std::string, std::uint64_t>> by_file;  // file -> type -> count
  std::vector<std::string> unreadable;                                  // "file: problem"
  std::vector<std::string> notes;  // "file:line: ..." (lines scanned in pieces)
};

}  // namespace etguard::pii
