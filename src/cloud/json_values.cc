#include "cloud/json_values.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <future>
#include <memory>
#include <optional>
#include <vector>

#include "core/digest.h"

namespace etguard::cloud {
namespace {

enum class Layout { kUnknown, kArray, kLines };

// Blocks at least this large are hashed on another thread.
constexpr std::size_t kHashAside = std::size_t{1} << 20U;

enum class Expect { kValueOrClose, kValue, kCommaOrClose };

class Splitter {
 public:
  Splitter(std::string path, const JsonReadOptions& options)
      : path_(std::move(path)),
        options_(options),
        size_(options.largest + options.block + kJsonPadding),
        // Not zero-filled: only the pages a read touches are ever committed.
        buffer_(std::make_unique_for_overwrite<char[]>(size_)) {}

  std::string sha256() { return to_hex(hasher_.finish()); }

  Status run(int fd, const std::function<Status(const JsonValue&)>& each) {
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
      const std::string_view block(buffer_.get() + filled_, static_cast<std::size_t>(got));
      filled_ += block.size();
      if (options_.on_read) {
        options_.on_read(block.size());
      }
      // The block is hashed on a second core while it is split and parsed
      // here; both finish before its bytes move.
      std::future<void> hashed;
      if (block.size() >= kHashAside) {
        hashed = std::async(std::launch::async, [this, block] { hasher_.update(block); });
      } else {
        hasher_.update(block);
      }
      const Status scanned = scan(each);
      if (hashed.valid()) {
        hashed.get();
      }
      if (!scanned) {
        return scanned;
      }
    }
  }

 private:
  std::unexpected<Error> problem(std::uint64_t offset, std::string_view en,
                                 std::string_view zh) const {
    return json_input_error(path_, offset, en, zh);
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
    if (start_ != kNone && filled_ > options_.largest) {
      return problem(offset_of(0),
                     fmt::format("a value larger than the limit of {} bytes", options_.largest),
                     fmt::format("單一值超過上限 {} 位元組", options_.largest));
    }
    return {};
  }

  Status finish() {
    if (start_ != kNone || in_string_) {
      return problem(offset_of(start_ == kNone ? 0 : start_),
                     "the file ends inside this value (truncated?)",
                     "檔案於此值中途結束（已截斷？）");
    }
    if (layout_ == Layout::kArray && !closed_) {
      return problem(offset_of(filled_), "the file ends before the array's closing ']'",
                     "檔案於陣列結束符號 ']' 之前結束");
    }
    return {};
  }

  Status scan(const std::function<Status(const JsonValue&)>& each) {
    const char* const data = buffer_.get();
    std::size_t i = at_;
    while (i < filled_) {
      if (in_string_) {
        i = past_string(data, i);
        continue;
      }
      if (depth_ > base_) {  // inside a value: only quotes and brackets matter
        i = next_of<'"', '{', '}', '[', ']'>(data, i);
        if (i == filled_) {
          break;
        }
        const char c = data[i++];
        if (c == '"') {
          in_string_ = true;
        } else if (c == '{' || c == '[') {
          ++depth_;
        } else if (--depth_ == base_) {
          const JsonValue value{std::string_view(data + start_, i - start_), offset_of(start_),
                                count_++};
          start_ = kNone;
          expect_ = Expect::kCommaOrClose;
          if (Status taken = each(value); !taken) {
            return taken;
          }
        }
        continue;
      }
      const char c = data[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        if (Status between = between_values(c, i); !between) {
          return between;
        }
      }
      ++i;
    }
    at_ = i;
    return {};
  }

  // The first of `Cs` at or after `i` (or filled_), eight bytes at a time:
  // most bytes are indentation or short strings.
  template <char... Cs>
  std::size_t next_of(const char* data, std::size_t i) const {
    if constexpr (std::endian::native == std::endian::little) {
      for (; i + 8 <= filled_; i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, data + i, sizeof word);
        const std::uint64_t hits = (byte_is(word, Cs) | ...);
        if (hits != 0) {
          return i + static_cast<std::size_t>(std::countr_zero(hits) / 8);
        }
      }
    }
    while (i < filled_ && ((data[i] != Cs) && ...)) {
      ++i;
    }
    return i;
  }

