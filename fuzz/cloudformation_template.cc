// Fuzz target: a CloudFormation template (outside input: a file a user hands
// to `scan cloud --template`, YAML or JSON) through etguard's rules.
// Invariants: a refused template is named by its path; every finding handed
// over names a rule that exists; the judged resources never exceed the
// resources read.
#include <cstdint>
#include <string>

#include "cloud/cloudformation.h"
#include "cloud/mapping.h"
#include "scratch.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz_input_file(data, size, "template.yaml");
  const auto read = etguard::cloud::read_cloudformation(
      path, [&](const etguard::cloud::PostureFinding& finding) -> etguard::Status {
        if (etguard::cloud::mapped_check(etguard::cloud::Tool::kCloudformation, finding.check_id) ==
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
