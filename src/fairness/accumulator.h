// One reader thread's counts: each row's group values, label, decision and
// score checked and added to its cell. Threads merge at the end.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fairness/decisions.h"

namespace etguard::fairness {

// The first problem a thread met, located by line.
struct RowProblem {
  std::uint64_t line = 0;
  std::string en;
  std::string zh;
};

class Accumulator {
 public:
  Accumulator(const Columns& columns, std::size_t bins);

  // One row; `score` is ignored without a score column. Returns false (and
  // keeps the problem) when a value is not acceptable.
  bool add(std::span<const std::string_view> groups, std::string_view label,
           std::string_view prediction, std::string_view score, std::uint64_t line);
  void fail(std::uint64_t line, std::string en, std::string zh);

  const std::optional<RowProblem>& problem() const { return problem_; }
  std::uint64_t rows() const { return rows_; }

  // Adds this thread's counts to `into` (keyed by the joined group values).
  void merge_into(std::unordered_map<std::string, Cell>& into) const;

 private:
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };

  std::optional<int> flag(std::string_view text, std::string_view column, std::uint64_t line);
  std::size_t cell_of(std::span<const std::string_view> groups, std::uint64_t line);

  const Columns& columns_;
  std::size_t bins_;
  std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> index_;
  std::vector<std::string> keys_;
  std::vector<std::vector<Outcome>> outcomes_;
  std::string key_;
  std::optional<RowProblem> problem_;
  std::uint64_t rows_ = 0;
};

// Joins group values into one key and back ("\x1f" cannot be typed in a cell).
inline constexpr char kKeySeparator = '\x1f';
std::vector<std::string> split_key(std::string_view key);

}  // namespace etguard::fairness
