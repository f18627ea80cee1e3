// Fuzz target: a Trivy report (outside input: a file a user hands to
// `scan cloud --import-findings`, JSON or SARIF). Invariants: a refused
// report is named by its path; every finding handed over has a check id; the
// counts of the summary add up to the findings handed over.
#include <cstdint>
#include <string>

#include "cloud/trivy.h"
#include "scratch.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz_input_file(data, size, "trivy.json");
  std::uint64_t handed = 0;
  (void)etguard::cloud::looks_like_trivy(
      std::string_view(reinterpret_cast<const char*>(data), size));
  const auto read = etguard::cloud::read_trivy(
      path, [&](const etguard::cloud::PostureFinding& finding) -> etguard::Status {
        if (finding.check_id.empty()) {
          __builtin_trap();
        }
        ++handed;
        return {};
      });
  if (!read && read.error().message.rfind(path + ":", 0) != 0) {
    __builtin_trap();
  }
  if (read && read->passed + read->failed + read->skipped != handed) {
    __builtin_trap();
  }
  return 0;
}
