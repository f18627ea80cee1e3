#include "authlog/input.h"

#include <optional>

#include "authlog/parse_jsonl.h"
#include "authlog/parse_syslog.h"

namespace etguard::authlog {

struct EventInput::Parsers {
  explicit Parsers(Interner& strings) : jsonl(strings) {}
  JsonlParser jsonl;
};

EventInput::EventInput(Interner& strings, const CsvMapping* csv)
    : strings_(strings), csv_(csv), parsers_(std::make_unique<Parsers>(strings)) {}
EventInput::~EventInput() = default;

Status EventInput::read(const std::string& path, const std::function<void(const Event&)>& sink,
                        std::vector<LineProblem>& problems, const Follow* follow) {
  enum class Kind { kJsonl, kCsv, kSyslog };
  std::optional<Kind> kind;
  std::unique_ptr<CsvParser> csv;  // one per file: each has its own header
  Status header;
  Event event;
  std::string problem;
  const auto take_rows = [&](const std::vector<CsvParser::Row>& rows) {
    for (const CsvParser::Row& row : rows) {
      if (row.ok) {
        sink(row.event);
        ++events_;
      } else {
        problems.push_back({path, row.line, row.problem});
      }
    }
  };
  auto read = for_each_line(
      path,
      [&](std::string_view text, std::size_t capacity, std::uint32_t number) {
        if (!header) {
          return;  // the CSV header was wrong: nothing of this file can be read
        }
        if (!kind) {
          kind = text.front() == '{' ? Kind::kJsonl : csv_ != nullptr ? Kind::kCsv : Kind::kSyslog;
          if (kind == Kind::kCsv) {
            csv = std::make_unique<CsvParser>(strings_, *csv_);
          }
        }
        switch (*kind) {
          case Kind::kJsonl:
            if (parsers_->jsonl.parse(text, capacity, event, problem)) {
              sink(event);
              ++events_;
            } else {
              problems.push_back({path, number, problem});
            }
            break;
          case Kind::kCsv: {
            auto rows = csv->feed(text, number);
            if (!rows) {
              header = std::unexpected(rows.error());
              return;
            }
            take_rows(*rows);
            break;
          }
          case Kind::kSyslog:
            switch (parse_syslog(text, strings_, event, problem)) {
              case SyslogLine::kEvent:
                sink(event);
                ++events_;
                break;
              case SyslogLine::kIgnored:
                break;
              case SyslogLine::kBad:
                problems.push_back({path, number, problem});
                break;
            }
            break;
        }
      },
      problems, follow);
  if (!read) {
    return read;
  }
  if (!header) {
    return fail(ErrorKind::kInput, path + ": " + header.error().message,
                path + "：" + header.error().message_zh);
  }
  if (csv) {
    take_rows(csv->finish());
  }
  return {};
}

}  // namespace etguard::authlog
