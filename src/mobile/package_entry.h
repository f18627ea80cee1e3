// Reading one entry of an app package (APK or IPA) within limits: an entry
// that would inflate beyond what any app needs, or far beyond its compressed
// size, is refused as a zip bomb before a byte is inflated.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/zip_archive.h"

namespace etguard::mobile {

struct PackageLimits {
  std::uint64_t max_entry_bytes = std::uint64_t{512} << 20U;  // one decoded entry
  std::uint64_t max_ratio = 200;  // uncompressed / compressed, for entries over 1 MiB
  std::size_t max_entries = 200'000;
};

// The entry's bytes, at most `limit` (and limits.max_entry_bytes); the
// declared size may lie, so reading stops at it whatever the data says.
// `package` names the package in errors.
Result<std::string> read_package_entry(ZipReader& zip, const ZipEntry& entry,
                                       std::string_view package, std::uint64_t limit,
                                       const PackageLimits& limits);

// The entry named `name`, or nullptr.
const ZipEntry* find_entry(const ZipReader& zip, std::string_view name);

}  // namespace etguard::mobile
