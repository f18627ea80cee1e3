#include "pack/manifest.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "core/atomic_file.h"
#include "core/digest.h"
#include "core/text.h"
#include "core/zip_archive.h"
#include "ledger/export.h"
#include "ledger/signer.h"

namespace etguard::pack {
namespace {

constexpr std::uint64_t kMaxManifestBytes = std::uint64_t{16} << 20U;
constexpr std::string_view kLedgerExport = "ledger/ledger.jsonl";

std::unexpected<Error> bad_pack(const std::filesystem::path& pack, std::string_view en,
                                std::string_view zh) {
  return fail(ErrorKind::kInput, fmt::format("{}: {}", pack.string(), en),
              fmt::format("{}：{}", pack.string(), zh));
}

// The ledger export inside the pack, checked by the ledger's own verifier
// from a private scratch copy.
Result<ledger::VerifyReport> verify_ledger_export(const std::string& content,
                                                  std::string_view public_key_hex) {
  std::random_device device;
  const auto scratch = std::filesystem::temp_directory_path() /
                       fmt::format("etguard-pack-{}-{:08x}", ::getpid(), device());
  std::error_code error;
  std::filesystem::create_directory(scratch, error);
  if (error) {
    return fail(ErrorKind::kIo,
                fmt::format("cannot create '{}': {}", scratch.string(), error.message()),
                fmt::format("無法建立 '{}'：{}", scratch.string(), error.message()));
  }
  std::filesystem::permissions(scratch, std::filesystem::perms::owner_all, error);
  const auto file = scratch / "ledger.jsonl";
  auto report = [&]() -> Result<ledger::VerifyReport> {
    if (Status written = write_file_atomically(file, content); !written) {
      return std::unexpected(written.error());
    }
    return ledger::verify_export(file, public_key_hex);
  }();
  std::filesystem::remove_all(scratch, error);
  return report;
}

}  // namespace

bool is_hex_digest(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string write_manifest(const std::vector<ManifestLine>& lines) {
  std::string out;
  for (const ManifestLine& line : lines) {
    out += fmt::format("{}  {}\n", line.sha256, line.path);
  }
  return out;
}

Result<std::vector<ManifestLine>> parse_manifest(std::string_view text, std::string_view where) {
  std::vector<ManifestLine> lines;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}:{}: the last line does not end with a newline", where, number),
                  fmt::format("{}:{}：最後一行未以換行結束", where, number));
    }
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    if (line.size() < 67 || !is_hex_digest(line.substr(0, 64)) || line.substr(64, 2) != "  " ||
        !safe_member_name(line.substr(66))) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}:{}: expected '<sha256>  <path>' (64 lower-case hex digits, two "
                              "spaces, a relative path)",
                              where, number),
                  fmt::format("{}:{}：格式應為 '<sha256>  <路徑>'", where, number));
    }
    lines.push_back({std::string(line.substr(0, 64)), std::string(line.substr(66))});
  }
  return lines;
}

bool safe_member_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' ||
      invalid_utf8_at(name).has_value()) {
    return false;
  }
  if (std::ranges::any_of(name, [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f || c == '\\';
      })) {
    return false;
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") {
      return false;
    }
    start = end + 1;
  }
  return true;
}

std::string safe_name_part(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    const bool unsafe = cp < 0x20 || cp == 0x7f || cp == '/' || cp == '\\' || cp == ':' ||
                        cp == '*' || cp == '?' || cp == '"' || cp == '<' || cp == '>' ||
                        cp == '|' || cp == 0xfffd;
    const std::string_view piece = unsafe ? std::string_view("_") : text.substr(start, pos - start);
    if (out.size() + piece.size() > max_bytes) {
      break;
    }
    out += piece;
  }
  if (out.empty() || out == "." || out == "..") {
    out = "_";
  }
  return out;
}

Status PackBuilder::add_text(const std::string& path, std::string content) {
  if (!safe_member_name(path) || contains(path)) {
    return fail(ErrorKind::kInternal,
                fmt::format("pack member '{}' is unsafe or given twice", path),
                fmt::format("稽核包成員 '{}' 名稱不安全或重複", path));
  }
  std::string digest = sha256_hex(content);
  members_.push_back({path, std::move(content), {}, std::move(digest)});
  return {};
}

