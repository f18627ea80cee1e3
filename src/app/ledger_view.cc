#include "app/ledger_view.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/ledger.h"

namespace etguard::app {

Result<LedgerView> ledger_view(Session& session, const Principal& who, std::int64_t limit) {
  if (Status allowed = require(who, Permission::kVerifyLedger); !allowed) {
    return std::unexpected(allowed.error());
  }
  if (limit < 1 || limit > 1000) {
    return fail(ErrorKind::kUsage, fmt::format("limit {} is not between 1 and 1000", limit),
                fmt::format("筆數上限 {} 不在 1 至 1000 之間", limit));
  }
  auto verification = verify_ledger(session, "");
  if (!verification) {
    return std::unexpected(verification.error());
  }
  auto latest = latest_ledger_lines(session, limit);
  if (!latest) {
    return std::unexpected(latest.error());
  }
  std::ranges::reverse(*latest);  // newest first
  return LedgerView{.verification = std::move(*verification), .latest = std::move(*latest)};
}

}  // namespace etguard::app
