#include "authlog/reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <thread>

#include "authlog/parse_jsonl.h"
#include "core/huge_pages.h"

namespace etguard::authlog {
namespace {

// A path that cannot be opened is the user's input error (exit 2), like a
// file that is not there.
Error open_error(const std::string& path) {
  const ErrorKind kind =
      errno == ENOENT || errno == EACCES || errno == EISDIR ? ErrorKind::kNotFound : ErrorKind::kIo;
  return Error{kind, fmt::format("{}: cannot open: {}", path, std::strerror(errno)),
               fmt::format("{}：無法開啟：{}", path, std::strerror(errno))};
}

// Where the bytes come from: zlib for whole inputs (gzread reads plain files
// as they are, so one path serves both), plain read(2) when following, since
// gzread waits for a full buffer and a growing file is not gzip.
class Input {
 public:
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;
  Input(Input&&) = delete;
  Input& operator=(Input&&) = delete;
  ~Input() {
    if (gz_ != nullptr) {
      gzclose(gz_);
    } else if (fd_ > STDIN_FILENO) {
      ::close(fd_);
    }
  }

  static Result<std::unique_ptr<Input>> open(const std::string& path, const Follow* follow) {
    auto input = std::unique_ptr<Input>(new Input());
    const bool stdin_input = path == "-";
    // A log is a file or a pipe (<(zcat ...)); a directory, a device such as
    // /dev/zero or a socket would fail late, hang or never end.
    struct stat kind{};
    if (!stdin_input && ::stat(path.c_str(), &kind) == 0 && !S_ISREG(kind.st_mode) &&
        !S_ISFIFO(kind.st_mode)) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}: not a file or a pipe (a directory, device or socket)", path),
                  fmt::format("{}：不是檔案或管線（目錄、裝置或 socket）", path));
    }
    if (follow != nullptr) {
      input->stop_ = follow->stop;
      input->fd_ = stdin_input ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      struct stat info{};
      input->growing_ = input->fd_ >= 0 && ::fstat(input->fd_, &info) == 0 && S_ISREG(info.st_mode);
      if (input->fd_ < 0) {
        return std::unexpected(open_error(path));
      }
      return input;
    }
    input->gz_ = stdin_input ? gzdopen(::dup(STDIN_FILENO), "rb") : gzopen(path.c_str(), "rb");
    if (input->gz_ == nullptr) {
      return std::unexpected(open_error(path));
    }
    gzbuffer(input->gz_, 1U << 18U);
    return input;
  }

  // Bytes read into `to`; 0 at the end; -1 on an error (`problem` set).
  long read(char* to, std::size_t size, std::string& problem) {
    if (gz_ != nullptr) {
      const int got = gzread(gz_, to, static_cast<unsigned>(size));
      if (got < 0) {
        int code = 0;
        problem = gzerror(gz_, &code);
      }
      return got;
    }
    for (;;) {
      const ssize_t got = ::read(fd_, to, size);
      if (got < 0 && errno == EINTR) {
        if (stop_ != nullptr && stop_->load()) {
          return 0;  // interrupted while waiting on stdin: the input ends here
        }
        continue;
      }
      if (got < 0) {
        problem = std::strerror(errno);
      }
      return got;
    }
  }

  // A regular file being followed: its end is only where the writer is now.
  bool growing() const { return growing_; }

 private:
  Input() = default;
  gzFile gz_ = nullptr;
  int fd_ = -1;
  bool growing_ = false;
  const std::atomic<bool>* stop_ = nullptr;
};

}  // namespace

Status for_each_line(const std::string& path,
                     const std::function<void(std::string_view, std::size_t, std::uint32_t)>& line,
                     std::vector<LineProblem>& problems, const Follow* follow) {
  auto opened = Input::open(path, follow);
  if (!opened) {
    return std::unexpected(opened.error());
  }
  Input& input = **opened;
  constexpr std::size_t kChunk = std::size_t{4} << 20U;
  constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20U;
  // One allocation for the whole input: a partial line (at most
  // kMaxLineBytes, else it is skipped) followed by a chunk and the padding
  // simdjson reads ahead. Huge pages: faulting 4 KiB pages in is dear in a VM.
  constexpr std::size_t kCapacity = kMaxLineBytes + kChunk + JsonlParser::kPadding;
  const std::unique_ptr<char, void (*)(void*)> memory(static_cast<char*>(allocate_huge(kCapacity)),
                                                      release_huge);
  char* const buffer = memory.get();
  std::size_t have = 0;  // bytes of buffer holding data
  std::uint32_t number = 0;
  bool eof = false;
  std::string problem;
  bool skipping = false;  // inside a line longer than kMaxLineBytes
  const auto too_long = [&](std::uint32_t at) {
    problems.push_back(
        {path, at, fmt::format("longer than {} MiB: skipped", kMaxLineBytes >> 20U)});
  };
  const auto deliver = [&](std::size_t from, std::size_t to) {  // without a trailing CR
    if (to > from && buffer[to - 1] == '\r') {
      --to;
    }
    if (to > from) {
      line(std::string_view(buffer + from, to - from), kCapacity - from, number);
    }
  };
  while (!eof) {
    const long got = input.read(buffer + have, kChunk, problem);
    if (got < 0) {
      return fail(ErrorKind::kInput, fmt::format("{}: read failed: {}", path, problem),
                  fmt::format("{}：讀取失敗：{}", path, problem));
    }
    if (got == 0 && input.growing() && !follow->stop->load()) {
      if (follow->idle) {
        follow->idle();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      continue;
    }
    have += static_cast<std::size_t>(got);
    std::memset(buffer + have, ' ', JsonlParser::kPadding);  // read ahead, never used
    eof = got == 0;
    std::size_t start = 0;
    for (;;) {
      const void* newline = std::memchr(buffer + start, '\n', have - start);
      std::size_t end = newline == nullptr
                            ? have
                            : static_cast<std::size_t>(static_cast<const char*>(newline) - buffer);
      if (newline == nullptr && !eof) {  // a partial line: wait for more
        if (!skipping && have - start > kMaxLineBytes) {
          // No log line is this long: it is skipped to its end, not kept whole.
          too_long(++number);
          skipping = true;
        }
        if (skipping) {
          start = have;
        }
        break;
      }
      if (newline == nullptr && start == have) {
        break;
      }
      if (!skipping) {  // not the rest of an over-long line
        ++number;
        if (end - start > kMaxLineBytes) {
          too_long(number);
        } else {
          deliver(start, end);
        }
      }
      skipping = false;
      start = end + 1;
      if (start > have) {
        start = have;
        break;
      }
    }
    // Keep the partial line at the front.
    std::memmove(buffer, buffer + start, have - start);
    have -= start;
    if (follow != nullptr && follow->idle && !eof) {
      follow->idle();  // what the chunk decided goes out now
    }
  }
  return {};
}

}  // namespace etguard::authlog