Status PackBuilder::add_file(const std::string& path, const std::filesystem::path& file,
                             const std::string& expected_sha256) {
  if (!safe_member_name(path) || contains(path)) {
    return fail(ErrorKind::kInternal,
                fmt::format("pack member '{}' is unsafe or given twice", path),
                fmt::format("稽核包成員 '{}' 名稱不安全或重複", path));
  }
  auto digest = sha256_file(file);
  if (!digest) {
    return std::unexpected(digest.error());
  }
  const std::string hex = to_hex(*digest);
  if (!expected_sha256.empty() && hex != expected_sha256) {
    return fail(
        ErrorKind::kInput,
        fmt::format("{} no longer matches its hash {} (changed on disk): not packed", file.string(),
                    expected_sha256),
        fmt::format("{} 與其雜湊 {} 不符（檔案已被更動）：未打包", file.string(), expected_sha256));
  }
  members_.push_back({path, {}, file, hex});
  return {};
}

bool PackBuilder::contains(const std::string& path) const {
  return std::ranges::any_of(members_, [&](const Member& member) { return member.path == path; });
}

Result<std::string> PackBuilder::write(const std::filesystem::path& out, const Signer& sign) {
  std::vector<ManifestLine> lines;
  lines.reserve(members_.size());
  for (const Member& member : members_) {
    lines.push_back({member.sha256, member.path});
  }
  std::string manifest = write_manifest(lines);
  auto signature = sign(manifest);
  if (!signature) {
    return std::unexpected(signature.error());
  }
  std::string manifest_sha256 = sha256_hex(manifest);
  Status written = produce_file_atomically(out, [&](const std::filesystem::path& temporary) {
    auto zip = ZipWriter::create(temporary);
    if (!zip) {
      return Status(std::unexpected(zip.error()));
    }
    for (Member& member : members_) {
      Status added = member.file.empty() ? zip->add_text(member.path, std::move(member.content))
                                         : zip->add_file(member.path, member.file);
      if (!added) {
        return added;
      }
    }
    if (Status added = zip->add_text(kManifestName, manifest); !added) {
      return added;
    }
    if (Status added =
            zip->add_text(kSignatureName, hex_to_bytes(*signature).value_or(std::string()));
        !added) {
      return added;
    }
    return zip->close();
  });
  if (!written) {
    return std::unexpected(written.error());
  }
  return manifest_sha256;
}

