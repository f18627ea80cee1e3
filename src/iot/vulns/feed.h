// Vulnerability feeds a firm imports offline (Art. 29: devices with known
// weaknesses): OSV records (one record, an array of them, or {"vulns": [...]},
// as osv.dev and its exports write them) and NVD CVE API 2.0 JSON
// ({"vulnerabilities": [{"cve": ...}]}, the API's pages and the feed files).
// Each advisory keeps what a device is matched by — the products and the
// versions it affects — and what a report names it by.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace etguard::iot::vulns {

// Versions from `start` up to `end`; an empty bound is open.
struct VersionRange {
  std::string start = {};
  bool start_inclusive = true;
  std::string end = {};
  bool end_inclusive = false;
};

// One product an advisory affects. From NVD: a vulnerable CPE match (vendor
// and product, a version or ranges). From OSV: a package by name (vendor
// empty), with its listed versions and SEMVER/ECOSYSTEM ranges.
struct AffectedProduct {
  std::string vendor = {};  // lower case; empty: any vendor
  std::string product = {};
  std::vector<std::string> versions = {};  // exactly these
  std::vector<VersionRange> ranges = {};
  bool every_version = false;  // "*" with no range: all versions
};

struct Advisory {
  std::string id;       // CVE-2021-36260, GHSA-..., OSV-...
  std::string summary;  // English, cut to 200 columns
  std::string
      severity;        // NVD: "CRITICAL 9.8" (CVSS v3.x, else v2); OSV: database_specific.severity
  std::string source;  // "feed.json: record 3"
  std::vector<AffectedProduct> affected;
};

struct Feed {
  std::vector<Advisory> advisories;
  std::vector<std::string> notes;  // what was read but cannot be matched (GIT ranges, ...)
};

// Reads each file into one feed. An error names the file and the line and
// column of malformed JSON, or the record and field of a shape that is
// neither OSV nor NVD 2.0; a file with no advisory is an error too.
[[nodiscard]] Result<Feed> read_feeds(const std::vector<std::string>& paths);

// The same for one text already read (`source` names it in errors).
[[nodiscard]] Status read_feed_text(const std::string& source, const std::string& text, Feed& feed);

}  // namespace etguard::iot::vulns
