#include "core/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace etguard {
namespace {

// An error for a failed system call on `path`; `what_en`/`what_zh` say what was
// attempted ("cannot write" / "無法寫入"). A missing file is kNotFound.
std::unexpected<Error> io_error(std::string_view what_en, std::string_view what_zh,
                                const std::filesystem::path& path) {
  const int saved = errno;
  return fail(saved == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo,
              fmt::format("{} '{}': {}", what_en, path.string(), std::strerror(saved)),
              fmt::format("{} '{}'：{}", what_zh, path.string(), std::strerror(saved)));
}

std::filesystem::path temporary_beside(const std::filesystem::path& path) {
  std::random_device device;
  const auto suffix = fmt::format(".{}.{:08x}.tmp", ::getpid(), device());
  return path.parent_path() / ("." + path.filename().string() + suffix);
}

Status fsync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.empty() ? "." : path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) {
    return io_error("cannot open", "無法開啟", path);
  }
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) {
    return io_error("cannot fsync", "無法同步寫入", path);
  }
  return {};
}

}  // namespace

Status produce_file_atomically(
    const std::filesystem::path& path,
    const std::function<Status(const std::filesystem::path& temporary)>& produce) {
  const std::filesystem::path temporary = temporary_beside(path);
  auto cleanup = [&temporary] {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
  };
  if (Status produced = produce(temporary); !produced) {
    cleanup();
    return produced;
  }
  if (Status synced = fsync_path(temporary, O_RDONLY); !synced) {
    cleanup();
    return synced;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    auto error = io_error("cannot rename into", "無法更名為", path);
    cleanup();
    return error;
  }
  return fsync_path(path.parent_path(), O_RDONLY | O_DIRECTORY);
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  return produce_file_atomically(path, [content](const std::filesystem::path& temporary) -> Status {
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      return io_error("cannot write", "無法寫入", temporary);
    }
    std::string_view rest = content;
    while (!rest.empty()) {
      const ssize_t written = ::write(fd, rest.data(), rest.size());
      if (written < 0) {
        if (errno == EINTR) {
          continue;
        }
        auto error = io_error("cannot write", "無法寫入", temporary);
        ::close(fd);
        return error;
      }
      rest.remove_prefix(static_cast<std::size_t>(written));
    }
    if (::close(fd) != 0) {
      return io_error("cannot write", "無法寫入", temporary);
    }
    return {};
  });
}

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return io_error("cannot read", "無法讀取", path);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace etguard
