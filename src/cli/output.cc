#include "cli/output.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "core/atomic_file.h"
#include "core/text.h"

namespace etguard::cli {

bool stdout_is_terminal() {
  return ::isatty(STDOUT_FILENO) == 1;
}

std::size_t terminal_width() {
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const long value = std::strtol(columns, nullptr, 10);
    if (value > 0) {
      return static_cast<std::size_t>(value);
    }
  }
  if (!stdout_is_terminal()) {
    return 0;
  }
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return 80;
}

void print(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

void print_json(const nlohmann::ordered_json& doc) {
  print(doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::strict));
  print("\n");
}

void print_error(const Context& context, const Error& error) {
  const std::string& message =
      context.lang == Lang::kZhTw && !error.message_zh.empty() ? error.message_zh : error.message;
  fmt::print(stderr, "etguard: {}\n", message);
}

std::string Table::render(std::size_t width) const {
  const std::size_t columns = header_.size();
  std::vector<std::size_t> widths(columns, 0);
  auto measure = [&widths](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  };
  measure(header_);
  for (const auto& row : rows_) {
    measure(row);
  }
  constexpr std::size_t kGap = 2;
  std::size_t fixed = 0;
  for (std::size_t i = 0; i + 1 < columns; ++i) {
    fixed += widths[i] + kGap;
  }
  const std::size_t last = width == 0 ? SIZE_MAX : (width > fixed + 10 ? width - fixed : 10);
  std::string out;
  auto append = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < columns; ++i) {
      const std::string cell = i < row.size() ? row[i] : std::string();
      if (i + 1 == columns) {
        line += width == 0 ? cell : truncate_to_width(cell, last);
      } else {
        line += cell;
        line.append(widths[i] - display_width(cell) + kGap, ' ');
      }
    }
    out += trim(line);
    out += '\n';
  };
  append(header_);
  for (const auto& row : rows_) {
    append(row);
  }
  return out;
}

Result<int> write_or_print(const std::string& content, const std::string& out) {
  if (out.empty() || out == "-") {
    print(content);
    return kExitOk;
  }
  if (Status written = write_file_atomically(out, content); !written) {
    return std::unexpected(written.error());
  }
  return kExitOk;
}

Result<int> deliver_document(const Result<std::string>& content, const std::string& format,
                             const std::string& out, const std::string& note) {
  if (!content) {
    return std::unexpected(content.error());
  }
  if (format != "xlsx") {
    auto written = write_or_print(*content, out);
    if (!written || out.empty() || out == "-") {
      return written;
    }
  }
  print(note);
  return kExitOk;
}

}  // namespace etguard::cli
