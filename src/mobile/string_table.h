// Many short strings kept as one text, one per line: a DEX string table has
// hundreds of thousands, and the checks search them all for markers. One
// contiguous text is a fraction of the memory of as many std::strings, and
// each search is one vectorised pass (memmem) instead of one per string.
// A string that itself holds a newline spans two lines; searches accept it.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace etguard::mobile {

class StringTable {
 public:
  StringTable() = default;
  StringTable(std::initializer_list<std::string_view> strings) {
    for (std::string_view text : strings) {
      add(text);
    }
  }

  void add(std::string_view text) {
    text_.append(text);
    text_.push_back('\n');
    ++count_;
  }
  void reserve(std::size_t bytes) { text_.reserve(bytes); }
  void append(const StringTable& other) {
    text_ += other.text_;
    count_ += other.count_;
  }
  // What the table holds now, to go back to when a read fails half-way.
  struct Mark {
    std::size_t bytes = 0;
    std::size_t count = 0;
  };
  Mark mark() const { return {text_.size(), count_}; }
  void rewind(Mark to) {
    text_.resize(to.bytes);
    count_ = to.count;
  }

  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  // Every string, each followed by '\n'.
  const std::string& text() const { return text_; }

  // The first string holding `part`, or an empty view.
  std::string_view line_containing(std::string_view part) const;
  // Whether a string equals `whole`.
  bool has(std::string_view whole) const;
  // Calls `visit` with each string starting with `prefix`, in order.
  void for_each_starting_with(std::string_view prefix,
                              const std::function<void(std::string_view)>& visit) const;

 private:
  std::string text_;
  std::size_t count_ = 0;
};

}  // namespace etguard::mobile
