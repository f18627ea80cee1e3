#include "core/mapped_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace etguard {

Result<MappedFile> MappedFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const ErrorKind kind =
        errno == ENOENT || errno == EACCES ? ErrorKind::kNotFound : ErrorKind::kIo;
    return fail(kind, fmt::format("{}: cannot open: {}", path, std::strerror(errno)),
                fmt::format("{}：無法開啟：{}", path, std::strerror(errno)));
  }
  struct stat info{};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return fail(ErrorKind::kInput, fmt::format("{}: not a regular file", path),
                fmt::format("{}：不是一般檔案", path));
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size == 0) {
    ::close(fd);
    return MappedFile(nullptr, 0);
  }
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  const int mapping_error = errno;
  ::close(fd);
  if (data == MAP_FAILED) {
    return fail(ErrorKind::kIo,
                fmt::format("{}: cannot map: {}", path, std::strerror(mapping_error)),
                fmt::format("{}：無法映射：{}", path, std::strerror(mapping_error)));
  }
  return MappedFile(static_cast<const std::uint8_t*>(data), size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile::~MappedFile() {
  if (data_ != nullptr) {
    ::munmap(const_cast<std::uint8_t*>(data_), size_);
  }
}

}  // namespace etguard
