// Zip archives through libzip: writing one (texts from memory, files streamed
// from disk; the examiner's pack) and reading one back entry by entry,
// bounded (packs, mobile app packages).
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

struct zip;

namespace etguard {

class ZipWriter {
 public:
  // Creates `path`, which must not exist.
  static Result<ZipWriter> create(const std::filesystem::path& path);
  ZipWriter(ZipWriter&&) noexcept;
  ZipWriter& operator=(ZipWriter&&) = delete;
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;
  ~ZipWriter();

  Status add_text(const std::string& name, std::string content);
  Status add_file(const std::string& name, const std::filesystem::path& file);
  // Writes the archive; nothing is on disk before.
  Status close();

 private:
  ZipWriter(zip* archive, std::filesystem::path path);
  zip* archive_;
  std::filesystem::path path_;
  std::deque<std::string> buffers_;  // kept alive until close (libzip reads them then)
};

struct ZipEntry {
  std::uint64_t index = 0;
  std::string name;
  std::uint64_t size = 0;             // uncompressed, as the central directory declares
  std::uint64_t compressed_size = 0;  // as stored
  bool directory = false;
};

class ZipReader {
 public:
  // An input error naming `path` when it is not a zip archive.
  static Result<ZipReader> open(const std::filesystem::path& path);
  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) = delete;
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;
  ~ZipReader();

  const std::vector<ZipEntry>& entries() const { return entries_; }
  // Streams an entry's bytes to `sink` in chunks; more than `max_bytes` is an
  // input error naming the entry.
  Status read(const ZipEntry& entry, std::uint64_t max_bytes,
              const std::function<void(std::string_view)>& sink);
  Result<std::string> read_whole(const ZipEntry& entry, std::uint64_t max_bytes);

 private:
  ZipReader(zip* archive, std::filesystem::path path, std::vector<ZipEntry> entries);
  zip* archive_;
  std::filesystem::path path_;
  std::vector<ZipEntry> entries_;
};

}  // namespace etguard
