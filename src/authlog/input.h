// The inputs of a day, each file read in its own kind, told apart by its
// first line: ECS-like JSON Lines ('{'), CSV through a column mapping (when
// one is given), or the sshd lines of an auth.log (other programs' lines are
// skipped there). Every event goes to the sink; every unreadable line to the
// problems, as file:line.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "authlog/event.h"
#include "authlog/parse_csv.h"
#include "authlog/parse_syslog.h"
#include "authlog/reader.h"

namespace etguard::authlog {

// How classic syslog timestamps, which carry no year and no zone, are dated.
struct SyslogDating {
  int year = 0;                           // 0: each file's modification time
  std::optional<int> utc_offset_minutes;  // unset: the machine's local zone
  int today_year = 1970;                  // standard input: the year and month of today
  int today_month = 1;
};

// Something the reader assumed about an input, said once per input.
struct InputNote {
  std::string en;
  std::string zh;
};

class EventInput {
 public:
  // `csv`: the mapping for CSV inputs; nullptr when there are none. `named`:
  // the actions whose names JSON Lines events carry through (JsonlParser).
  EventInput(Interner& strings, const CsvMapping* csv, SyslogDating dating = {},
             ActionSet named = kEveryAction);
  ~EventInput();
  EventInput(const EventInput&) = delete;
  EventInput& operator=(const EventInput&) = delete;
  EventInput(EventInput&&) = delete;
  EventInput& operator=(EventInput&&) = delete;

  // Reads one input ("-" is stdin). Errors: the input cannot be opened or
  // read, or a CSV header lacks a mapped column.
  Status read(const std::string& path, const std::function<void(const Event&)>& sink,
              std::vector<LineProblem>& problems, const Follow* follow = nullptr);

  std::uint64_t events() const { return events_; }
  const std::vector<InputNote>& notes() const { return notes_; }

 private:
  struct Parsers;
  Interner& strings_;
  const CsvMapping* csv_;
  std::unique_ptr<Parsers> parsers_;
  SyslogDating dating_;
  std::vector<InputNote> notes_;
  std::uint64_t events_ = 0;
};

}  // namespace etguard::authlog
