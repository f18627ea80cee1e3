#include "core/zip_archive.h"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <array>

namespace etguard {
namespace {

std::string zip_error(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// Every entry gets the same time: the same pack content makes the same bytes.
constexpr time_t kEntryTime = 1704067200;  // 2024-01-01T00:00:00Z

}  // namespace

ZipWriter::ZipWriter(zip* archive, std::filesystem::path path)
    : archive_(archive), path_(std::move(path)) {}

ZipWriter::ZipWriter(ZipWriter&& other) noexcept
    : archive_(std::exchange(other.archive_, nullptr)),
      path_(std::move(other.path_)),
      buffers_(std::move(other.buffers_)) {}

ZipWriter::~ZipWriter() {
  if (archive_ != nullptr) {
    zip_discard(archive_);
  }
}

Result<ZipWriter> ZipWriter::create(const std::filesystem::path& path) {
  int code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &code);
  if (archive == nullptr) {
    return fail(ErrorKind::kIo,
                fmt::format("cannot create the archive '{}': {}", path.string(), zip_error(code)),
                fmt::format("無法建立封存檔 '{}'：{}", path.string(), zip_error(code)));
  }
  return ZipWriter(archive, path);
}

Status ZipWriter::add_text(const std::string& name, std::string content) {
  const std::string& kept = buffers_.emplace_back(std::move(content));
  zip_source_t* source = zip_source_buffer(archive_, kept.data(), kept.size(), 0);
  const zip_int64_t index =
      source == nullptr ? -1 : zip_file_add(archive_, name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return fail(
        ErrorKind::kIo,
        fmt::format("cannot add '{}' to '{}': {}", name, path_.string(), zip_strerror(archive_)),
        fmt::format("無法將 '{}' 加入 '{}'：{}", name, path_.string(), zip_strerror(archive_)));
  }
  zip_file_set_mtime(archive_, static_cast<zip_uint64_t>(index), kEntryTime, 0);
  return {};
}

Status ZipWriter::add_file(const std::string& name, const std::filesystem::path& file) {
  zip_source_t* source = zip_source_file(archive_, file.c_str(), 0, -1);
  const zip_int64_t index =
      source == nullptr ? -1 : zip_file_add(archive_, name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return fail(ErrorKind::kIo,
                fmt::format("cannot add '{}' ({}) to '{}': {}", name, file.string(), path_.string(),
                            zip_strerror(archive_)),
                fmt::format("無法將 '{}'（{}）加入 '{}'：{}", name, file.string(), path_.string(),
                            zip_strerror(archive_)));
  }
  zip_file_set_mtime(archive_, static_cast<zip_uint64_t>(index), kEntryTime, 0);
  return {};
}

Status ZipWriter::close() {
  if (zip_close(archive_) != 0) {
    const std::string problem = zip_strerror(archive_);
    zip_discard(archive_);
    archive_ = nullptr;
    return fail(ErrorKind::kIo, fmt::format("cannot write '{}': {}", path_.string(), problem),
                fmt::format("無法寫入 '{}'：{}", path_.string(), problem));
  }
  archive_ = nullptr;
  buffers_.clear();
  return {};
}

ZipReader::ZipReader(zip* archive, std::filesystem::path path, std::vector<ZipEntry> entries)
    : archive_(archive), path_(std::move(path)), entries_(std::move(entries)) {}

ZipReader::ZipReader(ZipReader&& other) noexcept
    : archive_(std::exchange(other.archive_, nullptr)),
      path_(std::move(other.path_)),
      entries_(std::move(other.entries_)) {}

ZipReader::~ZipReader() {
  if (archive_ != nullptr) {
    zip_discard(archive_);
  }
}

Result<ZipReader> ZipReader::open(const std::filesystem::path& path) {
  int code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive == nullptr) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: not a readable zip archive ({})", path.string(), zip_error(code)),
                fmt::format("{}：不是可讀取的 zip 封存檔（{}）", path.string(), zip_error(code)));
  }
  std::vector<ZipEntry> entries;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0 ||
        (stat.valid & ZIP_STAT_NAME) == 0) {
      zip_discard(archive);
      return fail(ErrorKind::kInput,
                  fmt::format("{}: entry {} cannot be read", path.string(), i + 1),
                  fmt::format("{}：第 {} 個項目無法讀取", path.string(), i + 1));
    }
    std::string name = stat.name;
    const bool directory = !name.empty() && name.back() == '/';
    entries.push_back(
        {static_cast<std::uint64_t>(i), std::move(name), stat.size, stat.comp_size, directory});
  }
  return ZipReader(archive, path, std::move(entries));
}

Status ZipReader::read(const ZipEntry& entry, std::uint64_t max_bytes,
                       const std::function<void(std::string_view)>& sink) {
  zip_file_t* file = zip_fopen_index(archive_, entry.index, 0);
  if (file == nullptr) {
    return fail(
        ErrorKind::kInput,
        fmt::format("{}: {} cannot be read: {}", path_.string(), entry.name,
                    zip_strerror(archive_)),
        fmt::format("{}：{} 無法讀取：{}", path_.string(), entry.name, zip_strerror(archive_)));
  }
  std::array<char, 1 << 16> buffer{};
  std::uint64_t total = 0;
  Status status;
  for (;;) {
    const zip_int64_t got = zip_fread(file, buffer.data(), buffer.size());
    if (got < 0) {
      status = fail(
          ErrorKind::kInput,
          fmt::format("{}: {} is damaged: {}", path_.string(), entry.name, zip_file_strerror(file)),
          fmt::format("{}：{} 已損壞：{}", path_.string(), entry.name, zip_file_strerror(file)));
      break;
    }
    if (got == 0) {
      break;
    }
    total += static_cast<std::uint64_t>(got);
    if (total > max_bytes) {
      status =
          fail(ErrorKind::kInput,
               fmt::format("{}: {} is larger than {} bytes", path_.string(), entry.name, max_bytes),
               fmt::format("{}：{} 超過 {} 位元組", path_.string(), entry.name, max_bytes));
      break;
    }
    sink(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
  }
  zip_fclose(file);
  return status;
}

Result<std::string> ZipReader::read_whole(const ZipEntry& entry, std::uint64_t max_bytes) {
  std::string content;
  // The declared size, as far as the limit allows: one allocation, not a
  // doubling per chunk (the data may still be shorter or stop at the limit).
  content.reserve(static_cast<std::size_t>(std::min(entry.size, max_bytes)));
  if (Status read_all = read(entry, max_bytes, [&](std::string_view chunk) { content += chunk; });
      !read_all) {
    return std::unexpected(read_all.error());
  }
  return content;
}

}  // namespace etguard
