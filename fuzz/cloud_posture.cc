// Fuzz target: a posture tool's findings file (outside input: a file a user
// hands to `scan cloud --import-findings`) through the JSON value splitter,
// the Prowler OCSF reader and the tally of a small register. Invariants: a
// refused file is named with its line; every finding handed over has a
// check id and a known status; the tally counts every finding handed over.
#include <cstdint>
#include <string>

#include "cloud/posture.h"
#include "cloud/tally.h"
#include "scratch.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz_input_file(data, size, "findings.json");
  etguard::cloud::PostureTally tally(std::vector<etguard::cloud::RegisteredService>{
      {.id = "trading", .accounts = {"111122223333"}, .regions = {"ap-east-2"}}});
  std::uint64_t handed = 0;
  const auto read = etguard::cloud::read_prowler_ocsf(
      path,
      [&](const etguard::cloud::PostureFinding& finding) -> etguard::Status {
        if (finding.check_id.empty() ||
            (finding.status != etguard::cloud::PostureStatus::kPass &&
             finding.status != etguard::cloud::PostureStatus::kFail &&
             finding.status != etguard::cloud::PostureStatus::kManual)) {
          __builtin_trap();
        }
        ++handed;
        tally.add(etguard::cloud::Tool::kProwler, finding);
        return {};
      },
      // Small blocks: values cross block boundaries, and a run allocates little.
      {.largest = 4096, .block = 512});
  if (!read && read.error().message.rfind(path + ":", 0) != 0) {
    __builtin_trap();
  }
  if (tally.findings() != handed) {
    __builtin_trap();
  }
  return 0;
}
