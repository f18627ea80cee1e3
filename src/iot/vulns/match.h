// Devices matched against imported vulnerability feeds (Art. 29). A device is
// known as the CPE its register entry records (details.cpe), the CPEs nmap's
// service detection gave its open ports, and the product its entry names
// (details.software); each at the version the scan saw on the port running
// it, else the one the register approves (details.firmware_version).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "iot/inventory.h"
#include "iot/vulns/feed.h"

namespace etguard::iot::vulns {

// One name a device is looked up by.
struct Identity {
  std::string vendor;  // empty: any vendor (a product named by details.software)
  std::string product;
  std::string version;  // empty: not known
  std::string from;     // "details.cpe", "nmap cpe on 80/tcp", "details.software"

  std::string text() const;  // "hikvision ds-2cd2032-i_firmware 5.4.0"
};

std::vector<Identity> identities_of(const DeviceSighting& sighting);

// The feed indexed by product name.
class Matcher {
 public:
  explicit Matcher(const Feed& feed);
  // Every advisory affecting any of `identities`, once each, in feed order.
  std::vector<KnownVulnerability> match(const std::vector<Identity>& identities) const;

 private:
  struct Entry {
    std::size_t advisory;
    std::size_t affected;
  };
  const Feed& feed_;
  std::unordered_map<std::string, std::vector<Entry>> by_product_;
};

// Whether `product` affects `version` ("" affects only an every-version entry).
bool affects(const AffectedProduct& product, const std::string& version);

// Fills each sighting's known_as and vulnerabilities, and sets feed_checked.
void match_devices(const Feed& feed, Reconciliation& reconciliation);

}  // namespace etguard::iot::vulns
