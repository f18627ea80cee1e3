// The ECS-like JSON Lines events (docs/authlog-input.md), parsed with
// simdjson On-Demand: fields are read in document order, strings interned.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "authlog/event.h"

namespace etguard::authlog {

class JsonlParser {
 public:
  explicit JsonlParser(Interner& strings);
  ~JsonlParser();
  JsonlParser(const JsonlParser&) = delete;
  JsonlParser& operator=(const JsonlParser&) = delete;
  JsonlParser(JsonlParser&&) = delete;
  JsonlParser& operator=(JsonlParser&&) = delete;

  // Parses one line. `capacity` counts the readable bytes from `line.data()`
  // on, which must exceed the line by kPadding (simdjson reads ahead).
  // Returns false with `problem` set when the line is not an event.
  bool parse(std::string_view line, std::size_t capacity, Event& event, std::string& problem);

  static constexpr std::size_t kPadding = 64;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace etguard::authlog
