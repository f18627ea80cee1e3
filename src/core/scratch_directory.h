// A private temporary directory (mode 0700, from mkdtemp) for files a use case
// writes only to hand over or to read back (a download produced as XLSX, an
// upload before it enters the evidence store), removed with everything in it
// when the object goes.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace etguard {

class ScratchDirectory {
 public:
  ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ScratchDirectory(ScratchDirectory&&) = delete;
  ScratchDirectory& operator=(ScratchDirectory&&) = delete;
  ~ScratchDirectory();

  // `name` inside the directory; an I/O error when it could not be made.
  [[nodiscard]] Result<std::filesystem::path> file(std::string_view name) const;

 private:
  std::filesystem::path path_;
};

}  // namespace etguard
