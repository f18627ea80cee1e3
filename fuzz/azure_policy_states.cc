// Fuzz target: Azure Policy compliance states (outside input: a file a user
// hands to `scan cloud --import-findings`). Invariants: a refused file is
// named by its path; every state handed over has a definition and a
// subscription; the summary's counts add up to the states handed over.
#include <cstdint>
#include <string>

#include "cloud/azure_policy.h"
#include "scratch.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz_input_file(data, size, "policy-states.json");
  std::uint64_t handed = 0;
  (void)etguard::cloud::looks_like_azure_policy(
      std::string_view(reinterpret_cast<const char*>(data), size));
  const auto read = etguard::cloud::read_azure_policy(
      path, [&](const etguard::cloud::PostureFinding& finding) -> etguard::Status {
        if (finding.check_id.empty() || finding.account.empty()) {
          __builtin_trap();
        }
        ++handed;
        return {};
      });
  if (!read && read.error().message.rfind(path + ":", 0) != 0) {
    __builtin_trap();
  }
  if (read && read->compliant + read->non_compliant + read->exempt + read->unknown != handed) {
    __builtin_trap();
  }
  return 0;
}
