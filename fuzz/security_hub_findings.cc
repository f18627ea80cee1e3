// Fuzz target: an AWS Security Hub ASFF export (outside input: a file a
// user hands to `scan cloud --import-findings`). Invariants: a refused export
// is named by its path; every finding handed over has a control id and an
// account; the control findings counted are those handed over.
#include <cstdint>
#include <string>

#include "cloud/security_hub.h"
#include "scratch.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz_input_file(data, size, "asff.json");
  std::uint64_t handed = 0;
  (void)etguard::cloud::looks_like_security_hub(
      std::string_view(reinterpret_cast<const char*>(data), size));
  const auto read = etguard::cloud::read_security_hub(
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
  if (read && read->controls != handed) {
    __builtin_trap();
  }
  return 0;
}
