#include "cli/json_lines.h"

#include <cstdio>

#include "cli/output.h"

namespace etguard::cli {

void JsonLinesWriter::line(const nlohmann::ordered_json& record) {
  buffer_ += record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  buffer_ += '\n';
  if (buffer_.size() > (std::size_t{1} << 20U)) {
    flush();
  }
}

void JsonLinesWriter::flush() {
  if (!buffer_.empty()) {
    print(buffer_);
    std::fflush(stdout);
    buffer_.clear();
  }
}

}  // namespace etguard::cli
