#include "app/scan_fairness.h"

#include <chrono>
#include <optional>

#include "checks/ai/run.h"
#include "core/atomic_file.h"
#include "fairness/onnx_inputs.h"
#include "fairness/report_json.h"
#include "report/fairness_report.h"

namespace etguard::app {

Result<FairnessScan> scan_fairness(const FairnessScanRequest& request,
                                   const std::function<void(std::uint64_t bytes)>& progress) {
  fairness::Policy policy;
  if (!request.policy_file.empty()) {
    auto loaded = fairness::load_policy(request.policy_file);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    policy = std::move(*loaded);
  }
  fairness::ReadOptions options;
  options.format = request.input_format;
  options.delimiter = request.delimiter;
  options.jobs = request.jobs;
  options.calibration_bins = policy.calibration_bins;
  options.progress = progress;
  const auto started = std::chrono::steady_clock::now();
  auto tally = fairness::tally_decisions(request.path, request.columns, options);
  if (!tally) {
    return std::unexpected(tally.error());
  }
  FairnessScan scan;
  scan.read_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  scan.measurement = fairness::measure(*tally, policy, request.jobs);
  scan.document = fairness::measurement_json(scan.measurement);
  scan.document["seconds"] = {{"read", scan.read_seconds}, {"measure", scan.measurement.seconds}};
  if (!request.report_html.empty()) {
    if (auto written = write_file_atomically(
            request.report_html, report::fairness_report_html(scan.document, request.lang));
        !written) {
      return std::unexpected(written.error());
    }
  }
  return scan;
}

std::string default_fairness_policy() {
  return fairness::policy_yaml(fairness::Policy{});
}

std::vector<check::Finding> fairness_check_findings(const FairnessScan& scan, const Clock& clock) {
  const std::string now = clock.utc_now();
  return ai_checks::run_ai_checks({.decisions = &scan.measurement}, scan.measurement.source, now,
                                  now);
}

Result<fairness::FeatureReview> scan_features(const FeatureScanRequest& request) {
  std::vector<fairness::ProtectedAttribute> attributes = fairness::protected_attributes();
  if (!request.words_file.empty()) {
    auto loaded = fairness::load_attribute_words(request.words_file);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    attributes = std::move(*loaded);
  }
  if (!request.schema.ends_with(".onnx")) {
    return fairness::review_features(request.schema, attributes);
  }
  // An ONNX model: its inputs, with the necessity assessments of the feature
  // schema when one is given.
  std::optional<fairness::FeatureReview> described;
  if (!request.necessity_schema.empty()) {
    auto read = fairness::review_features(request.necessity_schema, attributes);
    if (!read) {
      return std::unexpected(read.error());
    }
    described = std::move(*read);
  }
  return fairness::review_onnx_inputs(request.schema, described ? &*described : nullptr,
                                      attributes);
}

std::vector<check::Finding> feature_check_findings(const fairness::FeatureReview& review,
                                                   const Clock& clock) {
  const std::string now = clock.utc_now();
  return ai_checks::run_ai_checks({.features = &review}, review.source, now, now);
}

}  // namespace etguard::app
