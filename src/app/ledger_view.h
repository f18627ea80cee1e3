// The ledger as the web shows it (issue 18): the whole chain verified — the
// entries, the checkpoints' signatures against the key recorded at init, and
// the live records against the ledger — with its head an auditor notes, and
// the newest entries. For those who may verify the ledger (administrators,
// officers, auditors).
#pragma once

#include <cstdint>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "ledger/ledger.h"
#include "store/records.h"

namespace etguard::app {

struct LedgerView {
  ledger::VerifyReport verification;
  std::vector<store::LedgerLine> latest;  // newest first
};

// `limit`: how many of the newest entries, 1 to 1,000.
[[nodiscard]] Result<LedgerView> ledger_view(Session& session, const Principal& who,
                                             std::int64_t limit);

}  // namespace etguard::app
