#include "pii/inputs.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <fnmatch.h>
#include <string.h>  // memrchr
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace etguard::pii {
namespace {

namespace fs = std::filesystem;

bool matches_any(const std::vector<std::string>& globs, const std::string& relative) {
  const std::string base = fs::path(relative).filename().string();
  return std::ranges::any_of(globs, [&](const std::string& glob) {
    return ::fnmatch(glob.c_str(), relative.c_str(), FNM_PATHNAME) == 0 ||
           ::fnmatch(glob.c_str(), base.c_str(), 0) == 0;
  });
}

bool selected(const InputFilter& filter, const std::string& relative) {
  return (filter.include.empty() || matches_any(filter.include, relative)) &&
         !matches_any(filter.exclude, relative);
}

Error io_error(const std::string& path, const std::string& what, int code) {
  return Error{ErrorKind::kIo, fmt::format("{}: {}: {}", path, what, std::strerror(code)),
               fmt::format("{}：{}：{}", path, what, std::strerror(code))};
}

}  // namespace

namespace {

// Adds the selected regular files under `dir` to `found`; a directory that
// cannot be listed is named in `unreadable` and skipped.
void walk(const fs::path& root, const fs::path& dir, const InputFilter& filter,
          std::vector<Input>& found, std::vector<Error>& unreadable) {
  std::error_code error;
  fs::directory_iterator it(dir, error);
  if (error) {
    unreadable.push_back(
        io_error(dir.string(), "cannot list the directory (skipped)", error.value()));
    return;
  }
  for (fs::directory_iterator end; it != end; it.increment(error)) {
    if (error) {
      unreadable.push_back(
          io_error(dir.string(), "cannot list the directory (skipped)", error.value()));
      return;
    }
    const fs::directory_entry& entry = *it;
    std::error_code type_error;
    if (entry.is_directory(type_error) && !entry.is_symlink(type_error)) {
      walk(root, entry.path(), filter, found, unreadable);
      continue;
    }
    if (!entry.is_regular_file(type_error)) {
      continue;
    }
    const std::string relative = entry.path().lexically_relative(root).generic_string();
    if (selected(filter, relative)) {
      found.push_back({entry.path().string(), relative});
    }
  }
}

}  // namespace

Result<CollectedInputs> collect_inputs(const std::vector<std::string>& arguments,
                                       const InputFilter& filter) {
  CollectedInputs collected;
  for (const std::string& argument : arguments) {
    if (argument == "-") {
      collected.inputs.push_back({"-", "-"});
      continue;
    }
    std::error_code error;
    const fs::file_status status = fs::status(argument, error);
    if (error || !fs::exists(status)) {
      return fail(ErrorKind::kNotFound, fmt::format("{}: no such file or directory", argument),
                  fmt::format("{}：找不到檔案或目錄", argument));
    }
    if (!fs::is_directory(status) && !fs::is_regular_file(status) && !fs::is_fifo(status)) {
      return fail(
          ErrorKind::kInput,
          fmt::format("{}: not a file, a directory or a pipe (a device or socket)", argument),
          fmt::format("{}：不是檔案、目錄或管線（裝置或 socket）", argument));
    }
    if (!fs::is_directory(status)) {
      collected.inputs.push_back({argument, argument});
      continue;
    }
    std::vector<Input> found;
    walk(argument, argument, filter, found, collected.unreadable);
    std::ranges::sort(found, {}, &Input::name);
    std::ranges::move(found, std::back_inserter(collected.inputs));
  }
  return collected;
}

struct ChunkReader::State {
  std::string path;
  int fd = -1;
  gzFile gz = nullptr;
  std::size_t chunk_bytes = 0;
  std::size_t line_bytes = 0;
  std::string carry;  // the start of a line the previous chunk did not end
  bool eof = false;

  ~State() {
    if (gz != nullptr) {
      gzclose(gz);  // closes fd too
    } else if (fd > 0) {
      ::close(fd);
    }
  }
  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  State(State&&) = delete;
  State& operator=(State&&) = delete;

  Result<std::size_t> read(char* into, std::size_t size) {
    if (gz != nullptr) {
      const int got = gzread(gz, into, static_cast<unsigned>(size));
      if (got < 0) {
        int code = 0;
        const char* message = gzerror(gz, &code);
        return fail(ErrorKind::kInput, fmt::format("{}: gzip: {}", path, message),
                    fmt::format("{}：gzip：{}", path, message));
      }
      return static_cast<std::size_t>(got);
    }
    for (;;) {
      const ssize_t got = ::read(fd, into, size);
      if (got >= 0) {
        return static_cast<std::size_t>(got);
      }
      if (errno != EINTR) {
        return std::unexpected(io_error(path, "cannot read", errno));
      }
    }
  }
};

ChunkReader::ChunkReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
ChunkReader::ChunkReader(ChunkReader&&) noexcept = default;
ChunkReader& ChunkReader::operator=(ChunkReader&&) noexcept = default;
ChunkReader::~ChunkReader() = default;

bool ChunkReader::gzip() const {
  return state_->gz != nullptr;
}

Result<ChunkReader> ChunkReader::open(const Input& input, std::size_t chunk_bytes,
                                      std::size_t line_bytes) {
  auto state = std::make_unique<State>();
  state->path = input.name;
  state->chunk_bytes = chunk_bytes;
  state->line_bytes = std::max(chunk_bytes, line_bytes);
  state->fd = input.path == "-" ? ::dup(STDIN_FILENO) : ::open(input.path.c_str(), O_RDONLY);
  if (state->fd < 0) {
    return std::unexpected(io_error(input.name, "cannot open", errno));
  }
  // Peek at the magic bytes; put them back in front of the data.
  std::array<char, 2> magic{};
  auto got = state->read(magic.data(), magic.size());
  if (!got) {
    return std::unexpected(got.error());
  }
  state->carry.assign(magic.data(), *got);
  if (*got == 2 && static_cast<unsigned char>(magic[0]) == 0x1F &&
      static_cast<unsigned char>(magic[1]) == 0x8B) {
    if (input.path != "-" && ::lseek(state->fd, 0, SEEK_SET) != 0) {
      return std::unexpected(io_error(input.name, "cannot seek", errno));
    }
    state->gz = gzdopen(state->fd, "rb");
    if (state->gz == nullptr) {
      return fail(ErrorKind::kInput, fmt::format("{}: not a readable gzip file", input.name),
                  fmt::format("{}：無法讀取的 gzip 檔", input.name));
    }
    gzbuffer(state->gz, 1U << 17U);
    if (input.path == "-") {
      // stdin cannot seek: the two bytes already read start the gzip stream.
      return fail(ErrorKind::kUsage, "gzip on stdin: pipe it through zcat instead",
                  "標準輸入為 gzip：請先以 zcat 解壓");
    }
    state->carry.clear();
    return ChunkReader(std::move(state));
  }
  return ChunkReader(std::move(state));
}

Result<bool> ChunkReader::next(std::string& storage, std::string_view& view) {
  auto more = next_read(storage);
  if (!more) {
    return std::unexpected(more.error());
  }
  view = storage;
  return *more;
}

Result<bool> ChunkReader::next_read(std::string& chunk) {
  State& s = *state_;
  chunk.swap(s.carry);
  s.carry.clear();
  // A chunk of chunk_bytes ends at its last line end. Without one, it grows
  // (doubling) until a line end arrives or it holds line_bytes, where the line
  // is cut; each byte is read and searched once (linear in the input).
  std::size_t target = s.chunk_bytes;
  std::size_t searched = 0;  // chunk[0, searched) holds no line end
  for (;;) {
    while (!s.eof && chunk.size() < target) {
      const std::size_t have = chunk.size();
      const std::size_t want = target - have;
      Result<std::size_t> got = 0;
      // No zero fill: the bytes are read straight into the string.
      chunk.resize_and_overwrite(have + want, [&](char* data, std::size_t /*size*/) {
        got = s.read(data + have, want);
        return have + (got ? *got : 0);
      });
      if (!got) {
        return std::unexpected(got.error());
      }
      if (*got == 0) {
        s.eof = true;
      }
    }
    if (chunk.size() < target) {
      break;  // the end of the input: the rest is the last chunk
    }
    if (const std::size_t newline = std::string_view(chunk).substr(searched).rfind('\n');
        newline != std::string_view::npos) {
      s.carry.assign(chunk, searched + newline + 1);
      chunk.resize(searched + newline + 1);
      break;
    }
    if (target >= s.line_bytes) {
      break;  // a line longer than line_bytes: cut here
    }
    searched = chunk.size();
    target = std::min(s.line_bytes, target * 2);
  }
  return !chunk.empty();
}

}  // namespace etguard::pii
