// The examiner's pack (docs/pack-format.md): one zip with the cycle's
// reports (HTML in both languages, XLSX, JSON, OSCAL assessment-results),
// the reports signed off, every evidence file under a readable name with an
// index, the ledger export and the public key, and a manifest of SHA-256
// hashes signed by the ledger key. Verification needs only the pack and the
// key the examiner holds.
#pragma once

#include <filesystem>
#include <string>

#include "app/session.h"
#include "pack/manifest.h"

namespace etguard::app {

struct PackRequest {
  std::string cycle;  // empty: the current cycle
  std::filesystem::path out;
};

struct PackWritten {
  std::string cycle;
  std::string manifest_sha256;
  std::size_t files = 0;
  std::size_t evidence_files = 0;
  std::size_t signed_reports = 0;
};

[[nodiscard]] Result<PackWritten> write_pack(Session& session, const PackRequest& request);

// `public_key`: 64 hex digits, or a file holding them or an Ed25519 PEM key.
[[nodiscard]] Result<pack::PackVerified> verify_pack(const std::filesystem::path& pack,
                                                     const std::string& public_key);

}  // namespace etguard::app
