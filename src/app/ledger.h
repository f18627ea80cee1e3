// The ledger's read side: verification (of the workspace, or of an exported
// file on its own, as an examiner does), export, and the newest entries.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/session.h"
#include "ledger/ledger.h"
#include "store/records.h"

namespace etguard::app {

// The workspace's ledger against the key recorded at init, or against
// `public_key_hex` when an auditor gives the key they hold; then the live
// records against the ledger (Workspace::verify_state): a record edited,
// added or deleted in the database behind etguard's back fails.
[[nodiscard]] Result<ledger::VerifyReport> verify_ledger(Session& session,
                                                         const std::string& public_key_hex);
// An exported file on its own: no workspace needed.
[[nodiscard]]  // A public key as an auditor gives it (--public-key): 64 hex digits, or a
// file holding them or an Ed25519 PEM public key; empty stays empty (the key
// recorded at init). Returns the raw key in hex.
[[nodiscard]] Result<std::string>
public_key_from(const std::string& option);

Result<ledger::VerifyReport> verify_ledger_export(const std::filesystem::path& file,
                                                  const std::string& public_key_hex);
// Demands the head an auditor noted ("SEQ:HASH", from an earlier verify or
// report): a ledger cut short or grown since fails with the difference. A
// malformed `expected` is a usage error.
[[nodiscard]] Status expect_head(ledger::VerifyReport& report, const std::string& expected);

// Every entry and checkpoint as JSON Lines.
[[nodiscard]] Result<std::string> export_ledger(Session& session);
[[nodiscard]] Result<std::vector<store::LedgerLine>> latest_ledger_lines(Session& session,
                                                                         std::int64_t limit);

}  // namespace etguard::app
