#include "mobile/package_entry.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/digest.h"

namespace etguard::mobile {
namespace {

constexpr std::uint64_t kSmallEntry = std::uint64_t{1} << 20U;

}  // namespace

Result<OpenedPackage> open_package(const std::string& path, const PackageLimits& limits) {
  auto mapped = MappedFile::open(path);
  if (!mapped) {
    return std::unexpected(mapped.error());
  }
  auto zip = ZipReader::open(path);
  if (!zip) {
    return std::unexpected(zip.error());
  }
  if (zip->entries().size() > limits.max_entries) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: {} entries (more than {})", path, zip->entries().size(),
                            limits.max_entries),
                fmt::format("{}：{} 個項目（超過 {} 個）", path, zip->entries().size(),
                            limits.max_entries));
  }
  return OpenedPackage{std::move(*mapped), std::move(*zip)};
}

std::string OpenedPackage::sha256() const {
  const auto bytes = file.bytes();
  return sha256_hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

namespace {

// An input error for an entry over `limit` or inflating far beyond its
// compressed size, before a byte is inflated.
Status within_limits(const ZipEntry& entry, std::string_view package, std::uint64_t limit,
                     const PackageLimits& limits) {
  const std::uint64_t most = std::min(limit, limits.max_entry_bytes);
  if (entry.size > most ||
      (entry.size > kSmallEntry &&
       entry.size / std::max<std::uint64_t>(entry.compressed_size, 1) > limits.max_ratio)) {
    return fail(
        ErrorKind::kInput,
        fmt::format("{}!/{}: {} bytes from {} compressed: refused as a zip bomb (limits {} bytes, "
                    "ratio {})",
                    package, entry.name, entry.size, entry.compressed_size, most, limits.max_ratio),
        fmt::format("{}!/{}：壓縮 {} 位元組解開為 {} 位元組：視為 zip 炸彈而拒絕（上限 {} "
                    "位元組、比例 {}）",
                    package, entry.name, entry.compressed_size, entry.size, most,
                    limits.max_ratio));
  }
  return {};
}

}  // namespace

Result<std::string> read_package_entry(ZipReader& zip, const ZipEntry& entry,
                                       std::string_view package, std::uint64_t limit,
                                       const PackageLimits& limits) {
  if (Status within = within_limits(entry, package, limit, limits); !within) {
    return std::unexpected(within.error());
  }
  return zip.read_whole(entry, std::max<std::uint64_t>(entry.size, 1));
}

Status stream_package_entry(ZipReader& zip, const ZipEntry& entry, std::string_view package,
                            const PackageLimits& limits,
                            const std::function<void(std::string_view)>& sink) {
  if (Status within = within_limits(entry, package, limits.max_entry_bytes, limits); !within) {
    return within;
  }
  return zip.read(entry, std::max<std::uint64_t>(entry.size, 1), sink);
}

const ZipEntry* find_entry(const ZipReader& zip, std::string_view name) {
  const auto found = std::ranges::find(zip.entries(), name, &ZipEntry::name);
  return found == zip.entries().end() ? nullptr : &*found;
}

}  // namespace etguard::mobile
