// Test helpers for the cloud readers: the findings a reader hands over, and
// what a reader says of a file holding `content` — "accepted", or its error
// message.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>

#include "cloud/posture.h"

namespace etguard::cloud::testing {

struct Seen {
  PostureStatus status;
  bool muted;
  std::string provider;
};

using Findings = std::map<std::pair<std::string, std::string>, Seen>;  // (check, resource)

// A sink that keeps each finding in `findings`.
inline PostureSink collecting(Findings& findings) {
  return [&findings](const PostureFinding& finding) -> Status {
    findings[{std::string(finding.check_id), std::string(finding.resource)}] = {
        finding.status, finding.muted, std::string(finding.provider)};
    return {};
  };
}

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
