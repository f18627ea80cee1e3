#include "authlog/reader.h"

#include <fmt/format.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "authlog/parse_jsonl.h"

namespace etguard::authlog {

Status for_each_line(
    const std::string& path,
    const std::function<void(std::string_view, std::size_t, std::uint32_t)>& line) {
  // gzread reads plain files as they are, so one path serves both.
  gzFile file = path == "-" ? gzdopen(::dup(STDIN_FILENO), "rb") : gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    return fail(ErrorKind::kIo, fmt::format("{}: cannot open: {}", path, std::strerror(errno)),
                fmt::format("{}：無法開啟：{}", path, std::strerror(errno)));
  }
  gzbuffer(file, 1U << 18U);
  constexpr std::size_t kChunk = std::size_t{4} << 20U;
  std::string buffer;
  std::size_t have = 0;  // bytes of buffer holding data
  std::uint32_t number = 0;
  bool eof = false;
  Status status;
  while (!eof) {
    if (buffer.size() < have + kChunk + JsonlParser::kPadding) {
      buffer.resize(have + kChunk + JsonlParser::kPadding);
    }
    const int got = gzread(file, buffer.data() + have, static_cast<unsigned>(kChunk));
    if (got < 0) {
      int code = 0;
      const char* message = gzerror(file, &code);
      status = fail(ErrorKind::kInput, fmt::format("{}: read failed: {}", path, message),
                    fmt::format("{}：讀取失敗：{}", path, message));
      break;
    }
    have += static_cast<std::size_t>(got);
    eof = got == 0;
    std::size_t start = 0;
    for (;;) {
      const void* newline = std::memchr(buffer.data() + start, '\n', have - start);
      std::size_t end =
          newline == nullptr
              ? have
              : static_cast<std::size_t>(static_cast<const char*>(newline) - buffer.data());
      if (newline == nullptr && !eof) {
        break;  // a partial line: wait for more
      }
      if (newline == nullptr && start == have) {
        break;
      }
      ++number;
      std::size_t text_end = end;
      if (text_end > start && buffer[text_end - 1] == '\r') {
        --text_end;
      }
      if (text_end > start) {
        line(std::string_view(buffer.data() + start, text_end - start), buffer.size() - start,
             number);
      }
      start = end + 1;
      if (start > have) {
        start = have;
        break;
      }
    }
    // Keep the partial line at the front.
    std::memmove(buffer.data(), buffer.data() + start, have - start);
    have -= start;
  }
  gzclose(file);
  return status;
}

}  // namespace etguard::authlog
