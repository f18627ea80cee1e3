#include "authlog/input.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <optional>

#include "authlog/parse_jsonl.h"
#include "authlog/parse_syslog.h"

namespace etguard::authlog {

struct EventInput::Parsers {
  Parsers(Interner& strings, ActionSet named) : jsonl(strings, named) {}
  JsonlParser jsonl;
};

EventInput::EventInput(Interner& strings, const CsvMapping* csv, SyslogDating dating,
                       ActionSet named)
    : strings_(strings),
      csv_(csv),
      parsers_(std::make_unique<Parsers>(strings, named)),
      dating_(dating) {}
EventInput::~EventInput() = default;

namespace {

// The year and month a classic log of `path` is dated by, and where they come from.
SyslogDates dates_for(const std::string& path, const SyslogDating& dating, std::string& from_en,
                      std::string& from_zh) {
  SyslogDates dates;
  dates.utc_offset_minutes = dating.utc_offset_minutes;
  if (dating.year != 0) {
    dates.year = dating.year;
    from_en = "--year";
    from_zh = "--year";
    return dates;
  }
  struct stat info{};
  if (path != "-" && ::stat(path.c_str(), &info) == 0) {
    std::time_t at = info.st_mtime;
    std::tm when{};
    if (dating.utc_offset_minutes) {
      at += static_cast<std::time_t>(*dating.utc_offset_minutes) * 60;
      gmtime_r(&at, &when);
    } else {
      localtime_r(&at, &when);
    }
    dates.year = when.tm_year + 1900;
    dates.month = when.tm_mon + 1;
    from_en = "the file's modification time";
    from_zh = "檔案修改時間";
    return dates;
  }
  dates.year = dating.today_year;
  dates.month = dating.today_month;
  from_en = "today";
  from_zh = "今天";
  return dates;
}

std::string zone_text(const std::optional<int>& offset) {
  if (!offset) {
    return "local";
  }
  return fmt::format("UTC{}{:02}:{:02}", *offset < 0 ? '-' : '+', std::abs(*offset) / 60,
                     std::abs(*offset) % 60);
}

}  // namespace

Status EventInput::read(const std::string& path, const std::function<void(const Event&)>& sink,
                        std::vector<LineProblem>& problems, const Follow* follow) {
  enum class Kind { kJsonl, kCsv, kSyslog };
  std::optional<Kind> kind;
  std::unique_ptr<CsvParser> csv;  // one per file: each has its own header
  Status header;
  Event event;
  std::string problem;
  std::string dated_from_en;
  std::string dated_from_zh;
  SyslogDates dates = dates_for(path, dating_, dated_from_en, dated_from_zh);
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
  // The JSON Lines parser keeps a few events back (parse_jsonl.h): all of
  // them go out at the end, and before a followed input waits for more.
  const auto take_jsonl = [&](bool drain) {
    while (const Event* kept = parsers_->jsonl.next(drain)) {
      sink(*kept);
      ++events_;
    }
  };
  Follow draining_follow;
  if (follow != nullptr) {
    draining_follow.stop = follow->stop;
    draining_follow.idle = [&take_jsonl, idle = follow->idle] {
      take_jsonl(true);
      if (idle) {
        idle();
      }
    };
  }
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
            if (!parsers_->jsonl.parse(text, capacity, problem)) {
              problems.push_back({path, number, problem});
            }
            take_jsonl(false);
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
            switch (parse_syslog(text, dates, strings_, event, problem)) {
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
      problems, follow != nullptr ? &draining_follow : nullptr);
  take_jsonl(true);
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
  if (dates.classic_lines > 0) {
    const std::string zone = zone_text(dates.utc_offset_minutes);
    notes_.push_back(
        {fmt::format("{}: {} classic syslog line(s) carry no year or zone: read as {} (from {}; "
                     "a month after {:02} as the year before; --year to set) in {} time "
                     "(--timezone to set)",
                     path, dates.classic_lines, dates.year, dated_from_en, dates.month, zone),
         fmt::format("{}：{} 行傳統 syslog 時間無年份與時區：以 {} 年（取自{}；月份晚於 {:02} "
                     "者視為前一年；可用 --year 指定）及{}時間（可用 --timezone 指定）判讀",
                     path, dates.classic_lines, dates.year, dated_from_zh, dates.month,
                     zone == "local" ? "本機" : zone)});
  }
  return {};
}

}  // namespace etguard::authlog
