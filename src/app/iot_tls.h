// scan iot --probe, TLS: every port of a probed device that speaks TLS is
// scanned and judged by the same TLS checks as `scan tls` (Art. 34's policy),
// and the summary is kept on the device for check iot.tls (Art. 25).
#pragma once

#include <string>
#include <unordered_set>

#include "core/result.h"
#include "iot/inventory.h"
#include "tls/certificate.h"

namespace etguard::app {

struct IotTlsPlan {
  tls::TrustStore trust;
  std::unordered_set<std::string> targets;  // empty: every device seen
  int probe_timeout_ms = 2000;              // one connection
};

// Reads the trust store (`ca_file`; empty: the system's) before anything is
// sent.
[[nodiscard]] Result<IotTlsPlan> plan_iot_tls(const std::string& ca_file,
                                              std::unordered_set<std::string> targets,
                                              int probe_timeout_ms);

// Scans the TLS ports of every device seen at its registered address (of
// `plan.targets` when given), a few endpoints at a time.
void judge_device_tls(iot::Reconciliation& reconciliation, const IotTlsPlan& plan);

}  // namespace etguard::app
