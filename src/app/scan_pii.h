// Verify: the sensitive-data scan (Art. 8(3)(5), 19(1), 49(2)) of files,
// directories or standard input, with an optional masked copy, and the PII
// checks on the result.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "core/clock.h"
#include "core/result.h"
#include "pii/output.h"

namespace etguard::app {

struct PiiScanRequest {
  std::vector<std::string> paths;  // empty or "-": standard input
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::string rules_file;                 // extra detectors (YAML)
  std::string mask_out;                   // a file for one input file, else a directory
  std::string mask_mode = "same-length";  // same-length | redact | pseudonym
  std::string key_file;                   // pseudonym HMAC key, or
  std::string key_uri;                    // its PKCS#11 URI
  std::size_t jobs = 1;
  bool previews = true;        // masked previews of each finding
  bool keep_findings = false;  // keep every finding in the result (SARIF)
};

// What the caller sees while it runs.
struct PiiScanEvents {
  // Each chunk's findings in file order (JSON Lines); when set and
  // keep_findings is off, memory does not grow with the findings.
  std::function<void(const pii::Scanner& scanner, const pii::Input& input,
                     std::vector<pii::FileFinding>& findings)>
      findings;
  std::function<void(std::uint64_t bytes)> progress;
  std::function<void(const Error& error)> unreadable;  // an input that could not be read
  std::function<void(const std::string& note)> note;   // "file:line: ..." worth knowing
  std::function<void()> key_created;                   // the pseudonym key was created on a token
};

struct PiiScan {
  std::unique_ptr<pii::Scanner> scanner;  // set on success
  pii::ScanSummary summary;
  double seconds = 0;
  std::vector<pii::FileResult> files;  // with keep_findings
};

[[nodiscard]] Result<PiiScan> scan_pii(const PiiScanRequest& request, const PiiScanEvents& events);

// The PII checks' verdicts on a scan, for the workspace.
std::vector<check::Finding> pii_check_findings(const PiiScan& scan,
                                               const Clock& clock = system_clock());

}  // namespace etguard::app
