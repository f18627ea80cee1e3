#include "core/scratch_directory.h"

#include <stdlib.h>  // mkdtemp

#include <string>

namespace etguard {

ScratchDirectory::ScratchDirectory() {
  std::error_code error;
  const std::filesystem::path base = std::filesystem::temp_directory_path(error);
  std::string pattern =
      ((error ? std::filesystem::path("/tmp") : base) / "etguard-XXXXXX").string();
  if (::mkdtemp(pattern.data()) != nullptr) {
    path_ = pattern;
  }
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  if (!path_.empty()) {
    std::filesystem::remove_all(path_, ignored);
  }
}

Result<std::filesystem::path> ScratchDirectory::file(std::string_view name) const {
  if (path_.empty()) {
    return fail(ErrorKind::kIo, "cannot make a private temporary directory",
                "無法建立私用暫存目錄");
  }
  return path_ / name;
}

}  // namespace etguard
