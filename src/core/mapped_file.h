// A regular file mapped read-only into memory, for parsers that need random
// access to a large input (a mobile app package's signing block sits before
// its central directory, at the far end of the file).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/result.h"

namespace etguard {

class MappedFile {
 public:
  // An error naming `path` when it cannot be opened or is not a regular file.
  static Result<MappedFile> open(const std::string& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::span<const std::uint8_t> bytes() const { return {data_, size_}; }

 private:
  MappedFile(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace etguard
