// Check pii.sensitive_data — see check.cc for what it proves and how.
#pragma once

#include "checks/check.h"
#include "pii/summary.h"

namespace etguard::pii_checks::sensitive_data {

const check::CheckInfo& metadata();
check::Assessment evaluate(const pii::ScanSummary& summary);

}  // namespace etguard::pii_checks::sensitive_data
