// Verify: the fairness of an AI system's decisions (Art. 48, 53(3), 53(4))
// measured on its decision log per group and intersection, judged against
// the firm's policy, with an optional self-contained HTML report, and the AI
// checks on the result.
#pragma once

#include <functional>
#include <string>

#include "checks/check.h"
#include "core/clock.h"
#include "core/lang.h"
#include "core/result.h"
#include "fairness/decisions.h"
#include "fairness/features.h"
#include "fairness/measure.h"

namespace etguard::app {

struct FairnessScanRequest {
  std::string path;  // "-": standard input
  fairness::Columns columns;
  std::string policy_file;   // empty: the built-in policy
  std::string input_format;  // csv | jsonl; empty: from the file name
  char delimiter = ',';
  std::size_t jobs = 1;
  std::string report_html;  // where to write the HTML report; empty: none
  Lang lang = Lang::kEn;
};

struct FairnessScan {
  fairness::Measurement measurement;
  nlohmann::ordered_json document;  // etguard.ai_fairness
  double read_seconds = 0;
};

[[nodiscard]] Result<FairnessScan> scan_fairness(
    const FairnessScanRequest& request, const std::function<void(std::uint64_t bytes)>& progress);

// The policy a firm starts from (--print-policy).
std::string default_fairness_policy();

// The AI checks' verdicts on a measurement, for the workspace.
std::vector<check::Finding> fairness_check_findings(const FairnessScan& scan,
                                                    const Clock& clock = system_clock());

// Verify: the inputs of a model (its feature schema) that are parameters
// Art. 48(3) names, each with its necessity assessment.
struct FeatureScanRequest {
  std::string schema;            // a feature schema (YAML or JSON), or an ONNX model (.onnx)
  std::string necessity_schema;  // for an ONNX model: the feature schema with the assessments
  std::string words_file;        // the firm's own words for the attributes; empty: built-in only
};

[[nodiscard]] Result<fairness::FeatureReview> scan_features(const FeatureScanRequest& request);

// The AI checks' verdicts on a feature review, for the workspace.
std::vector<check::Finding> feature_check_findings(const fairness::FeatureReview& review,
                                                   const Clock& clock = system_clock());

}  // namespace etguard::app
