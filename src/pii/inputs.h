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
  // Chunks of about `chunk_bytes`; a line longer than that makes its chunk
  // grow up to `line_bytes`, where the line is cut.
  static Result<ChunkReader> open(const Input& input, std::size_t chunk_bytes,
                                  std::size_t line_bytes);
  ChunkReader(ChunkReader&&) noexcept;
  ChunkReader& operator=(ChunkReader&&) noexcept;
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;
  ~ChunkReader();

  // The next chunk; false at the end. A chunk ends at a line end, or is cut
  // inside a line longer than `line_bytes` (it then ends without one).
  // The bytes are read into `storage`, whose capacity is reused from chunk to
  // chunk: reading into warm buffers costs less than faulting in a mapping
  // page by page (docs/pii-scanner.md, "Speed").
  Result<bool> next(std::string& storage, std::string_view& chunk);
  bool gzip() const;

 private:
  struct State;
  explicit ChunkReader(std::unique_ptr<State> state);
  Result<bool> next_read(std::string& chunk);
  std::unique_ptr<State> state_;
};

}  // namespace etguard::pii
