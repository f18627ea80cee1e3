// Fuzz target: Prowler's CSV output (outside input: a file a user hands to
// `scan cloud --import-findings`), read in small blocks so records cross
// block boundaries. Invariants: a refused file is named by its path; every
// finding handed over has a check id; reading the same file in one block
// hands over the same findings, or is refused alike.
#include "cloud/prowler_csv.h"

#include <cstdint>
#include <string>
#include <vector>

#include "scratch.h"

namespace {

struct Outcome {
  bool read = false;
  std::vector<std::string> checks;
};

Outcome read_in_blocks(const std::string& path, std::size_t block) {
  Outcome outcome;
  const auto read = etguard::cloud::read_prowler_csv(
      path,
      [&](const etguard::cloud::PostureFinding& finding) -> etguard::Status {
        if (finding.check_id.empty()) {
          __builtin_trap();
        }
        outcome.checks.emplace_back(finding.check_id);
        return {};
      },
      {.largest = 4096, .block = block, .on_read = {}});
  if (!read && read.error().message.rfind(path + ":", 0) != 0) {
    __builtin_trap();
  }
  outcome.read = read.has_value();
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz_input_file(data, size, "prowler.csv");
  (void)etguard::cloud::looks_like_prowler_csv(
      std::string_view(reinterpret_cast<const char*>(data), size));
  const Outcome small = read_in_blocks(path, 61);
  if (size <= 4096) {  // within the record limit either way
    const Outcome whole = read_in_blocks(path, 8192);
    if (small.read != whole.read || (small.read && small.checks != whole.checks)) {
      __builtin_trap();
    }
  }
  return 0;
}
