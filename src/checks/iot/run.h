// Runs every registered IoT check on one reconciliation: the inventory checks
// once (target "org"), the device checks once per register entry the scan saw
// (target "iot/<id>").
#pragma once

#include <functional>
#include <span>
#include <string>

#include "checks/iot/iot_check.h"

namespace etguard::iot_checks {

struct IotRun {
  std::string started_at;  // RFC 3339 UTC
  std::string finished_at;
  bool with_evidence = true;  // false: verdicts and reasons only, for a summary
};

// Receives one block of findings; it may move them out.
using FindingSink = std::function<void(std::span<check::Finding> block)>;

// Hands every finding to `sink` in order, a block at a time: iot.inventory on
// "org" first, then each device's in register order. A block's devices are
// judged on every core; memory holds one block's findings, not a segment's.
void run_iot_checks(const iot::Reconciliation& reconciliation, const IotPolicy& policy,
                    const IotRun& run, const FindingSink& sink);

}  // namespace etguard::iot_checks
