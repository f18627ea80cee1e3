// The examiner's pack (docs/pack-format.md): a zip whose MANIFEST.sha256
// lists every other file with its SHA-256 in `sha256sum` format, and whose
// MANIFEST.sha256.sig is the raw Ed25519 signature of that manifest by the
// workspace's ledger key. Anyone can check it with sha256sum and OpenSSL
// alone; `verify_pack` does the same and names the first file that differs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ledger/ledger.h"

namespace etguard::pack {

inline constexpr const char* kManifestName = "MANIFEST.sha256";
inline constexpr const char* kSignatureName = "MANIFEST.sha256.sig";

struct ManifestLine {
  std::string sha256;  // lower-case hex
  std::string path;    // inside the pack
};

// A SHA-256 as the manifest writes it: 64 lower-case hex digits.
bool is_hex_digest(std::string_view text);

// "<sha256>  <path>\n" per line, in the order given.
std::string write_manifest(const std::vector<ManifestLine>& lines);
// The lines of a manifest; a malformed line is an input error naming
// `where` and the line number.
Result<std::vector<ManifestLine>> parse_manifest(std::string_view text, std::string_view where);

// A name a pack may hold: relative, '/'-separated, no "." or ".." part, no
// control character or backslash, valid UTF-8, at most 255 bytes.
bool safe_member_name(std::string_view name);
// `text` made into a safe file name part: '/', '\\', control characters and
// other unsafe characters become '_'; at most `max_bytes` (cut at a
// character boundary).
std::string safe_name_part(std::string_view text, std::size_t max_bytes = 80);

// Collects the pack's files, hashes them, and writes the archive with its
// signed manifest.
class PackBuilder {
 public:
  // Signs a message; returns the 64-byte Ed25519 signature as hex.
  using Signer = std::function<Result<std::string>(std::string_view message)>;

  Status add_text(const std::string& path, std::string content);
  // A file streamed from disk; `expected_sha256` (when given) must be its
  // content's hash, else an input error naming it (a store changed on disk).
  Status add_file(const std::string& path, const std::filesystem::path& file,
                  const std::string& expected_sha256 = {});
  bool contains(const std::string& path) const;
  // Writes `out` atomically: every file, the manifest and its signature.
  // Returns the manifest's SHA-256.
  Result<std::string> write(const std::filesystem::path& out, const Signer& sign);

 private:
  struct Member {
    std::string path;
    std::string content;  // texts
    std::filesystem::path file;
    std::string sha256;
  };
  std::vector<Member> members_;
};

struct PackVerified {
  std::size_t files = 0;  // listed in the manifest (besides it and its signature)
  std::uint64_t bytes = 0;
  std::string manifest_sha256;
  ledger::VerifyReport ledger;  // ledger/ledger.jsonl against the same key
};

// A signed archive (a pack, a backup) as verify_archive read it.
struct SignedArchive {
  std::string manifest;       // MANIFEST.sha256 as stored
  std::string signature_hex;  // MANIFEST.sha256.sig
  std::string manifest_sha256;
  std::vector<std::string> files;  // listed and checked, in manifest order
  std::uint64_t bytes = 0;
};
// Whether the manifest's signature holds (with which key is the caller's).
using SignatureCheck =
    std::function<bool(std::string_view manifest, std::string_view signature_hex)>;
// Each listed member's bytes, in chunks, as they are read and hashed.
using MemberSink = std::function<Status(const std::string& path, std::string_view chunk)>;
// Checks a signed archive: safe, unique member names; the manifest's
// signature (`signature_holds`, before any member is read); every listed
// file's hash, in manifest order, its bytes handed to `sink` as they are read
// (the first that differs is named, after its bytes went to `sink`); no file
// missing or extra. Every failure is an input error naming the archive.
Result<SignedArchive> verify_archive(const std::filesystem::path& pack,
                                     const SignatureCheck& signature_holds, const MemberSink& sink);

// Checks `pack` offline against the public key the examiner holds: the
// manifest's signature, every listed file's hash (in manifest order: the
// first that differs is named), no file missing or extra, and the ledger
// export inside. Every failure is an input error naming the pack and file.
Result<PackVerified> verify_pack(const std::filesystem::path& pack,
                                 std::string_view public_key_hex);

}  // namespace etguard::pack
