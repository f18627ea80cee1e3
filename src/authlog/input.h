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
#include "authlog/reader.h"

namespace etguard::authlog {

class EventInput {
 public:
  // `csv`: the mapping for CSV inputs; nullptr when there are none.
  EventInput(Interner& strings, const CsvMapping* csv);
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

 private:
  struct Parsers;
  Interner& strings_;
  const CsvMapping* csv_;
  std::unique_ptr<Parsers> parsers_;
  std::uint64_t events_ = 0;
};

}  // namespace etguard::authlog
