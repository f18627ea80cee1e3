// The shape of a mobile-app check (Chapter 4, Art. 19–20): metadata plus a
// pure function of one release's package (Android or iOS), the app's register
// entry (when the release is checked for a registered app) and the previous
// release (when known). A check gives no finding for evidence it does not
// judge.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "mobile/android_package.h"
#include "mobile/ios_package.h"
#include "mobile/registered_app.h"

namespace etguard::mobile_checks {

struct AppPolicy {
  std::string today;             // YYYY-MM-DD: the release date the lab test is judged against
  int min_sdk = 24;              // the oldest Android API level the firm still supports
  std::string min_ios = "15.0";  // the oldest iOS version the firm still supports
};

// The release before this one: its version and the permissions it declared
// (Android permission names, or iOS usage-description keys).
struct PreviousRelease {
  std::string version;
  std::vector<std::string> permissions;
};

// A credential or personal datum the PII scanner found in the package's
// strings (code and resources), masked.
struct SensitiveString {
  std::string where;  // "classes.dex", "resources.arsc"
  std::string type;   // AWS_ACCESS_KEY, TW_NATIONAL_ID, …
  std::string masked;
  bool credential = false;  // a secret (the credential detectors), else personal data
};

struct AppEvidence {
  const mobile::AndroidPackage* package = nullptr;    // an Android release, or
  const mobile::RegisteredApp* registered = nullptr;  // nullptr: not compared with a register
  const PreviousRelease* previous = nullptr;          // nullptr: none known
  const AppPolicy* policy = nullptr;
  const std::vector<SensitiveString>* sensitive = nullptr;  // nullptr: not scanned
  bool with_evidence = true;
  const mobile::IosPackage* ios = nullptr;  // an iOS release

  bool has_package() const { return package != nullptr || ios != nullptr; }
  // The strings of the code (DEX, or the executable's printable runs).
  const mobile::StringTable& code_strings() const {
    return package != nullptr ? package->code_strings : ios->code_strings;
  }
};

using Evaluate = std::optional<check::Assessment> (*)(const AppEvidence& evidence);

struct AppCheck {
  const check::CheckInfo& (*metadata)();
  Evaluate evaluate;
};

// A reason whose items are listed after a colon, the first 20 shown.
check::Reason listed(std::string code, std::string_view en, std::string_view zh,
                     const std::vector<std::string>& items, bool warning = false);

// An assessment that could not be made (verdict error), with its reason.
check::Assessment cannot_judge(check::Reason reason, nlohmann::ordered_json evidence = {});

}  // namespace etguard::mobile_checks
