// Fuzz target: Google Security Command Center findings (outside input: a
// file a user hands to `scan cloud --import-findings`). Invariants: a
// refused file is named by its path; every finding handed over has a
// category and a project or container to be placed by, and an alias only
// beside a project id; the summary's counts add up to the findings handed
// over, and no more are muted than are active.
#include <cstdint>
#include <string>

#include "cloud/security_command_center.h"
#include "scratch.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz_input_file(data, size, "scc-findings.json");
  std::uint64_t handed = 0;
  (void)etguard::cloud::looks_like_security_command_center(
      std::string_view(reinterpret_cast<const char*>(data), size));
  const auto read = etguard::cloud::read_security_command_center(
      path, [&](const etguard::cloud::PostureFinding& finding) -> etguard::Status {
        if (finding.check_id.empty() || finding.provider != "gcp" ||
            (finding.account.empty() && !finding.account_alias.empty())) {
          __builtin_trap();
        }
        ++handed;
        return {};
      });
  if (!read && read.error().message.rfind(path + ":", 0) != 0) {
    __builtin_trap();
  }
  if (read &&
      (read->active + read->inactive + read->unspecified != handed || read->muted > read->active)) {
    __builtin_trap();
  }
  return 0;
}
