// What a PII scan reads: files, directories (recursive, include/exclude
// globs), gzip files and stdin, each read in line-aligned chunks.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::pii {

struct Input {
  std::string path;  // to open; "-" is stdin
  std::string name;  // as reported: relative to the directory scanned, or as given
};

struct InputFilter {
  std::vector<std::string> include;  // globs; empty: every file
  std::vector<std::string> exclude;
};

// Expands the arguments: a directory yields its regular files (recursively,
// sorted, symlinked directories not followed) that match the filter. A
// subdirectory that cannot be listed is skipped and named in `unreadable`;
// an argument that does not exist is an error.
struct CollectedInputs {
  std::vector<Input> inputs;
  std::vector<Error> unreadable;
};
Result<CollectedInputs> collect_inputs(const std::vector<std::string>& arguments,
                                       const InputFilter& filter);

// Reads a file or stdin, plain or gzip (by its magic bytes), in chunks that end
// at a line end (or at the end of the input).
class ChunkReader {
 public:
  static Result<ChunkReader> open(const Input& input, std::size_t chunk_bytes);
  ChunkReader(ChunkReader&&) noexcept;
  ChunkReader& operator=(ChunkReader&&) noexcept;
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;
  ~ChunkReader();

  // The next chunk; false at the end. A chunk ends at a line end, or is cut
  // at the chunk size inside a line longer than that (it then ends without one).
  // A regular file is mapped and `chunk` points into the mapping (no copy);
  // otherwise the bytes are read into `storage`.
  Result<bool> next(std::string& storage, std::string_view& chunk);
  // Every chunk up to and including `chunk` has been used: its pages of the
  // mapping may go (memory stays flat on files of any size).
  void release(std::string_view chunk);
  bool gzip() const;

 private:
  struct State;
  explicit ChunkReader(std::unique_ptr<State> state);
  Result<bool> next_read(std::string& chunk);
  std::unique_ptr<State> state_;
};

}  // namespace etguard::pii
