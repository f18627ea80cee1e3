// The name of a file a browser uploaded, as the uploader's machine named it:
// its last path component ("C:\x\a.pdf" → "a.pdf"), refused when it is
// empty, "." or "..", longer than 255 bytes, not UTF-8, or holds a control
// or bidirectional character. Shared by every upload of the server.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::app {

[[nodiscard]] Result<std::string> uploaded_file_name(std::string_view name);

}  // namespace etguard::app
