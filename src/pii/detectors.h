// User detectors from a rules file: a pattern (vectorscan syntax), a
// validator chosen from the built-in ones, and context words — added to the
// scanner without rebuilding (docs/pii-scanner.md).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/yaml_node.h"

namespace etguard::pii {

enum class Validator { kNone, kLuhn, kTwId, kBusinessNumber, kMobile, kLandline, kIpv4 };

struct CustomDetector {
  std::string name;     // the type name in findings, e.g. EMPLOYEE_ID
  std::string pattern;  // vectorscan regular expression
  Validator validator = Validator::kNone;
  std::vector<std::string> context;  // label words, lower case
  bool context_required = false;
};

// Reads a YAML rules file:
//   detectors:
//     - name: EMPLOYEE_ID
//       pattern: 'E[0-9]{6}'
//       validator: none        # none|luhn|tw_id|ubn|tw_mobile|tw_landline|ipv4
//       context: [工號, employee id]
//       context_required: true
// Errors name the file, the line and the problem.
Result<std::vector<CustomDetector>> load_detectors(const std::string& path);
// The detectors of a `detectors:` list inside a larger document of `path`.
Result<std::vector<CustomDetector>> read_detectors(const std::string& path, const YamlNode& list);

}  // namespace etguard::pii
