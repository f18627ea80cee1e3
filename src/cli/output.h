// What every command shares: the chosen language and output mode, the
// terminal (its width, whether it is one), bilingual messages, and tables
// that fit the terminal with CJK text counted as double width.
#pragma once

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"
#include "core/result.h"

namespace etguard::cli {

struct Context {
  Lang lang = Lang::kEn;
  bool json = false;
  std::optional<std::filesystem::path> workspace;  // --workspace
  std::string actor;                               // --actor

  // The text of `text` in the chosen language.
  std::string_view tr(const Text& text) const { return text.in(lang); }
};

// Columns of the terminal on stdout; 0 when stdout is not a terminal (no
// truncation when piped). COLUMNS overrides the detected width.
std::size_t terminal_width();
bool stdout_is_terminal();

void print(std::string_view text);                   // to stdout, as is
void print_json(const nlohmann::ordered_json& doc);  // pretty, newline-terminated

// `content` to standard output when `out` is empty or "-", else written to
// `out` atomically (devices and pipes in place).
Result<int> write_or_print(const std::string& content, const std::string& out);

// A document a use case produced: text written to `out` (or printed when it
// is empty), XLSX already written by the use case; then `note` ("report
// written to …") when it went to a file.
Result<int> deliver_document(const Result<std::string>& content, const std::string& format,
                             const std::string& out, const std::string& note);

// Prints `error` in the context's language to stderr, prefixed "etguard: ".
void print_error(const Context& context, const Error& error);

// A table whose last column takes whatever width is left and is truncated
// with "…" on a terminal; on a pipe rows are printed in full.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render(std::size_t width) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// "error: unknown ID" style usage errors.
inline std::unexpected<Error> usage_error(std::string en, std::string zh) {
  return fail(ErrorKind::kUsage, std::move(en), std::move(zh));
}

}  // namespace etguard::cli
