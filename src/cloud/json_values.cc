#include "cloud/json_values.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "core/digest.h"

namespace etguard::cloud {
namespace {

enum class Layout { kUnknown, kArray, kLines };
enum class Expect { kValueOrClose, kValue, kCommaOrClose };

class Splitter {
 public:
  Splitter(std::string path, const JsonValueLimits& limits)
      : path_(std::move(path)),
        limits_(limits),
        size_(limits.largest + limits.block + kJsonPadding),
        // Not zero-filled: only the pages a read touches are ever committed.
        buffer_(std::make_unique_for_overwrite<char[]>(size_)) {}

  std::string sha256() { return to_hex(hasher_.finish()); }

  Status run(int fd, const std::function<Status(const JsonValue&)>& each,
             const ReadProgress& on_read) {
    while (true) {
      if (Status made_room = make_room(); !made_room) {
        return made_room;
      }
      const std::size_t room = size_ - kJsonPadding - filled_;
      const ssize_t got = ::read(fd, buffer_.get() + filled_, room);
      if (got < 0) {
        if (errno == EINTR) {
          continue;
        }
        return fail(ErrorKind::kIo, fmt::format("{}: cannot read: {}", path_, std::strerror(errno)),
                    fmt::format("{}：無法讀取：{}", path_, std::strerror(errno)));
      }
      if (got == 0) {
        return finish();
      }
      hasher_.update(std::string_view(buffer_.get() + filled_, static_cast<std::size_t>(got)));
      filled_ += static_cast<std::size_t>(got);
      if (on_read) {
        on_read(static_cast<std::size_t>(got));
      }
      if (Status scanned = scan(each); !scanned) {
        return scanned;
      }
    }
  }

 private:
  std::unexpected<Error> problem(std::uint64_t line, std::uint64_t offset, std::string_view en,
                                 std::string_view zh) const {
    return fail(ErrorKind::kInput, fmt::format("{}:{}: (byte {}) {}", path_, line, offset, en),
                fmt::format("{}:{}：（第 {} 位元組）{}", path_, line, offset, zh));
  }

  std::uint64_t offset_of(std::size_t at) const { return dropped_ + at; }

  // Keeps only the value in progress (moved to the front) before reading on.
  Status make_room() {
    const std::size_t keep_from = start_ == kNone ? filled_ : start_;
    if (keep_from > 0) {
      std::memmove(buffer_.get(), buffer_.get() + keep_from, filled_ - keep_from);
      dropped_ += keep_from;
      filled_ -= keep_from;
      at_ -= keep_from;
      if (start_ != kNone) {
        start_ = 0;
      }
    }
    if (start_ != kNone && filled_ > limits_.largest) {
      return problem(start_line_, offset_of(0),
                     fmt::format("a value larger than the limit of {} bytes", limits_.largest),
                     fmt::format("單一值超過上限 {} 位元組", limits_.largest));
    }
    return {};
  }

  Status finish() const {
    if (start_ != kNone || in_string_) {
      return problem(start_line_, offset_of(start_ == kNone ? 0 : start_),
                     "the file ends inside this value (truncated?)",
                     "檔案於此值中途結束（已截斷？）");
    }
    if (layout_ == Layout::kArray && !closed_) {
      return problem(line_, offset_of(filled_), "the file ends before the array's closing ']'",
                     "檔案於陣列結束符號 ']' 之前結束");
    }
    return {};
  }

  Status scan(const std::function<Status(const JsonValue&)>& each) {
    char* const data = buffer_.get();
    std::size_t i = at_;
    while (i < filled_) {
      const char c = data[i];
      if (in_string_) {
        if (escaped_) {
          escaped_ = false;
        } else if (c == '\\') {
          escaped_ = true;
        } else if (c == '"') {
          in_string_ = false;
        }
        ++i;
        continue;
      }
      if (c == '\n') {
        ++line_;
      }
      if (depth_ > base_) {  // inside a value
        if (c == '"') {
          in_string_ = true;
        } else if (c == '{' || c == '[') {
          ++depth_;
        } else if ((c == '}' || c == ']') && --depth_ == base_) {
          const JsonValue value{std::string_view(data + start_, i + 1 - start_), offset_of(start_),
                                start_line_, count_++};
          start_ = kNone;
          expect_ = Expect::kCommaOrClose;
          if (Status taken = each(value); !taken) {
            return taken;
          }
        }
        ++i;
        continue;
      }
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        ++i;
        continue;
      }
      if (Status between = between_values(c, i); !between) {
        return between;
      }
      ++i;
    }
    at_ = i;
    return {};
  }

