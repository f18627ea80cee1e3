#include "cloud/prowler_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>

#include "core/digest.h"
#include "tabular/csv.h"

namespace etguard::cloud {
namespace {

constexpr char kSeparator = ';';

// The columns read, and whether a file must have them.
enum Column : std::size_t {
  kCheckId,
  kStatus,
  kAccountUid,
  kProvider,
  kMuted,
  kRegion,
  kResourceUid,
  kCheckTitle,
  kColumns
};
constexpr std::array<std::string_view, kColumns> kColumnNames{
    "CHECK_ID", "STATUS", "ACCOUNT_UID",  "PROVIDER",
    "MUTED",    "REGION", "RESOURCE_UID", "CHECK_TITLE"};
constexpr std::size_t kRequired = kMuted;  // CHECK_ID .. PROVIDER

std::unexpected<Error> csv_error(const std::string& path, int line, std::string_view en,
                                 std::string_view zh) {
  return fail(ErrorKind::kInput, fmt::format("{}:{}: {}", path, line, en),
              fmt::format("{}:{}：{}", path, line, zh));
}

// The length of the longest prefix of `text` made of whole records: up to
// the last line end outside a quoted field, quotes read as parse_csv reads
// them (a quote opens a field only at its start; "" inside is one quote).
std::size_t whole_records(std::string_view text) {
  std::size_t end = 0;
  bool quoted = false;
  bool field_empty = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        ++i;
      } else if (c == '"') {
        quoted = false;
        continue;
      }
      field_empty = false;
    } else if (c == '"' && field_empty) {
      quoted = true;
    } else if (c == kSeparator || c == '\r' || c == '\n') {
      field_empty = true;
      end = c == '\n' ? i + 1 : end;
    } else {
      field_empty = false;
    }
  }
  return end;
}

class Reader {
 public:
  Reader(const std::string& path, const PostureSink& sink) : path_(path), sink_(sink) {}

  // Reads the records of `text` (whole records, starting at line `first_line`).
  Status records(std::string_view text, int first_line) {
    auto parsed = tabular::parse_csv(text, path_, kSeparator);
    if (!parsed) {
      return std::unexpected(parsed.error());
    }
    for (const tabular::CsvRecord& record : *parsed) {
      const int line = first_line + record.line - 1;
      if (!columns_) {
        if (Status header = read_header(record, line); !header) {
          return header;
        }
        continue;
      }
      if (Status row = read_row(record, line); !row) {
        return row;
      }
    }
    return {};
  }

  [[nodiscard]] bool has_header() const { return columns_.has_value(); }

 private:
  Status read_header(const tabular::CsvRecord& record, int line) {
    std::array<std::size_t, kColumns> at{};
    at.fill(record.fields.size());
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      for (std::size_t column = 0; column < kColumns; ++column) {
        if (record.fields[i] == kColumnNames.at(column)) {
          at.at(column) = i;
        }
      }
    }
    for (std::size_t column = 0; column < kRequired; ++column) {
      if (at.at(column) == record.fields.size()) {
        return csv_error(
            path_, line,
            fmt::format("the header has no {} column: not Prowler's CSV output",
                        kColumnNames.at(column)),
            fmt::format("標題列缺少 {} 欄：不是 Prowler 之 CSV 輸出", kColumnNames.at(column)));
      }
    }
    width_ = record.fields.size();
    columns_ = at;
    return {};
  }

  Status read_row(const tabular::CsvRecord& record, int line) {
    if (record.fields.size() < width_) {
      return csv_error(path_, line,
                       fmt::format("{} fields, the header has {}", record.fields.size(), width_),
                       fmt::format("{} 個欄位，標題列有 {} 個", record.fields.size(), width_));
    }
    const auto field = [&](Column column) -> std::string_view {
      const std::size_t at = columns_->at(column);
      return at < record.fields.size() ? std::string_view(record.fields[at]) : std::string_view();
    };
    PostureFinding finding;
    finding.check_id = field(kCheckId);
    if (finding.check_id.empty()) {
      return csv_error(path_, line, "no CHECK_ID", "缺少 CHECK_ID");
    }
    const std::string_view status = field(kStatus);
    if (const auto known = prowler_status(status)) {
      finding.status = *known;
    } else {
      return csv_error(path_, line,
                       fmt::format("STATUS '{}' is none of PASS, FAIL, MANUAL", status),
                       fmt::format("STATUS '{}' 不是 PASS、FAIL 或 MANUAL", status));
    }
    finding.muted = field(kMuted) == "True";
    finding.provider = field(kProvider);
    finding.account = field(kAccountUid);
    finding.region = field(kRegion);
    finding.resource = field(kResourceUid);
    finding.title = field(kCheckTitle);
    return sink_(finding);
  }

  const std::string& path_;
  const PostureSink& sink_;
  std::optional<std::array<std::size_t, kColumns>> columns_;
  std::size_t width_ = 0;
};

}  // namespace

bool looks_like_prowler_csv(std::string_view head) {
  const std::string_view first_line = head.substr(0, head.find('\n'));
  return first_line.find("CHECK_ID;") != std::string_view::npos &&
         first_line.find("STATUS;") != std::string_view::npos &&
         first_line.find("ACCOUNT_UID") != std::string_view::npos;
}

Result<std::string> read_prowler_csv(const std::string& path, const PostureSink& sink,
                                     const JsonReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorKind::kInput, fmt::format("{}: cannot be read", path),
                fmt::format("{}：無法讀取", path));
  }
  Sha256Hasher hasher;
  Reader reader(path, sink);
  std::string pending;  // the start of a record not yet whole
  std::string block(options.block, '\0');
  int line = 1;
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) {
      break;
    }
    const std::string_view read(block.data(), got);
    hasher.update(read);
    if (options.on_read) {
      options.on_read(got);
    }
    pending.append(read);
    const std::size_t whole = whole_records(pending);
    if (whole == 0 && pending.size() > options.largest) {
      return csv_error(path, line,
                       fmt::format("a record longer than {} MiB", options.largest >> 20U),
                       fmt::format("一筆紀錄超過 {} MiB", options.largest >> 20U));
    }
    const std::string_view records(pending.data(), whole);
    if (Status read_records = reader.records(records, line); !read_records) {
      return std::unexpected(read_records.error());
    }
    line += static_cast<int>(std::ranges::count(records, '\n'));
    pending.erase(0, whole);
  }
  if (Status rest = reader.records(pending, line); !rest) {
    return std::unexpected(rest.error());
  }
  if (!reader.has_header()) {
    return fail(ErrorKind::kInput, fmt::format("{}: empty: no Prowler CSV header", path),
                fmt::format("{}：空白：缺少 Prowler CSV 標題列", path));
  }
  return to_hex(hasher.finish());
}

}  // namespace etguard::cloud
