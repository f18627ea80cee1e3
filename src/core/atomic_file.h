// Writing files so that a crash never leaves a half-written one: the content
// goes to a temporary file in the same directory, is fsync'd, and is renamed
// over the target; the directory is fsync'd after the rename.
//
// A rename never replaces anything but a regular file: "-" is standard
// output, and a character device (/dev/null), a FIFO or a socket is written
// in place, as it is; a symbolic link stays and its target is written; a
// directory is refused.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

#include "core/digest.h"
#include "core/result.h"

namespace etguard {

// Writes `content` to `path` atomically.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Lets `produce` write a file at the temporary path it is given (for libraries
// such as libxlsxwriter that insist on writing by file name), then fsyncs and
// renames it over `path`. If `produce` fails the temporary file is removed and
// `path` is untouched.
Status produce_file_atomically(
    const std::filesystem::path& path,
    const std::function<Status(const std::filesystem::path& temporary)>& produce);

// Inputs (registers, answers, policies, keys) are read up to this size.
inline constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t{256} << 20U;  // 256 MiB
// One piece of evidence (a document, an export, a recording) is at most this.
inline constexpr std::uintmax_t kMaxEvidenceBytes = std::uintmax_t{4} << 30U;  // 4 GiB

// The regular file at `path`, open read-only (the caller closes `fd`), and
// its size when opened; a directory, FIFO, device or socket is refused
// (kInput, naming what it is) without waiting on it, and with
// FollowLinks::kNo so is a symbolic link, naming its target.
enum class FollowLinks { kYes, kNo };
struct OpenedFile {
  int fd = -1;
  std::uintmax_t size = 0;
};
Result<OpenedFile> open_regular_file(const std::filesystem::path& path,
                                     FollowLinks follow = FollowLinks::kYes);

// The whole of a regular file. A directory, FIFO, device or socket is refused
// (kInput, naming what it is) before anything is read, as is a file larger
// than kMaxInputFileBytes.
Result<std::string> read_file(const std::filesystem::path& path);

// Copies the regular file `source` (opened by open_regular_file, links not
// followed) to the new file `target` (created exclusively, owner-only),
// hashing the bytes as they are copied, so what is stored is exactly what was
// hashed even while the source grows. Content larger than `max_bytes` is
// refused, naming the source; `target` never stays on failure.
struct HashedCopy {
  Sha256 sha256{};
  std::uintmax_t size = 0;
};
Result<HashedCopy> copy_file_hashing(const std::filesystem::path& source,
                                     const std::filesystem::path& target, std::uintmax_t max_bytes);

}  // namespace etguard
