// Verify: the IoT register against a network scan (nmap -oX) — Art. 22's
// inventory reconciled with the hosts, addresses, MACs and ports the scan
// saw, and Art. 25's cleartext and unnecessary services on each device
// (docs/iot.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/session.h"
#include "checks/check.h"
#include "checks/iot/run.h"
#include "iot/inventory.h"
#include "iot/vulns/feed.h"

namespace etguard::app {

struct IotScan {
  // The devices the reconciliation points at: kept on the heap so a moved
  // scan keeps them where they were.
  std::unique_ptr<std::vector<iot::Device>> devices;
  iot::Reconciliation reconciliation;
  int update_months = 12;
  std::vector<std::string> zones;  // the zones scans were taken from
  // The --vulnerabilities feeds, which the devices' matches point into.
  std::unique_ptr<iot::vulns::Feed> feed;
};

// scan iot --probe: the default-credential probes of Art. 24, opt-in.
struct IotProbeRequest {
  bool enabled = false;
  std::vector<std::string> credential_files = {};  // more credentials beside the built-in ones
  std::string targets;      // optional: the register addresses to probe, one per line
  int timeout_ms = 2000;    // connect, and each answer
  double per_second = 10;   // logins a second over every device
  std::string tls_ca_file;  // the trust store TLS ports are judged by; empty: the system's
};

struct IotScanRequest {
  std::string nmap_xml;    // the scan, nmap -oX
  std::string not_iot;     // optional: a file of addresses or MACs that are not IoT devices
  int update_months = 12;  // the longest time between a device's updates (Art. 23)
  // "office=office.xml": scans of the same devices taken from other zones.
  std::vector<std::string> from_zones = {};
  IotProbeRequest probe = {};
  // OSV or NVD CVE API 2.0 JSON files: every device is matched against them (Art. 29).
  std::vector<std::string> vulnerability_feeds = {};
};

// Reads the workspace's IoT register and streams the scan past it; with
// `probe.enabled`, then probes the devices seen at their registered address
// (or those of `probe.targets`) and scans their TLS ports; with `vulnerability_feeds`, matches
// every device against them. An error (nothing read, nothing changed, no probe sent) for a register
// with no device address, an unreadable list, credential file or feed, a target that is not a
// register address, limits out of range, or a scan that is not whole nmap XML.
[[nodiscard]] Result<IotScan> scan_iot(const IotScanRequest& request, Session& session);

// The IoT checks' verdicts, handed to `sink` a block at a time: iot.inventory
// on "org", then the device checks on "iot/<id>" in register order
// (iot.services only for devices seen). Without `with_evidence` the findings
// carry verdicts and reasons only, for a summary.
void iot_findings(const IotScan& scan, bool with_evidence, const iot_checks::FindingSink& sink,
                  const Clock& clock = system_clock());

}  // namespace etguard::app
