#include "iot/inventory.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace etguard::iot {
namespace {

std::vector<PortKey> open_keys(const Host& host) {
  std::vector<PortKey> keys;
  for (const Port& port : host.ports) {
    if (port.is_open()) {
      keys.push_back(PortKey{port.protocol, port.number});
    }
  }
  std::ranges::sort(keys);
  return keys;
}

bool parse_port(std::string_view item, PortKey& key) {
  std::string_view number = item;
  if (const std::size_t slash = item.find('/'); slash != std::string_view::npos) {
    number = item.substr(0, slash);
    key.protocol = std::string(item.substr(slash + 1));
    if (key.protocol != "tcp" && key.protocol != "udp" && key.protocol != "sctp") {
      return false;
    }
  }
  if (number.empty() || number.size() > 5 ||
      !std::ranges::all_of(number, [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  key.number = std::stoi(std::string(number));
  return key.number > 0 && key.number <= 65535;
}

}  // namespace

std::string_view to_string(ProbeAccess access) {
  switch (access) {
    case ProbeAccess::kOpen:
      return "open";
    case ProbeAccess::kDefaultAccepted:
      return "default_accepted";
    case ProbeAccess::kRefused:
      return "refused";
    case ProbeAccess::kUnreachable:
      return "unreachable";
    case ProbeAccess::kUnclear:
      break;
  }
  return "unclear";
}

std::string PortKey::text() const {
  return fmt::format("{}/{}", number, protocol);
}

std::string port_list(const std::vector<PortKey>& ports) {
  std::string text;
  for (const PortKey& port : ports) {
    text += (text.empty() ? "" : ", ") + port.text();
  }
  return text;
}

DeclaredPorts parse_declared_ports(const std::string& text) {
  DeclaredPorts declared;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find_first_of(", ;", start);
    end = end == std::string::npos ? text.size() : end;
    const std::string item = text.substr(start, end - start);
    if (!item.empty()) {
      PortKey key;
      if (parse_port(item, key)) {
        declared.ports.push_back(std::move(key));
      } else {
        declared.unreadable.push_back(item);
      }
    }
    start = end + 1;
  }
  std::ranges::sort(declared.ports);
  const auto [first, last] = std::ranges::unique(declared.ports);
  declared.ports.erase(first, last);
  return declared;
}

bool is_public_address(const std::string& address) {
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET, address.c_str(), bytes.data()) == 1) {
    const unsigned a = bytes[0];
    const unsigned b = bytes[1];
    const unsigned c = bytes[2];
    const bool internal = a == 10 || a == 127 || a == 0 || (a == 172 && b >= 16 && b <= 31) ||
                          (a == 192 && b == 168) || (a == 169 && b == 254) ||
                          (a == 100 && b >= 64 && b <= 127) || a >= 224 ||
                          (a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) ||
                          (a == 203 && b == 0 && c == 113) || (a == 198 && (b == 18 || b == 19));
    return !internal;
  }
  if (inet_pton(AF_INET6, address.c_str(), bytes.data()) == 1) {
    const bool loopback_or_unspecified =
        std::all_of(bytes.begin(), bytes.end() - 1, [](unsigned char x) { return x == 0; });
    const bool link_local = bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80;
    const bool unique_local = (bytes[0] & 0xfe) == 0xfc;
    const bool multicast = bytes[0] == 0xff;
    const bool documentation =
        bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8;
    const bool mapped_v4 =
        std::all_of(bytes.begin(), bytes.begin() + 10, [](unsigned char x) { return x == 0; }) &&
        bytes[10] == 0xff && bytes[11] == 0xff;
    if (mapped_v4) {
      return is_public_address(
          fmt::format("{}.{}.{}.{}", bytes[12], bytes[13], bytes[14], bytes[15]));
    }
    return !(loopback_or_unspecified || link_local || unique_local || multicast || documentation);
  }
  return false;
}

std::string normalize_mac(std::string_view mac) {
  std::string out;
  out.reserve(mac.size());
  for (char c : mac) {
    out += c == '-' ? ':' : static_cast<char>(c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c);
  }
  return out;
}

