// The input errors of the package readers, in both languages: at a byte of
// a binary format ("app.apk!/AndroidManifest.xml: byte 0x1c4: string pool:
// …"), or in a document read by a library that gives no offset.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/result.h"

namespace etguard::mobile {

// `part` names the structure inside the format ("string pool"), if any.
struct FormatPart {
  std::string_view en;
  std::string_view zh;
};

Error byte_error(std::string_view where, std::size_t at, std::string_view problem,
                 FormatPart part = {});

Error input_error(std::string_view where, std::string_view problem, std::string_view problem_zh);

}  // namespace etguard::mobile
