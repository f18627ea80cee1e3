// A private directory for the fuzz targets whose libraries read paths, not
// memory (libzip, the XLSX reader): made once per process under the temporary
// directory.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

inline const std::filesystem::path& fuzz_scratch() {
  static const std::filesystem::path dir = [] {
    std::string name = (std::filesystem::temp_directory_path() / "etguard-fuzz-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) {
      std::abort();
    }
    return std::filesystem::path(name);
  }();
  return dir;
}