Reconciler::Reconciler(const std::vector<Device>& devices, std::unordered_set<std::string> not_iot)
    : not_iot_(std::move(not_iot)) {
  sightings_.reserve(devices.size());
  declared_.reserve(devices.size());
  by_address_.reserve(devices.size());
  by_mac_.reserve(devices.size());
  for (const Device& device : devices) {
    const std::size_t index = sightings_.size();
    DeclaredPorts declared = parse_declared_ports(device.ports_text);
    DeviceSighting sighting;
    sighting.device = &device;
    sighting.unreadable_ports = std::move(declared.unreadable);
    sightings_.push_back(std::move(sighting));
    declared_.push_back(std::move(declared.ports));
    if (!device.address.empty() && !by_address_.emplace(device.address, index).second) {
      duplicates_.push_back(device.address);
    }
    if (!device.mac.empty()) {
      by_mac_.emplace(normalize_mac(device.mac), index);
    }
  }
}

std::string KnownName::text() const {
  std::string out = vendor.empty() ? product : vendor + " " + product;
  out += version.empty() ? " (version unknown)" : " " + version;
  return out + " (" + from + ")";
}

bool Device::allows_zone(std::string_view zone) const {
  for (std::size_t start = 0; start < zones.size();) {
    std::size_t end = zones.find_first_of(", ", start);
    end = end == std::string::npos ? zones.size() : end;
    if (end > start && std::string_view(zones).substr(start, end - start) == zone) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

void Reconciler::record(std::size_t index, Host& host, bool by_mac) {
  DeviceSighting& sighting = sightings_[index];
  sighting.seen = true;
  sighting.found_by_mac = by_mac;
  sighting.seen_address = host.address();
  sighting.seen_mac = std::move(host.mac);
  sighting.vendor = std::move(host.vendor);
  const std::vector<PortKey> open = open_keys(host);
  const std::vector<PortKey>& declared = declared_[index];
  std::ranges::set_difference(open, declared, std::back_inserter(sighting.undeclared));
  // A port closed or filtered is only known as such when the scan probed it.
  for (const PortKey& key : declared) {
    const bool probed = std::ranges::any_of(host.ports, [&](const Port& port) {
      return port.number == key.number && port.protocol == key.protocol;
    });
    if (probed && !std::ranges::binary_search(open, key)) {
      sighting.declared_closed.push_back(key);
    }
  }
  for (Port& port : host.ports) {
    if (port.is_open()) {
      Port& kept = sighting.open_ports.emplace_back(std::move(port));
      if (!keep_cpes_) {
        kept.cpes = {};
      }
    }
  }
}

std::optional<std::size_t> Reconciler::find(const Host& host, bool& by_mac) const {
  by_mac = false;
  for (const std::string* address : {&host.ipv4, &host.ipv6}) {
    if (address->empty()) {
      continue;
    }
    if (const auto found = by_address_.find(*address); found != by_address_.end()) {
      return found->second;
    }
  }
  if (!host.mac.empty()) {
    if (const auto found = by_mac_.find(normalize_mac(host.mac)); found != by_mac_.end()) {
      by_mac = true;
      return found->second;
    }
  }
  return std::nullopt;
}

void Reconciler::add(Host&& host) {
  if (!host.is_up()) {
    return;
  }
  bool by_mac = false;
  if (const auto index = find(host, by_mac)) {
    record(*index, host, by_mac);
    return;
  }
  if (not_iot_.contains(host.ipv4) || not_iot_.contains(host.ipv6) ||
      (!host.mac.empty() && not_iot_.contains(normalize_mac(host.mac)))) {
    ++ignored_;
    return;
  }
  UnknownHost unknown{host.address(), host.mac, host.vendor,
                      host.hostnames.empty() ? std::string() : host.hostnames.front(),
                      open_keys(host)};
  unknown_.push_back(std::move(unknown));
}

void Reconciler::add_from_zone(const std::string& zone, const Host& host) {
  std::vector<PortKey> open = open_keys(host);
  bool by_mac = false;
  const auto index = host.is_up() && !open.empty() ? find(host, by_mac) : std::nullopt;
  if (!index) {
    return;
  }
  DeviceSighting& sighting = sightings_[*index];
  auto reach = std::ranges::find(sighting.reachable_from, zone, &ZoneReach::zone);
  if (reach == sighting.reachable_from.end()) {
    sighting.reachable_from.push_back(ZoneReach{zone, std::move(open)});
    return;
  }
  reach->open.insert(reach->open.end(), open.begin(), open.end());
  std::ranges::sort(reach->open);
  const auto [first, last] = std::ranges::unique(reach->open);
  reach->open.erase(first, last);
}

Reconciliation Reconciler::finish(ScanSummary summary) {
  Reconciliation result;
  result.devices = std::move(sightings_);
  result.unknown = std::move(unknown_);
  result.duplicate_addresses = std::move(duplicates_);
  result.ignored = ignored_;
  result.scan = std::move(summary);
  return result;
}

}  // namespace etguard::iot
