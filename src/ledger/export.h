// Handing the ledger to an examiner: `export_ledger` writes every entry and
// checkpoint as JSON Lines (format etguard.ledger 1.0, docs/ledger-format.md);
// `verify_export` checks such a file on its own — no workspace needed — by
// loading it into a scratch database and running the same verifier.
#pragma once

#include <filesystem>
#include <ostream>
#include <string_view>

#include "ledger/ledger.h"

namespace etguard::ledger {

inline constexpr const char* kExportFormat = "etguard.ledger";
inline constexpr const char* kExportFormatVersion = "1.0";

Status export_ledger(store::Database& db, std::string_view public_key_hex, std::ostream& out);

// Verifies an export against `public_key_hex` (the key the examiner obtained
// separately); empty: the key named in the file's header, which proves only
// that the file is consistent with itself. Malformed lines are errors naming
// the file and line.
Result<VerifyReport> verify_export(const std::filesystem::path& file,
                                   std::string_view public_key_hex);

}  // namespace etguard::ledger
