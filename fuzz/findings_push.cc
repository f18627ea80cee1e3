// Fuzz target: the document a pipeline POSTs to /api/findings (outside
// input: any client holding a token). Invariants: a refused document is
// named as the request body; an accepted one written out again reads back
// as the same findings, each with its check.
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/findings_document.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto read = etguard::check::parse_findings_document(body, "request body");
  if (!read) {
    if (!read.error().message.starts_with("request body: ")) {
      __builtin_trap();
    }
    return 0;
  }
  const std::string again = etguard::check::findings_document_json(*read).dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  const auto reread = etguard::check::parse_findings_document(again, "request body");
  if (!reread || reread->findings.size() != read->findings.size() ||
      reread->object != read->object) {
    __builtin_trap();
  }
  for (std::size_t i = 0; i < read->findings.size(); ++i) {
    if (read->findings[i].check == nullptr ||
        reread->findings[i].check != read->findings[i].check ||
        reread->findings[i].assessment.nodes != read->findings[i].assessment.nodes) {
      __builtin_trap();
    }
  }
  return 0;
}
