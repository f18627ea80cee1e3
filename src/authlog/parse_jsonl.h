// The ECS-like JSON Lines events (docs/authlog-input.md), parsed with
// simdjson On-Demand: fields are read in document order, strings interned.
//
// A day names hundreds of thousands of accounts and addresses, so looking a
// name up in the interner misses the cache twice (its slot, its record). The
// parser therefore keeps the last few events: a line's names are hashed and
// their slots fetched as it is parsed, and they are interned a few lines
// later, when the slots have arrived. Events come out of next() in input order.
//
// Only the actions in `named` get their user.name and source.ip interned (the
// others' user and address stay 0): more than half of a day is notifications,
// prompts and logouts, whose names no rule reads unless they are written out.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "authlog/event.h"

namespace etguard::authlog {

class JsonlParser {
 public:
  explicit JsonlParser(Interner& strings, ActionSet named = kEveryAction);
  ~JsonlParser();
  JsonlParser(const JsonlParser&) = delete;
  JsonlParser& operator=(const JsonlParser&) = delete;
  JsonlParser(JsonlParser&&) = delete;
  JsonlParser& operator=(JsonlParser&&) = delete;

  // Parses one line. `capacity` counts the readable bytes from `line.data()`
  // on, which must exceed the line by kPadding (simdjson reads ahead).
  // Returns false with `problem` set when the line is not an event; else the
  // event is kept until next() gives it out.
  bool parse(std::string_view line, std::size_t capacity, std::string& problem);
  // The oldest kept event once its names are interned, or nullptr. `drain`:
  // give out every kept event (at the end of an input, or before it waits
  // for more), not only those the pipeline is done with. The event stays
  // valid until the next call of parse() or next().
  const Event* next(bool drain);

  static constexpr std::size_t kPadding = 64;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace etguard::authlog
