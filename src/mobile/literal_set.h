// Which of a fixed set of literal strings occur in a text, in one pass of
// vectorscan (the project's multi-pattern scanner) instead of one search per
// literal: the tamper-detection markers over a package's code strings.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace etguard::mobile {

class LiteralSet {
 public:
  static constexpr std::size_t kMaxLiteral = 256;

  // The literals (at most kMaxLiteral bytes each) are the program's own
  // constants: a set vectorscan cannot compile is a programming error
  // (std::logic_error).
  explicit LiteralSet(std::span<const std::string_view> literals);
  ~LiteralSet();
  LiteralSet(const LiteralSet&) = delete;
  LiteralSet& operator=(const LiteralSet&) = delete;
  LiteralSet(LiteralSet&&) = delete;
  LiteralSet& operator=(LiteralSet&&) = delete;

  // The indexes of the literals that occur in `text`, ascending. Thread-safe.
  std::vector<std::size_t> found_in(std::string_view text) const;

 private:
  struct Database;
  std::unique_ptr<Database> database_;
};

}  // namespace etguard::mobile
