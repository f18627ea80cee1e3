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

// The names `sighting` is known by, in the order above.
std::vector<KnownName> names_of(const DeviceSighting& sighting);

// The feed indexed by product name.
class Matcher {
 public:
  explicit Matcher(const Feed& feed);
  explicit Matcher(const Feed&& feed) = delete;  // the matches point into the feed
  // Every advisory affecting any of `names`, once each, in feed order; each
  // points into the feed and at the first name it matched.
  std::vector<KnownVulnerability> match(const std::vector<KnownName>& names) const;

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

// Fills each sighting's known_as and vulnerabilities, and sets feed_checked;
// `feed` must outlive `reconciliation`.
void match_devices(const Feed& feed, Reconciliation& reconciliation);
void match_devices(const Feed&& feed, Reconciliation& reconciliation) = delete;  // would dangle

}  // namespace etguard::iot::vulns
