#include "app/ledger.h"

#include <sstream>

#include "ledger/export.h"

namespace etguard::app {

Result<ledger::VerifyReport> verify_ledger(Session& session, const std::string& public_key_hex) {
  return session.workspace().verify_ledger(public_key_hex);
}

Result<ledger::VerifyReport> verify_ledger_export(const std::filesystem::path& file,
                                                  const std::string& public_key_hex) {
  return ledger::verify_export(file, public_key_hex);
}

Result<std::string> export_ledger(Session& session) {
  std::ostringstream text;
  if (Status exported = session.workspace().export_ledger(text); !exported) {
    return std::unexpected(exported.error());
  }
  return text.str();
}

Result<std::vector<store::LedgerLine>> latest_ledger_lines(Session& session, std::int64_t limit) {
  return session.workspace().ledger_lines(limit);
}

}  // namespace etguard::app
