// A decision log read in blocks that end where a record ends, each block
// handed to one of `jobs` worker threads while the next is read; at most
// 2 x jobs blocks are held at once, so memory does not grow with the file.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::fairness {

// Bytes readable past every block's end: simdjson's read-ahead.
inline constexpr std::size_t kBlockPadding = 64;

struct Block {
  std::string_view text;         // whole records; text.data()[size .. size+padding) readable
  std::uint64_t first_line = 1;  // the line `text` starts on
};

struct BlockReading {
  std::size_t jobs = 1;
  std::size_t block_bytes = std::size_t{1} << 20U;  // stays in a core's cache
  bool csv_quotes = false;                          // a newline inside "..." does not end a record
  std::function<void(std::uint64_t bytes)> progress;
};

// Calls `work(block, worker)` for every block of the text after its first
// `skip` bytes, worker in [0, jobs). After a call returns false no later block
// is started. `text` must stay readable kBlockPadding bytes past its end.
Status for_each_block(std::string_view text, std::uint64_t first_line, const BlockReading& reading,
                      const std::function<bool(const Block& block, std::size_t worker)>& work);

// The same over a file ("-": standard input), read as it goes. `header`, when
// set, receives the first record (its bytes and line) before any block is
// worked on and may refuse it.
Status for_each_file_block(const std::string& path, const BlockReading& reading,
                           const std::function<Status(std::string_view record)>& header,
                           const std::function<bool(const Block& block, std::size_t worker)>& work,
                           std::uint64_t& bytes_read);

// Where the first record ends (just past its newline), 0 if it does not end in `text`.
std::size_t first_record_end(std::string_view text, bool csv_quotes);

// Where the last whole record of `text` ends (just past its newline), 0 if none.
std::size_t last_record_end(std::string_view text, bool csv_quotes);

}  // namespace etguard::fairness
