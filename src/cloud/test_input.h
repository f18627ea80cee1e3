// Test helper for the cloud readers: what a reader says of a file holding
// `content` — "accepted", or its error message.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace etguard::cloud::testing {

template <typename Read>
std::string refusal_of(const std::string& content, const Read& read) {
  static std::atomic<int> counter{0};
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("etg-cloud-input-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::ofstream(path, std::ios::binary) << content;
  const auto result = read(path.string());
  std::filesystem::remove(path);
  return result ? std::string("accepted") : result.error().message;
}

}  // namespace etguard::cloud::testing
