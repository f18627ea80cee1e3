// Fuzz target: a Terraform plan (outside input: a file a user hands to
// `scan cloud --plan`) through etguard's rules. Invariants: a refused plan is
// named by its path; every finding handed over names a rule that exists and
// a resource address; the judged resources never exceed the planned ones.
#include "cloud/terraform_plan.h"

#include <cstdint>
#include <string>

#include "cloud/mapping.h"
#include "scratch.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz_input_file(data, size, "plan.json");
  const auto read = etguard::cloud::read_terraform_plan(
      path, [&](const etguard::cloud::PostureFinding& finding) -> etguard::Status {
        if (etguard::cloud::mapped_check(etguard::cloud::Tool::kTerraform, finding.check_id) ==
            nullptr) {
          __builtin_trap();
        }
        return {};
      });
  if (!read && read.error().message.rfind(path + ":", 0) != 0) {
    __builtin_trap();
  }
  if (read && read->judged > read->resources) {
    __builtin_trap();
  }
  return 0;
}
