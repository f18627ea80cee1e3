// A private directory for the fuzz targets whose libraries read paths, not
// memory (libzip, the XLSX reader): made once per process under the temporary
// directory.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

// The input written to `name` in the scratch directory, for readers of paths.
inline std::string fuzz_input_file(const std::uint8_t* data, std::size_t size, const char* name) {
  const std::string path = (fuzz_scratch() / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}
