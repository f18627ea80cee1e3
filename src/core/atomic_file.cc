#include "core/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
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
  if (saved == ENOSPC || saved == EDQUOT) {  // what the user must act on comes first
    return fail(ErrorKind::kIo,
                fmt::format("no space left on device ({}): {} '{}'", path.parent_path().string(),
                            what_en, path.string()),
                fmt::format("裝置空間不足（{}）：{} '{}'", path.parent_path().string(), what_zh,
                            path.string()));
  }
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

Status write_all(int fd, std::string_view content, const std::filesystem::path& path) {
  std::string_view rest = content;
  while (!rest.empty()) {
    const ssize_t written = ::write(fd, rest.data(), rest.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return io_error("cannot write", "無法寫入", path);
    }
    rest.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

// How an output path is written: replaced by an atomic rename (a regular
// file, or none yet), or written through in place (standard output, a
// character device such as /dev/null, a FIFO, a socket), which a rename would
// destroy. A symbolic link is followed: the link stays, its target is written.
struct OutputTarget {
  std::filesystem::path path;
  bool in_place = false;
};

Result<OutputTarget> output_target(const std::filesystem::path& path) {
  if (path == "-") {
    return OutputTarget{"/dev/stdout", true};
  }
  struct stat info{};
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) {
      return OutputTarget{path, false};
    }
    return io_error("cannot write", "無法寫入", path);
  }
  std::filesystem::path resolved = path;
  if (S_ISLNK(info.st_mode)) {
    std::error_code error;
    resolved = std::filesystem::weakly_canonical(path, error);
    if (error || ::stat(resolved.c_str(), &info) != 0) {
      return errno == ENOENT ? Result<OutputTarget>(OutputTarget{resolved, false})
                             : Result<OutputTarget>(io_error("cannot write", "無法寫入", path));
    }
  }
  if (S_ISDIR(info.st_mode)) {
    return fail(ErrorKind::kUsage,
                fmt::format("cannot write '{}': it is a directory", path.string()),
                fmt::format("無法寫入 '{}'：這是目錄", path.string()));
  }
  return OutputTarget{resolved, !S_ISREG(info.st_mode)};
}

// Writes `content` into a non-regular file as it is (no create, no rename).
Status write_in_place(const std::filesystem::path& path, std::string_view content) {
  if (path == "/dev/stdout") {
    std::fflush(stdout);
    return write_all(STDOUT_FILENO, content, "-");
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    return io_error("cannot write", "無法寫入", path);
  }
  Status written = write_all(fd, content, path);
  ::close(fd);
  return written;
}

}  // namespace

Status produce_file_atomically(
    const std::filesystem::path& requested,
    const std::function<Status(const std::filesystem::path& temporary)>& produce) {
  auto target = output_target(requested);
  if (!target) {
    return std::unexpected(target.error());
  }
  if (target->in_place) {
    // Produced privately first (produce may insist on a file name) in a
    // directory only this user can read, then copied into the device or
    // pipe; the scratch directory never stays.
    std::string scratch = (std::filesystem::temp_directory_path() / "etguard-XXXXXX").string();
    if (::mkdtemp(scratch.data()) == nullptr) {
      return io_error("cannot create a scratch directory in", "無法建立暫存目錄於",
                      std::filesystem::temp_directory_path());
    }
    const std::filesystem::path temporary = std::filesystem::path(scratch) / "output";
    Status produced = produce(temporary);
    auto content = produced ? read_file(temporary) : Result<std::string>(std::string());
    std::error_code ignored;
    std::filesystem::remove_all(scratch, ignored);
    if (!produced) {
      return produced;
    }
    if (!content) {
      return std::unexpected(content.error());
    }
    return write_in_place(target->path, *content);
  }
  const std::filesystem::path& path = target->path;
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
  auto target = output_target(path);
  if (!target) {
    return std::unexpected(target.error());
  }
  if (target->in_place) {
    return write_in_place(target->path, content);
  }
  return produce_file_atomically(path, [content](const std::filesystem::path& temporary) -> Status {
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      return io_error("cannot write", "無法寫入", temporary);
    }
    Status written = write_all(fd, content, temporary);
    if (::close(fd) != 0 && written) {
      return io_error("cannot write", "無法寫入", temporary);
    }
    return written;
  });
}

namespace {

// What a non-regular file is, for the message.
std::pair<std::string_view, std::string_view> file_type_words(mode_t mode) {
  if (S_ISDIR(mode)) {
    return {"a directory", "目錄"};
  }
  if (S_ISFIFO(mode)) {
    return {"a FIFO", "具名管道"};
  }
  if (S_ISCHR(mode) || S_ISBLK(mode)) {
    return {"a device", "裝置"};
  }
  if (S_ISSOCK(mode)) {
    return {"a socket", "通訊端"};
  }
  return {"not a regular file", "非一般檔案"};
}

}  // namespace

