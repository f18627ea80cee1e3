// The shape of an IoT check (Chapter 5): metadata plus a pure function of
// what a network scan showed — the whole inventory reconciled with the
// network (target "org": Art. 22 is the organization's duty), or one register
// entry as the scan saw it (target "iot/<id>"). A check gives no finding for
// evidence it does not judge.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "iot/inventory.h"

namespace etguard::iot_checks {

// The firm's rules the checks judge by.
struct IotPolicy {
  std::string today;       // YYYY-MM-DD
  int update_months = 12;  // Art. 23's "periodically": the longest time between updates
  std::vector<std::string> zones = {};  // zones that scans were also taken from
};

struct IotEvidence {
  const iot::Reconciliation* inventory = nullptr;
  const iot::DeviceSighting* device = nullptr;
  const IotPolicy* policy = nullptr;
  bool with_evidence = true;  // false: the verdict and reasons only (the evidence is not shown)
};

using Evaluate = std::optional<check::Assessment> (*)(const IotEvidence& evidence);

struct IotCheck {
  const check::CheckInfo& (*metadata)();
  Evaluate evaluate;
};

}  // namespace etguard::iot_checks
