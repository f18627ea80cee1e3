// Opening an app package (APK, AAB or IPA) and reading its entries within
// limits: a package of too many entries is refused, and an entry that would
// inflate beyond what any app needs, or far beyond its compressed size, is
// refused as a zip bomb before a byte is inflated.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/mapped_file.h"
#include "core/result.h"
#include "core/zip_archive.h"

namespace etguard::mobile {

struct PackageLimits {
  std::uint64_t max_entry_bytes = std::uint64_t{512} << 20U;  // one decoded entry
  std::uint64_t max_ratio = 200;  // uncompressed / compressed, for entries over 1 MiB
  std::size_t max_entries = 200'000;
};

// What a reader reads: everything the checks judge, or the manifest alone
// (identity, version, permissions: a previous release, --manifest).
enum class PackageScope : std::uint8_t { kAll, kManifest };

// A package opened: mapped (the APK Signing Block sits at the far end) and
// its zip directory read.
struct OpenedPackage {
  MappedFile file;
  ZipReader zip;

  // The SHA-256 of the whole file (hex): which binary was judged.
  std::string sha256() const;
};

// An input error naming `path` when it is not a zip or holds more than
// limits.max_entries entries.
Result<OpenedPackage> open_package(const std::string& path, const PackageLimits& limits);

// The entry's bytes, at most `limit` (and limits.max_entry_bytes); the
// declared size may lie, so reading stops at it whatever the data says.
// `package` names the package in errors.
Result<std::string> read_package_entry(ZipReader& zip, const ZipEntry& entry,
                                       std::string_view package, std::uint64_t limit,
                                       const PackageLimits& limits);

// The entry's bytes streamed to `sink` in chunks, within the same limits.
Status stream_package_entry(ZipReader& zip, const ZipEntry& entry, std::string_view package,
                            const PackageLimits& limits,
                            const std::function<void(std::string_view)>& sink);

// The entry named `name`, or nullptr.
const ZipEntry* find_entry(const ZipReader& zip, std::string_view name);

}  // namespace etguard::mobile
