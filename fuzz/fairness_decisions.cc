// Fuzz target: a decision log (outside input) read as CSV or JSON Lines, in
// one block on one thread and in many small blocks on three; both readings
// must agree (rows, cells and counts, or the same error), and a log that
// reads is measured. The first byte picks the format.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fairness/decisions.h"
#include "fairness/measure.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  namespace fm = etguard::fairness;
  const bool json = (data[0] & 1U) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  fm::Columns columns;
  columns.groups = {"g", "h"};
  columns.score = (data[0] & 2U) != 0 ? "p" : "";
  fm::ReadOptions whole;
  whole.format = json ? "jsonl" : "csv";
  fm::ReadOptions pieces = whole;
  pieces.jobs = 3;
  pieces.block_bytes = 7;
  const auto one = fm::tally_decisions_text(text, "fuzz", columns, whole);
  const auto many = fm::tally_decisions_text(text, "fuzz", columns, pieces);
  if (one.has_value() != many.has_value()) {
    std::abort();
  }
  if (!one) {
    if (one.error().message != many.error().message) {
      std::abort();
    }
    return 0;
  }
  std::uint64_t counted = 0;
  if (one->rows != many->rows || one->cells.size() != many->cells.size()) {
    std::abort();
  }
  for (std::size_t c = 0; c < one->cells.size(); ++c) {
    for (std::size_t i = 0; i < one->cells[c].outcomes.size(); ++i) {
      counted += one->cells[c].outcomes[i].count;
      if (one->cells[c].outcomes[i].count != many->cells[c].outcomes[i].count) {
        std::abort();
      }
    }
  }
  if (counted != one->rows) {
    std::abort();
  }
  fm::Policy policy;
  policy.bootstrap = 20;
  policy.min_group_size = 1;
  (void)fm::measure(*one, policy, 2);
  return 0;
}
