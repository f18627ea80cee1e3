// The reports of the server (issue 18): the cycles with who signed off what,
// the documents to download, and a sign-off. Decided here for the pages and
// the API alike: officers, administrators and auditors download the reports
// and the examiner's pack; everyone reaches the reports that were signed off
// (the board's part); administrators, officers and the board sign off, with
// their password confirmed again (as for user administration); administrators
// and officers start the next cycle, likewise confirmed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/cycles.h"
#include "app/session.h"
#include "assess/status.h"
#include "core/lang.h"
#include "store/records.h"

namespace etguard::app {

struct CycleReports {
  store::CycleRecord cycle;
  bool current = false;  // the cycle under way (the newest)
  std::vector<assess::SignOff> signed_off;
};

struct ReportsView {
  std::vector<CycleReports> cycles;  // oldest first
  bool may_download = false;         // the reports and the pack
  bool may_sign_off = false;
  bool may_start_cycle = false;  // administrators and officers
  bool fresh = false;            // a sign-off may be made now without re-authentication
};

[[nodiscard]] Result<ReportsView> reports_view(Session& session, const Principal& who, bool fresh);

// One document to download.
struct DownloadRequest {
  // report (format html | xlsx | json | oscal-ar), soa (html | xlsx), pack,
  // or signed (a report signed off, by its SHA-256)
  std::string what;
  std::string format;
  Lang lang = Lang::kEn;
  std::string cycle;   // empty: the current one
  std::string sha256;  // of a signed report
};

struct Download {
  std::string file_name;
  std::string media_type;
  std::string content;
};

[[nodiscard]] Result<Download> download_as(Session& session, const Principal& who,
                                           const DownloadRequest& request);

// sign_off_cycle by `who` (the session's actor) of the cycle's HTML report
// in `lang`, produced now.
struct WebSignOff {
  std::string cycle;  // empty: the current one
  std::string statement;
  Lang lang = Lang::kEn;
  // A report file the signer was handed (the board's copy), uploaded: it is
  // what is signed and kept, instead of the report produced now.
  std::string file_name = {};
  std::optional<std::string_view> content = std::nullopt;
};
[[nodiscard]] Result<assess::SignOff> sign_off_as(Session& session, const Principal& who,
                                                  bool fresh, const WebSignOff& request);

// start_cycle by `who`, confirmed again unless `start.dry_run` (a preview
// of what the start would archive and reset changes nothing).
[[nodiscard]] Result<CycleStarted> start_cycle_as(Session& session, const Principal& who,
                                                  bool fresh, const CycleStart& start);

}  // namespace etguard::app
