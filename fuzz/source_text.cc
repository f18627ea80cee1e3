// Fuzz target: the guideline source parser and the provenance check
// (`etguard catalog verify-source FILE` reads any file a user names), and the
// UTF-8 text helpers every output passes through.
#include <cstdint>
#include <string_view>

#include "catalog/data/embedded.h"
#include "catalog/provenance.h"
#include "core/text.h"

// The entry point libFuzzer calls; its name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto document = etguard::catalog::parse_source(text)) {
    (void)etguard::catalog::verify_against_source(etguard::catalog::embedded_catalog(), *document);
  }
  (void)etguard::display_width(text);
  (void)etguard::strip_whitespace(text);
  (void)etguard::trim(text);
  (void)etguard::truncate_to_width(text, size % 50);
  (void)etguard::wrap_to_width(text, 2 + size % 40);
  return 0;
}
