#include "mobile/string_table.h"

#include <cstring>

namespace etguard::mobile {
namespace {

// The offset of `part` in `text` from `from`, or npos; memmem is vectorised.
std::size_t find(const std::string& text, std::string_view part, std::size_t from) {
  if (from > text.size()) {
    return std::string::npos;
  }
  const void* found = ::memmem(text.data() + from, text.size() - from, part.data(), part.size());
  return found == nullptr ? std::string::npos
                          : static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
}

std::string_view line_at(const std::string& text, std::size_t at) {
  const std::size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t begin = start == std::string::npos || at == 0 ? 0 : start + 1;
  const std::size_t end = text.find('\n', at);
  return std::string_view(text).substr(begin,
                                       (end == std::string::npos ? text.size() : end) - begin);
}

}  // namespace

std::string_view StringTable::line_containing(std::string_view part) const {
  const std::size_t at = find(text_, part, 0);
  return at == std::string::npos ? std::string_view() : line_at(text_, at);
}

bool StringTable::has(std::string_view whole) const {
  for (std::size_t at = find(text_, whole, 0); at != std::string::npos;
       at = find(text_, whole, at + 1)) {
    const bool starts = at == 0 || text_[at - 1] == '\n';
    const bool ends = at + whole.size() < text_.size() && text_[at + whole.size()] == '\n';
    if (starts && ends) {
      return true;
    }
  }
  return false;
}

void StringTable::for_each_starting_with(std::string_view prefix,
                                         const std::function<void(std::string_view)>& visit) const {
  for (std::size_t at = find(text_, prefix, 0); at != std::string::npos;) {
    const std::size_t end = text_.find('\n', at);
    if (at == 0 || text_[at - 1] == '\n') {
      visit(std::string_view(text_).substr(at, end - at));
    }
    at = find(text_, prefix, end);
  }
}

}  // namespace etguard::mobile
