// Fuzz target: an examiner's pack someone sent. The input is the zip itself
// (written to a private scratch file, since libzip reads paths), verified
// against a fixed key; also the manifest parser and the name rules on the
// raw bytes.
//
// Invariants: no input verifies (nothing is signed by the fixed key's
// owner); every name the parser accepts is a safe member name.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "pack/manifest.h"
#include "scratch.h"

namespace {

// A valid Ed25519 public key whose private key nobody has.
constexpr std::string_view kKey =
    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto lines = etguard::pack::parse_manifest(bytes, "fuzz")) {
    for (const auto& line : *lines) {
      if (!etguard::pack::safe_member_name(line.path)) {
        std::abort();
      }
    }
  }
  (void)etguard::pack::safe_name_part(bytes);
  const auto path = fuzz_scratch() / "pack.zip";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  if (etguard::pack::verify_pack(path, kKey)) {
    std::abort();
  }
  return 0;
}
