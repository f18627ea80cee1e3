// Fuzz target: a vulnerability feed (outside input: an OSV or NVD file a
// firm hands to `scan iot --vulnerabilities`) read and matched against two
// devices, and the CPE and version helpers on the same bytes. Invariants: a
// refused feed names the file; every advisory read has an id; a match
// names an advisory of the feed and a name of the device; version order is antisymmetric and every
// version equals itself.
#include <cstdint>
#include <string>

#include "iot/vulns/match.h"
#include "iot/vulns/product.h"

namespace {

int sign(int value) {
  return (value > 0) - (value < 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  namespace vulns = etguard::iot::vulns;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string left = text.substr(0, size / 2);
  const std::string right = text.substr(size / 2);
  if (vulns::compare_versions(left, left) != 0 ||
      sign(vulns::compare_versions(left, right)) != -sign(vulns::compare_versions(right, left))) {
    __builtin_trap();
  }
  (void)vulns::parse_cpe(text);

  vulns::Feed feed;
  if (const etguard::Status read = vulns::read_feed_text("fuzz.json", text, feed); !read) {
    if (read.error().message.rfind("fuzz.json", 0) != 0) {
      __builtin_trap();
    }
    return 0;
  }
  for (const vulns::Advisory& advisory : feed.advisories) {
    if (advisory.id.empty()) {
      __builtin_trap();
    }
  }
  etguard::iot::Device camera;
  camera.id = "cam";
  camera.cpe = "cpe:2.3:o:hikvision:ds-2cd2032-i_firmware:5.4.0:*:*:*:*:*:*:*";
  etguard::iot::Device broker;
  broker.id = "mqtt";
  broker.software = "mosquitto";
  broker.firmware_version = "2.0.11";
  etguard::iot::Reconciliation reconciliation;
  reconciliation.devices.resize(2);
  reconciliation.devices[0].device = &camera;
  reconciliation.devices[1].device = &broker;
  vulns::match_devices(feed, reconciliation);
  for (const etguard::iot::DeviceSighting& sighting : reconciliation.devices) {
    for (const etguard::iot::KnownVulnerability& found : sighting.vulnerabilities) {
      if (found.advisory.empty() || found.name >= sighting.known_as.size()) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