  // A byte outside every value: where the array opens and closes, commas,
  // and the opening brace of the next value.
  Status between_values(char c, std::size_t i) {
    if (closed_) {
      return problem(line_, offset_of(i), "text after the array's closing ']'",
                     "陣列結束符號 ']' 之後尚有內容");
    }
    if (layout_ == Layout::kUnknown && c == '[') {
      layout_ = Layout::kArray;
      base_ = 1;
      depth_ = 1;
      return {};
    }
    if (layout_ == Layout::kUnknown && c == '{') {
      layout_ = Layout::kLines;
    }
    if (layout_ == Layout::kLines) {
      if (c != '{') {
        return problem(line_, offset_of(i),
                       fmt::format("expected '{{' to begin value {}, found '{}'", count_ + 1, c),
                       fmt::format("第 {} 個值應以 '{{' 開始，實為 '{}'", count_ + 1, c));
      }
      open_value(i);
      return {};
    }
    if (layout_ == Layout::kUnknown) {
      return problem(line_, offset_of(i),
                     fmt::format("expected a JSON array '[' or object '{{', found '{}'", c),
                     fmt::format("應為 JSON 陣列 '[' 或物件 '{{'，實為 '{}'", c));
    }
    if (c == '{' && expect_ != Expect::kCommaOrClose) {
      open_value(i);
      return {};
    }
    if (c == ',' && expect_ == Expect::kCommaOrClose) {
      expect_ = Expect::kValue;
      return {};
    }
    if (c == ']' && expect_ != Expect::kValue) {
      closed_ = true;
      depth_ = 0;
      return {};
    }
    const std::string_view wanted = expect_ == Expect::kCommaOrClose ? "',' or ']'"
                                    : expect_ == Expect::kValue      ? "an object '{'"
                                                                     : "an object '{' or ']'";
    return problem(line_, offset_of(i),
                   fmt::format("expected {} after value {}, found '{}'", wanted, count_, c),
                   fmt::format("第 {} 個值之後應為 {}，實為 '{}'", count_, wanted, c));
  }

  void open_value(std::size_t i) {
    start_ = i;
    start_line_ = line_;
    depth_ = base_ + 1;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  std::string path_;
  JsonValueLimits limits_;
  Sha256Hasher hasher_;
  std::size_t size_;
  std::unique_ptr<char[]> buffer_;
  std::size_t filled_ = 0;
  std::size_t at_ = 0;         // scanned up to here
  std::uint64_t dropped_ = 0;  // file bytes before buffer_[0]
  std::size_t start_ = kNone;  // the value in progress
  std::uint64_t start_line_ = 1;
  std::uint64_t line_ = 1;
  std::uint64_t count_ = 0;
  Layout layout_ = Layout::kUnknown;
  Expect expect_ = Expect::kValueOrClose;
  int base_ = 0;  // the depth values sit at: 1 in an array, 0 in JSON Lines
  int depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  bool closed_ = false;
};

}  // namespace

Result<std::string> for_each_json_value(const std::string& path,
                                        const std::function<Status(const JsonValue&)>& each,
                                        const JsonValueLimits& limits,
                                        const ReadProgress& on_read) {
  const bool standard_input = path == "-";
  const int fd = standard_input ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const ErrorKind kind = errno == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo;
    return fail(kind, fmt::format("{}: cannot open: {}", path, std::strerror(errno)),
                fmt::format("{}：無法開啟：{}", path, std::strerror(errno)));
  }
  Splitter splitter(path, limits);
  const Status result = splitter.run(fd, each, on_read);
  if (!standard_input) {
    ::close(fd);
  }
  if (!result) {
    return std::unexpected(result.error());
  }
  return splitter.sha256();
}

}  // namespace etguard::cloud
