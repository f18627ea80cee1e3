// Fuzz target: password records (PHC-style strings read from a firm's
// account store) through etauth's parser. What parses formats back to the
// same text, and its parts are within the bounds the parser promises.
#include <cstdint>
#include <string_view>

#include "etauth/password.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto record = etauth::parse_password_record(text);
  if (!record) {
    if (record.error().message.empty()) {
      __builtin_trap();
    }
    return 0;
  }
  if (record->tag.size() != 32 || record->salt.size() < 16 || record->params.lanes == 0 ||
      etauth::format_password_record(*record) != text) {
    __builtin_trap();
  }
  return 0;
}
