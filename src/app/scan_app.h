// Verify: one release of a mobile app (Art. 19–20) — its Android package
// read, compared with the app's register entry (permissions, release
// certificate, lab test) and with the previous release when given, its
// strings scanned for credentials and personal data, and the mobile checks on
// all of it (docs/mobile.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/session.h"
#include "checks/check.h"
#include "checks/mobile/app_check.h"
#include "mobile/android_package.h"
#include "mobile/registered_app.h"

namespace etguard::app {

struct AppScanRequest {
  std::vector<std::string> packages;  // APKs and IPAs; an object or a previous release takes one
  std::string object;  // "mobile_app/ID": the register entry to compare with; empty: none
  // The previous release's package; empty: with an object, the latest other
  // release recorded for it in the workspace (by --import), if any.
  std::string previous;
  std::string release;           // the version being released; refused unless it is the package's
  std::string release_date;      // YYYY-MM-DD the release is judged for; empty: today
  int min_sdk = 24;              // the oldest Android API level the firm supports
  std::string min_ios = "15.0";  // the oldest iOS version the firm supports
  bool scan_strings = true;      // the PII scanner over the package's strings
  std::size_t jobs = 0;          // packages read at once; 0: one per core
};

struct AppScan {
  mobile::AndroidPackage package;         // an Android release (empty for iOS)
  std::optional<mobile::IosPackage> ios;  // an iOS release (.ipa)
  // The previous release: read from --previous, or its version and
  // permissions as the workspace recorded them.
  std::optional<mobile_checks::PreviousRelease> previous;
  std::string previous_from;  // the file, or "recorded DATE (evidence #ID)"; empty: none
  std::optional<mobile::RegisteredApp> registered;
  // What the PII scanner found in the strings; nullopt: not scanned (--no-strings).
  std::optional<std::vector<mobile_checks::SensitiveString>> sensitive;
  mobile_checks::AppPolicy policy;
  std::string target;  // "mobile_app/ID@VERSION" (the release), or the package's file name
  std::string file;    // the package's file name

  // The release's identity, whichever the platform.
  const std::string& app_id() const { return ios ? ios->bundle_id : package.package; }
  const std::string& version() const { return ios ? ios->version : package.version_name; }
  const std::string& sha256() const { return ios ? ios->sha256 : package.sha256; }
};

// Reads every package (`jobs` at a time), in the order given. `session`: the
// workspace whose mobile_app register `request.object` names; null only
// without an object. An error (nothing judged) for a package that cannot be
// read (the first, in order), an object or --previous with several packages,
// an object that is not a mobile_app entry of the register, a registered
// package name (details.package) other than the package's, or a release date
// that is not YYYY-MM-DD.
[[nodiscard]] Result<std::vector<AppScan>> scan_apps(const AppScanRequest& request,
                                                     Session* session,
                                                     const Clock& clock = system_clock());

// The package's manifest decoded to XML text (scan app --manifest).
[[nodiscard]] Result<std::string> decoded_manifest(const std::string& package);

// The mobile checks' verdicts on the release, target scan.target; with
// evidence, each names the release (package, version, file and its SHA-256).
std::vector<check::Finding> app_findings(const AppScan& scan, bool with_evidence,
                                         const Clock& clock = system_clock());

}  // namespace etguard::app
