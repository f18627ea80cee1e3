// Fuzz target: catalog search with any query a user can type, and the
// "did you mean" suggestions for any ID.
#include <cstdint>
#include <string_view>

#include "catalog/data/embedded.h"
#include "catalog/search.h"

// The entry point libFuzzer calls; its name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  const auto& catalog = etguard::catalog::embedded_catalog();
  (void)etguard::catalog::search(catalog, query, 10);
  if (size < 64) {
    (void)catalog.closest_ids(query, 3);
    (void)catalog.locate(query);
  }
  return 0;
}
