#include "app/uploaded_file_name.h"

#include <fmt/format.h>

#include "core/text.h"

namespace etguard::app {

Result<std::string> uploaded_file_name(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  const std::string_view last =
      trim(slash == std::string_view::npos ? name : name.substr(slash + 1));
  if (last.empty() || last == "." || last == ".." || last.size() > 255 ||
      unsafe_character_in(last) || invalid_utf8_at(last)) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a usable file name", last),
                fmt::format("'{}' 不是可用之檔名", last));
  }
  return std::string(last);
}

}  // namespace etguard::app
