#include "cloud/code_scan.h"

namespace etguard::cloud {

Status count_and_hand_over(const PostureFinding& finding, CodeScanSummary& summary,
                           const PostureSink& sink) {
  if (finding.status == PostureStatus::kPass) {
    ++summary.passed;
  } else if (finding.muted) {
    ++summary.skipped;
  } else {
    ++summary.failed;
  }
  return sink(finding);
}

}  // namespace etguard::cloud
