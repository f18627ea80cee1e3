#include "tabular/csv.h"

#include <fmt/format.h>

namespace etguard::tabular {
namespace {

// A cell a spreadsheet would take for a formula (= + - @, or a tab or CR
// before one): written with a leading apostrophe, as OWASP recommends against
// CSV injection, and read back without it.
bool looks_like_formula(std::string_view field) {
  return !field.empty() &&
         std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
}

std::string unguarded(std::string field) {
  if (field.size() > 1 && field.front() == '\'' &&
      looks_like_formula(std::string_view(field).substr(1))) {
    field.erase(0, 1);
  }
  return field;
}

void append_field(std::string& out, std::string_view raw) {
  const std::string guarded = looks_like_formula(raw) ? "'" + std::string(raw) : std::string();
  const std::string_view field = guarded.empty() ? raw : std::string_view(guarded);
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += field;
    return;
  }
  out += '"';
  for (const char c : field) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
}

}  // namespace

void append_csv_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    append_field(out, cells[i]);
  }
  out += "\r\n";
}

std::string csv_document(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  append_csv_row(out, header);
  for (const auto& row : rows) {
    append_csv_row(out, row);
  }
  return out;
}

Result<std::vector<CsvRecord>> parse_csv(std::string_view text, std::string_view origin,
                                         char delimiter) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  std::vector<CsvRecord> records;
  CsvRecord record{1, {}};
  std::string field;
  int line = 1;
  bool quoted = false;
  bool in_record = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        line += c == '\n' ? 1 : 0;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      in_record = true;
    } else if (c == delimiter) {
      record.fields.push_back(unguarded(std::move(field)));
      field.clear();
      in_record = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      if (in_record || !field.empty()) {
        record.fields.push_back(unguarded(std::move(field)));
        records.push_back(std::move(record));
      }
      field.clear();
      ++line;
      record = CsvRecord{line, {}};
      in_record = false;
    } else {
      field += c;
      in_record = true;
    }
  }
  if (quoted) {
    return fail(ErrorKind::kInput,
                fmt::format("{}:{}: a quoted field is not closed", origin, record.line),
                fmt::format("{}:{}：引號欄位未結束", origin, record.line));
  }
  if (in_record || !field.empty()) {
    record.fields.push_back(unguarded(std::move(field)));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace etguard::tabular
