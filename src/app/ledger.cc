#include "app/ledger.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <sstream>

#include "core/atomic_file.h"
#include "ledger/export.h"
#include "ledger/signer.h"

namespace etguard::app {

Result<std::string> public_key_from(const std::string& option) {
  if (option.empty()) {
    return option;
  }
  std::string text = option;
  std::string source = "--public-key";
  std::error_code error;
  if (std::filesystem::is_regular_file(option, error)) {
    auto read = read_file(option);
    if (!read) {
      return std::unexpected(read.error());
    }
    text = std::move(*read);
    source = option;
  }
  return ledger::parse_public_key(text, source);
}

Result<ledger::VerifyReport> verify_ledger(Session& session, const std::string& public_key) {
  auto public_key_hex = public_key_from(public_key);
  if (!public_key_hex) {
    return std::unexpected(public_key_hex.error());
  }
  auto report = session.workspace().verify_ledger(*public_key_hex);
  if (!report || !report->ok()) {
    return report;
  }
  // The chain holds; the live records must be what it says they became.
  auto problems = session.workspace().verify_state();
  if (!problems) {
    return std::unexpected(problems.error());
  }
  if (!problems->empty()) {
    report->problem = problems->size() == 1
                          ? problems->front()
                          : fmt::format("{} (and {} more: {})", problems->front(),
                                        problems->size() - 1, fmt::join(*problems, "; "));
  }
  return report;
}

Result<ledger::VerifyReport> verify_ledger_export(const std::filesystem::path& file,
                                                  const std::string& public_key) {
  auto public_key_hex = public_key_from(public_key);
  if (!public_key_hex) {
    return std::unexpected(public_key_hex.error());
  }
  return ledger::verify_export(file, *public_key_hex);
}

Status expect_head(ledger::VerifyReport& report, const std::string& expected) {
  const std::size_t colon = expected.find(':');
  std::int64_t seq = 0;
  const char* end = expected.data() + (colon == std::string::npos ? 0 : colon);
  const bool number = colon != std::string::npos &&
                      std::from_chars(expected.data(), end, seq).ptr == end && seq >= 1;
  const std::string hash = colon == std::string::npos ? "" : expected.substr(colon + 1);
  if (!number || hash.size() != 64 ||
      hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("--expect-head '{}': expected SEQ:HASH (the entry number and its "
                    "64-digit hex hash, as 'ledger verify' prints them)",
                    expected),
        fmt::format("--expect-head '{}'：應為 序號:雜湊值（如 'ledger verify' 所示）", expected));
  }
  if (report.ok() && (report.head_seq != seq || report.head_hash != hash)) {
    report.first_bad = std::min(seq, report.head_seq + 1);
    report.problem =
        fmt::format("the ledger's head is {}:{}, not the expected {}:{}; entries were {} since",
                    report.head_seq, report.head_hash, seq, hash,
                    report.head_seq < seq ? "cut off" : "added or replaced");
  }
  return {};
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