Result<SignedArchive> verify_archive(const std::filesystem::path& pack,
                                     const SignatureCheck& signature_holds,
                                     const MemberSink& sink) {
  auto zip = ZipReader::open(pack);
  if (!zip) {
    return std::unexpected(zip.error());
  }
  std::map<std::string, const ZipEntry*> by_name;
  for (const ZipEntry& entry : zip->entries()) {
    if (entry.directory) {
      continue;
    }
    if (!safe_member_name(entry.name)) {
      return bad_pack(pack,
                      fmt::format("'{}' is not a safe file name (absolute, '..', or a "
                                  "control character)",
                                  entry.name),
                      fmt::format("'{}' 不是安全的檔名", entry.name));
    }
    if (!by_name.emplace(entry.name, &entry).second) {
      return bad_pack(pack, fmt::format("'{}' is in the archive twice", entry.name),
                      fmt::format("'{}' 在封存檔中出現兩次", entry.name));
    }
  }
  const auto manifest_entry = by_name.find(kManifestName);
  const auto signature_entry = by_name.find(kSignatureName);
  if (manifest_entry == by_name.end() || signature_entry == by_name.end()) {
    return bad_pack(pack,
                    fmt::format("{} is missing: this is not an etguard archive, or it was "
                                "stripped",
                                manifest_entry == by_name.end() ? kManifestName : kSignatureName),
                    fmt::format("缺少 {}：不是 etguard 封存檔，或已被刪除",
                                manifest_entry == by_name.end() ? kManifestName : kSignatureName));
  }
  SignedArchive archive;
  auto manifest = zip->read_whole(*manifest_entry->second, kMaxManifestBytes);
  auto signature = zip->read_whole(*signature_entry->second, 64);
  if (!manifest || !signature) {
    return std::unexpected(!manifest ? manifest.error() : signature.error());
  }
  archive.manifest = std::move(*manifest);
  archive.signature_hex = bytes_to_hex(*signature);
  if (signature->size() != 64 || !signature_holds(archive.manifest, archive.signature_hex)) {
    return bad_pack(
        pack,
        fmt::format("the signature of {} does not verify with the given public key "
                    "(a wrong key, or the manifest was changed)",
                    kManifestName),
        fmt::format("{} 的簽章無法以所給公鑰驗證（公鑰不符，或清單已被更動）", kManifestName));
  }
  auto lines = parse_manifest(archive.manifest, pack.string() + ":" + kManifestName);
  if (!lines) {
    return std::unexpected(lines.error());
  }
  archive.manifest_sha256 = sha256_hex(archive.manifest);
  std::set<std::string> listed;
  for (const ManifestLine& line : *lines) {
    if (!listed.insert(line.path).second) {
      return bad_pack(pack, fmt::format("{} lists '{}' twice", kManifestName, line.path),
                      fmt::format("{} 重複列出 '{}'", kManifestName, line.path));
    }
    const auto found = by_name.find(line.path);
    if (found == by_name.end()) {
      return bad_pack(pack, fmt::format("'{}' is listed in the manifest but missing", line.path),
                      fmt::format("清單列有 '{}'，但封存檔中沒有", line.path));
    }
    Sha256Hasher hasher;
    Status kept;
    if (Status read = zip->read(*found->second, kMaxEvidenceBytes,
                                [&](std::string_view chunk) {
                                  hasher.update(chunk);
                                  archive.bytes += chunk.size();
                                  if (kept) {
                                    kept = sink(line.path, chunk);
                                  }
                                });
        !read || !kept) {
      return std::unexpected(!read ? read.error() : kept.error());
    }
    if (const std::string actual = to_hex(hasher.finish()); actual != line.sha256) {
      return bad_pack(pack,
                      fmt::format("'{}' differs from the manifest (SHA-256 {}, the manifest says "
                                  "{})",
                                  line.path, actual, line.sha256),
                      fmt::format("'{}' 與清單不符（SHA-256 {}，清單記載 {}）", line.path, actual,
                                  line.sha256));
    }
    archive.files.push_back(line.path);
  }
  for (const auto& [name, entry] : by_name) {
    if (name != kManifestName && name != kSignatureName && !listed.contains(name)) {
      return bad_pack(pack, fmt::format("'{}' is in the archive but not in the manifest", name),
                      fmt::format("'{}' 在封存檔中但不在清單內", name));
    }
  }
  return archive;
}

Result<PackVerified> verify_pack(const std::filesystem::path& pack,
                                 std::string_view public_key_hex) {
  std::string ledger_copy;
  auto archive = verify_archive(
      pack,
      [&](std::string_view manifest, std::string_view signature_hex) {
        return ledger::verify_signature(public_key_hex, manifest, signature_hex);
      },
      [&](const std::string& path, std::string_view chunk) -> Status {
        if (path == kLedgerExport) {
          ledger_copy += chunk;
        }
        return {};
      });
  if (!archive) {
    return std::unexpected(archive.error());
  }
  PackVerified verified;
  verified.files = archive->files.size();
  verified.bytes = archive->bytes;
  verified.manifest_sha256 = archive->manifest_sha256;
  if (std::ranges::find(archive->files, kLedgerExport) != archive->files.end()) {
    auto report = verify_ledger_export(ledger_copy, public_key_hex);
    if (!report) {
      return std::unexpected(report.error());
    }
    if (!report->ok()) {
      return bad_pack(pack, fmt::format("{} does not verify: {}", kLedgerExport, report->problem),
                      fmt::format("{} 驗證失敗：{}", kLedgerExport, report->problem));
    }
    verified.ledger = *report;
  }
  return verified;
}

}  // namespace etguard::pack
