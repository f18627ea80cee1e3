// The shape of a PII check: metadata plus a pure function of a scan's summary.
#pragma once

#include "checks/check.h"
#include "pii/summary.h"

namespace etguard::pii_checks {

using Evaluate = check::Assessment (*)(const pii::ScanSummary& summary);

struct PiiCheck {
  const check::CheckInfo& (*metadata)();
  Evaluate evaluate;
};

}  // namespace etguard::pii_checks
