#include "iot/vulns/match.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "core/text.h"
#include "iot/vulns/product.h"

namespace etguard::iot::vulns {
namespace {

// CPE names write a product's spaces as underscores.
std::string product_key(std::string_view name) {
  std::string key = ascii_lower(trim(name));
  std::ranges::replace(key, ' ', '_');
  return key;
}

// The version the scan saw on a port running `product`, if any.
std::string observed_version(const DeviceSighting& sighting, std::string_view product) {
  const std::string wanted = product_key(product);
  for (const Port& port : sighting.open_ports) {
    if (!port.version.empty() && product_key(port.product) == wanted) {
      return port.version;
    }
  }
  return {};
}

bool within(const VersionRange& range, const std::string& version) {
  if (!range.start.empty()) {
    const int order = compare_versions(version, range.start);
    if (order < 0 || (order == 0 && !range.start_inclusive)) {
      return false;
    }
  }
  if (!range.end.empty()) {
    const int order = compare_versions(version, range.end);
    if (order > 0 || (order == 0 && !range.end_inclusive)) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<KnownName> names_of(const DeviceSighting& sighting) {
  const Device& device = *sighting.device;
  std::vector<KnownName> names;
  if (const std::optional<Cpe> cpe = parse_cpe(device.cpe)) {
    std::string version = cpe->version;
    if (version.empty()) {
      version = observed_version(sighting, device.software);
    }
    if (version.empty()) {
      version = device.firmware_version;
    }
    names.push_back({cpe->vendor, cpe->product, std::move(version), "details.cpe"});
  }
  for (const Port& port : sighting.open_ports) {
    for (const std::string& text : port.cpes) {
      if (const std::optional<Cpe> cpe = parse_cpe(text)) {
        names.push_back({cpe->vendor, cpe->product,
                         cpe->version.empty() ? port.version : cpe->version,
                         fmt::format("nmap cpe on {}/{}", port.number, port.protocol)});
      }
    }
  }
  if (!trim(device.software).empty()) {
    std::string version = observed_version(sighting, device.software);
    if (version.empty()) {
      version = device.firmware_version;
    }
    names.push_back({"", product_key(device.software), std::move(version), "details.software"});
  }
  return names;
}

bool affects(const AffectedProduct& product, const std::string& version) {
  if (product.every_version) {
    return true;
  }
  if (version.empty()) {
    return false;
  }
  return std::ranges::any_of(
             product.versions,
             [&](const std::string& listed) { return compare_versions(listed, version) == 0; }) ||
         std::ranges::any_of(product.ranges,
                             [&](const VersionRange& range) { return within(range, version); });
}

Matcher::Matcher(const Feed& feed) : feed_(feed) {
  for (std::size_t a = 0; a < feed.advisories.size(); ++a) {
    const std::vector<AffectedProduct>& affected = feed.advisories[a].affected;
    for (std::size_t p = 0; p < affected.size(); ++p) {
      by_product_[product_key(affected[p].product)].push_back({a, p});
    }
  }
}

std::vector<KnownVulnerability> Matcher::match(const std::vector<KnownName>& names) const {
  std::vector<std::pair<std::size_t, KnownVulnerability>> found;
  std::unordered_set<std::size_t> seen;
  for (std::size_t n = 0; n < names.size(); ++n) {
    const KnownName& name = names[n];
    const auto entries = by_product_.find(product_key(name.product));
    if (entries == by_product_.end()) {
      continue;
    }
    for (const Entry& entry : entries->second) {
      const Advisory& advisory = feed_.advisories[entry.advisory];
      const AffectedProduct& product = advisory.affected[entry.affected];
      const bool vendor_matches =
          name.vendor.empty() || product.vendor.empty() || name.vendor == product.vendor;
      if (!vendor_matches || seen.contains(entry.advisory) || !affects(product, name.version)) {
        continue;
      }
      seen.insert(entry.advisory);
      found.emplace_back(entry.advisory, KnownVulnerability{.advisory = advisory.id,
                                                            .summary = advisory.summary,
                                                            .severity = advisory.severity,
                                                            .source = advisory.source,
                                                            .vendor = product.vendor,
                                                            .product = product.product,
                                                            .name = n});
    }
  }
  std::ranges::sort(found, {}, &std::pair<std::size_t, KnownVulnerability>::first);
  std::vector<KnownVulnerability> out;
  out.reserve(found.size());
  for (auto& [index, vulnerability] : found) {
    out.push_back(vulnerability);
  }
  return out;
}

void match_devices(const Feed& feed, Reconciliation& reconciliation) {
  const Matcher matcher(feed);
  for (DeviceSighting& sighting : reconciliation.devices) {
    sighting.feed_checked = true;
    sighting.known_as = names_of(sighting);
    sighting.vulnerabilities = matcher.match(sighting.known_as);
  }
}

}  // namespace etguard::iot::vulns
