// The shape of a mobile-app check (Chapter 4, Art. 19–20): metadata plus a
// pure function of one release's package, the app's register entry (when the
// release is checked for a registered app) and the previous release's
// package (when given). A check gives no finding for evidence it does not
// judge.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "mobile/android_package.h"
#include "mobile/registered_app.h"

namespace etguard::mobile_checks {

struct AppPolicy {
  std::string today;  // YYYY-MM-DD: the release date the lab test is judged against
  int min_sdk = 24;   // the oldest Android API level the firm still supports
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
  const mobile::AndroidPackage* package = nullptr;
  const mobile::RegisteredApp* registered = nullptr;  // nullptr: not compared with a register
  const mobile::AndroidPackage* previous = nullptr;   // the previous release, or nullptr
  const AppPolicy* policy = nullptr;
  const std::vector<SensitiveString>* sensitive = nullptr;  // nullptr: not scanned
  bool with_evidence = true;
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