Result<OpenedFile> open_regular_file(const std::filesystem::path& path, FollowLinks follow) {
  // Opened first and checked on the descriptor, so what is checked is what is
  // read; O_NONBLOCK so that opening a FIFO to look at it never waits.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK |
                                          (follow == FollowLinks::kNo ? O_NOFOLLOW : 0));
  if (fd < 0 && errno == ELOOP && follow == FollowLinks::kNo) {
    std::error_code ignored;
    const auto target = std::filesystem::read_symlink(path, ignored);
    return fail(ErrorKind::kInput,
                fmt::format("'{}' is a symbolic link (to '{}'); give the file itself",
                            path.string(), target.string()),
                fmt::format("'{}' 是符號連結（指向 '{}'）；請指定檔案本身", path.string(),
                            target.string()));
  }
  if (fd < 0) {
    return io_error("cannot read", "無法讀取", path);
  }
  struct stat info{};
  if (::fstat(fd, &info) != 0) {
    ::close(fd);
    return io_error("cannot read", "無法讀取", path);
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    const auto [en, zh] = file_type_words(info.st_mode);
    return fail(ErrorKind::kInput,
                fmt::format("'{}' is {}: inputs are read from regular files", path.string(), en),
                fmt::format("'{}' 是{}：輸入須為一般檔案", path.string(), zh));
  }
  return OpenedFile{fd, static_cast<std::uintmax_t>(info.st_size)};
}

Result<std::string> read_file(const std::filesystem::path& path) {
  auto opened = open_regular_file(path);
  if (!opened) {
    return std::unexpected(opened.error());
  }
  const int fd = opened->fd;
  if (opened->size > kMaxInputFileBytes) {
    ::close(fd);
    return fail(ErrorKind::kInput,
                fmt::format("'{}' holds {} bytes; inputs are read up to {} bytes", path.string(),
                            opened->size, kMaxInputFileBytes),
                fmt::format("'{}' 有 {} 位元組；輸入檔上限為 {} 位元組", path.string(),
                            opened->size, kMaxInputFileBytes));
  }
  std::string content;
  content.reserve(static_cast<std::size_t>(opened->size));
  std::array<char, 65536> chunk{};
  for (;;) {
    const ssize_t got = ::read(fd, chunk.data(), chunk.size());
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      return io_error("cannot read", "無法讀取", path);
    }
    if (got == 0) {
      break;
    }
    content.append(chunk.data(), static_cast<std::size_t>(got));
    if (content.size() > kMaxInputFileBytes) {  // it grew while being read
      ::close(fd);
      return fail(ErrorKind::kInput,
                  fmt::format("'{}' grew past {} bytes while being read", path.string(),
                              kMaxInputFileBytes),
                  fmt::format("'{}' 讀取時超過 {} 位元組", path.string(), kMaxInputFileBytes));
    }
  }
  ::close(fd);
  return content;
}

Result<HashedCopy> copy_file_hashing(const std::filesystem::path& source,
                                     const std::filesystem::path& target,
                                     std::uintmax_t max_bytes) {
  auto in = open_regular_file(source, FollowLinks::kNo);
  if (!in) {
    return std::unexpected(in.error());
  }
  const int out = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0) {
    ::close(in->fd);
    return io_error("cannot create", "無法建立", target);
  }
  HashedCopy copy;
  Sha256Hasher hasher;
  std::string buffer(std::size_t{1} << 16, '\0');
  Status copied;
  for (;;) {
    const ssize_t n = ::read(in->fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      copied = io_error("cannot read", "無法讀取", source);
      break;
    }
    if (n == 0) {
      break;
    }
    copy.size += static_cast<std::uintmax_t>(n);
    if (copy.size > max_bytes) {
      copied =
          fail(ErrorKind::kInput,
               fmt::format("'{}' is larger than {} MiB, the most one piece of evidence may be",
                           source.string(), max_bytes >> 20U),
               fmt::format("'{}' 超過單件佐證資料上限 {} MiB", source.string(), max_bytes >> 20U));
      break;
    }
    const std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
    hasher.update(chunk);
    if (copied = write_all(out, chunk, target); !copied) {
      break;
    }
  }
  ::close(in->fd);
  if (copied && ::fsync(out) != 0) {
    copied = io_error("cannot fsync", "無法同步寫入", target);
  }
  ::close(out);
  if (!copied) {
    std::error_code ignored;
    std::filesystem::remove(target, ignored);
    return std::unexpected(copied.error());
  }
  copy.sha256 = hasher.finish();
  return copy;
}

}  // namespace etguard
