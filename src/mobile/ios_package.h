// An iOS app package (.ipa) as the release checks see it: Info.plist
// (binary or XML, read with libplist) — identity, minimum iOS, usage
// descriptions, URL schemes, App Transport Security — the embedded
// provisioning profile (a CMS-signed plist, opened with OpenSSL): its kind,
// expiry, entitlements and developer certificates — and the printable strings
// of the app's executable, which the checks search like a DEX string table,
// and the executable's code signature (mobile/code_signature.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/x509_summary.h"
#include "mobile/code_signature.h"
#include "mobile/package_entry.h"
#include "mobile/string_table.h"

namespace etguard::mobile {

struct AtsException {
  std::string domain;
  bool insecure_http = false;  // NSExceptionAllowsInsecureHTTPLoads (or the temporary form)
  std::string minimum_tls;  // NSExceptionMinimumTLSVersion, e.g. "TLSv1.0"; empty: the default 1.2
};

struct ProvisioningProfile {
  bool present = false;
  std::string name;
  std::string team;
  std::string expires;  // YYYY-MM-DD
  // development (get-task-allow or listed devices), ad-hoc (listed devices),
  // enterprise (ProvisionsAllDevices) or app-store
  std::string kind;
  bool get_task_allow = false;            // the entitlement that lets a debugger attach
  std::vector<X509Summary> certificates;  // DeveloperCertificates
};

struct IosPackage {
  std::string sha256;  // of the package file (hex)
  std::string app;     // Payload/<name>.app
  std::string bundle_id;
  std::string version;  // CFBundleShortVersionString
  std::string build;    // CFBundleVersion
  std::string minimum_os;
  std::vector<std::string> usage_descriptions;  // the NS…UsageDescription keys present
  std::vector<std::string> url_schemes;
  bool ats_arbitrary_loads = false;  // NSAllowsArbitraryLoads
  bool ats_pinning = false;          // NSPinnedDomains (iOS 14 and later)
  std::vector<AtsException> ats_exceptions;
  ProvisioningProfile profile;
  // The executable's code signature; nullopt when it has none (or there is
  // no executable).
  std::optional<CodeSignature> code_signature;
  StringTable code_strings;      // printable runs of 6 bytes or more in the executable
  StringTable resource_strings;  // Info.plist's string values
};

// Reads Info.plist (binary or XML) into `out`; returns the executable's name
// (CFBundleExecutable, empty when not given). `where` names it in errors.
Result<std::string> read_info_plist(const std::string& bytes, const std::string& where,
                                    IosPackage& out);

// Reads a provisioning profile (a CMS-signed plist, DER) into `out.profile`.
Status read_provisioning_profile(const std::string& bytes, const std::string& where,
                                 IosPackage& out);

// Reads the IPA at `path` (with kManifest: Info.plist alone), bounded like an
// APK. An input error names the package, the entry and the problem.
Result<IosPackage> read_ios_package(const std::string& path, const PackageLimits& limits = {},
                                    PackageScope scope = PackageScope::kAll);

}  // namespace etguard::mobile