  // The high bit of each byte of `word` equal to `c`; exact up to the lowest
  // one (a borrow may mark bytes above it, which are never read).
  static constexpr std::uint64_t byte_is(std::uint64_t word, char c) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    const std::uint64_t x = word ^ (kOnes * static_cast<unsigned char>(c));
    return (x - kOnes) & ~x & (kOnes << 7U);
  }

  // Past the string that `i` is inside: the index after its closing quote,
  // or filled_ when it goes on into the next block.
  std::size_t past_string(const char* data, std::size_t i) {
    if (escaped_) {  // the block ended on a backslash
      escaped_ = false;
      ++i;
    }
    while (true) {
      i = next_of<'"', '\\'>(data, i);
      if (i >= filled_) {
        return filled_;
      }
      if (data[i] == '"') {
        in_string_ = false;
        return i + 1;
      }
      i += 2;  // the backslash and the byte it escapes
      if (i > filled_) {
        escaped_ = true;
        return filled_;
      }
    }
  }

  // A byte outside every value: where the array opens and closes, commas,
  // and the opening brace of the next value.
  Status between_values(char c, std::size_t i) {
    if (closed_) {
      return problem(offset_of(i), "text after the array's closing ']'",
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
        return problem(offset_of(i),
                       fmt::format("expected '{{' to begin value {}, found '{}'", count_ + 1, c),
                       fmt::format("第 {} 個值應以 '{{' 開始，實為 '{}'", count_ + 1, c));
      }
      open_value(i);
      return {};
    }
    if (layout_ == Layout::kUnknown) {
      return problem(offset_of(i),
                     fmt::format("expected a JSON array '[' or object '{{', found '{}'", c),
                     fmt::format("檔案應以 JSON 陣列之 '[' 或 '{{' 開始，實為 '{}'", c));
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
    return problem(offset_of(i),
                   fmt::format("expected {} after value {}, found '{}'", wanted, count_, c),
                   fmt::format("第 {} 個值之後應為 {}，實為 '{}'", count_, wanted, c));
  }

  void open_value(std::size_t i) {
    start_ = i;
    depth_ = base_ + 1;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  std::string path_;
  JsonReadOptions options_;
  Sha256Hasher hasher_;
  std::size_t size_;
  std::unique_ptr<char[]> buffer_;
  std::size_t filled_ = 0;
  std::size_t at_ = 0;         // scanned up to here
  std::uint64_t dropped_ = 0;  // file bytes before buffer_[0]
  std::size_t start_ = kNone;  // the value in progress
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
                                        const JsonReadOptions& options) {
  const bool standard_input = path == "-";
  const int fd = standard_input ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const ErrorKind kind = errno == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo;
    return fail(kind, fmt::format("{}: cannot open: {}", path, std::strerror(errno)),
                fmt::format("{}：無法開啟：{}", path, std::strerror(errno)));
  }
  Splitter splitter(path, options);
  const Status result = splitter.run(fd, each);
  if (!standard_input) {
    ::close(fd);
  }
  if (!result) {
    return std::unexpected(result.error());
  }
  return splitter.sha256();
}

std::optional<std::uint64_t> json_line(const std::string& path, std::uint64_t offset) {
  if (path == "-") {
    return std::nullopt;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::nullopt;
  }
  std::uint64_t line = 1;
  std::vector<char> block(std::size_t{1} << 20U);
  std::uint64_t at = 0;
  while (at < offset) {
    const ssize_t got =
        ::pread(fd, block.data(), std::min<std::uint64_t>(block.size(), offset - at),
                static_cast<off_t>(at));
    if (got <= 0) {
      break;
    }
    line += static_cast<std::uint64_t>(std::count(block.data(), block.data() + got, '\n'));
    at += static_cast<std::uint64_t>(got);
  }
  ::close(fd);
  return line;
}

std::unexpected<Error> json_input_error(const std::string& path, std::uint64_t offset,
                                        std::string_view en, std::string_view zh) {
  const std::optional<std::uint64_t> line = json_line(path, offset);
  const std::string where = line ? fmt::format("{}:{}", path, *line) : path;
  return fail(ErrorKind::kInput, fmt::format("{}: (byte {}) {}", where, offset, en),
              fmt::format("{}：（第 {} 位元組）{}", where, offset, zh));
}

}  // namespace etguard::cloud
