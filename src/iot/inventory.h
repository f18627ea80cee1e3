// The IoT register reconciled with what a network scan saw (Art. 22: the
// inventory names each device's network settings — address, connection,
// ports — its location and its manager). Hosts stream in one at a time, so a
// scan of any size is reconciled in memory proportional to the register and
// to the hosts it does not know.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "iot/nmap_xml.h"

namespace etguard::iot {

// A port as a register declares it and a scan reports it: "554" or "161/udp".
struct PortKey {
  std::string protocol = "tcp";
  int number = 0;

  auto operator<=>(const PortKey&) const = default;
  std::string text() const;  // "554/tcp"
};

// "23/tcp, 1900/udp".
std::string port_list(const std::vector<PortKey>& ports);

// One IoT register entry, as much of it as reconciliation needs.
struct Device {
  std::string id;  // the register's id
  std::string name;
  std::string manager;     // the register's owner
  std::string address;     // details.ip (IPv4 or IPv6); may be empty
  std::string mac;         // details.mac; may be empty
  std::string connection;  // details.connection
  std::string location;    // details.location
  std::string ports_text;  // details.ports as written
  bool unmanaged_sensor = false;
  std::string firmware_update;   // dates.firmware_update: the last update applied
  std::string software;          // details.software: the product as nmap -sV names it
  std::string firmware_version;  // details.firmware_version: the approved version
  std::string zones;             // details.zones: the zones allowed to reach it ("cctv, nvr")
  std::string firewall;          // details.firewall: the allowlisting firewall in front of it
  std::string wifi_security;     // details.wifi_security: WPA3, WPA2, WEP, open (wireless devices)
  std::string mac_binding;       // details.mac_binding: yes when the access point binds its MAC
  std::string cpe;         // details.cpe: the firmware's CPE name, to match vulnerability feeds
  bool exception = false;  // facts.exception: Art. 29's exception, known to the register
  std::string replacement_plan;  // details.replacement_plan: where Art. 29's plan is written
  std::string replacement_due;   // dates.replacement: when the plan replaces the device

  // Whether details.zones ("cctv, nvr") lists `zone`.
  bool allows_zone(std::string_view zone) const;
};

// The device's open ports as a scan taken from another zone saw them.
struct ZoneReach {
  std::string zone;
  std::vector<PortKey> open;
};

// "443, 554, 161/udp": the ports, and the items that are not ports.
struct DeclaredPorts {
  std::vector<PortKey> ports;
  std::vector<std::string> unreadable;
};
DeclaredPorts parse_declared_ports(const std::string& text);

// What an active probe (scan iot --probe, Art. 24) learnt of one service of
// a device: whether it let a client in without a login, or with a credential
// of the default list. The credential that worked is named by where it is
// listed, never by its password or community.
enum class ProbeAccess {
  kOpen,             // no login was asked
  kDefaultAccepted,  // a listed default credential was accepted
  kRefused,          // every credential tried was refused
  kUnreachable,      // no answer within the timeout
  kUnclear,          // it answered, but not in a way the probe can judge
};
std::string_view to_string(ProbeAccess access);

struct ProbeOutcome {
  std::string service;  // "mqtt", "snmp", "http", "ftp"
  PortKey port;
  ProbeAccess access = ProbeAccess::kUnclear;
  std::string user;       // the account let in; empty when none was asked
  std::string listed_at;  // where the credential that worked is listed: "built-in:12"
  int attempts = 0;       // logins tried
  std::string note;       // what the service answered, for the unclear and unreachable
};

// One name a device is known by, to look it up in vulnerability feeds
// (scan iot --vulnerabilities, Art. 29).
struct KnownName {
  std::string vendor;   // empty: any vendor (a product named by details.software)
  std::string product;  // lower case, spaces as underscores (as CPE names write them)
  std::string version;  // empty: not known
  std::string from;     // "details.cpe", "nmap cpe on 80/tcp", "details.software"

  std::string text() const;  // "hikvision ds-2cd2032-i_firmware 5.4.0 (details.cpe)"
};

// An advisory of an imported feed that affects a device. The texts point into
// the feed, which whoever matched keeps for as long as the sighting.
struct KnownVulnerability {
  std::string_view advisory;  // CVE-2021-36260
  std::string_view summary;
  std::string_view severity;
  std::string_view source;  // "nvd.json: record 3"
  std::string_view vendor;  // of the product affected, as the feed names it; may be empty
  std::string_view product;
  std::size_t name = 0;  // the device's known_as it matched
};

// What the scan showed of one register entry.
// A port of a device that speaks TLS, judged by the TLS checks of Art. 34
// (scan iot --probe): their summary, kept here as text so the IoT checks
// stay pure and this layer knows nothing of the TLS scanner.
struct TlsJudgement {
  PortKey port;
  std::string verdict;               // "pass", "fail" or "error"
  std::vector<std::string> reasons;  // the TLS checks' failing codes (TLS_...)
  std::vector<std::string> warnings;
  std::string protocols;  // those the device accepted: "TLSv1.2 TLSv1.3"
  std::string error;      // why the endpoint could not be scanned
};

struct DeviceSighting {
  const Device* device = nullptr;
  bool seen = false;
  bool found_by_mac = false;  // seen at another address, recognised by its MAC
  std::string seen_address;
  std::string seen_mac;
  std::string vendor;
  std::vector<Port> open_ports;          // as nmap reported them
  std::vector<PortKey> undeclared;       // open but not in the register
  std::vector<PortKey> declared_closed;  // declared but not seen open
  std::vector<std::string> unreadable_ports;
  std::vector<ZoneReach> reachable_from;  // scans from other zones that reached it
  bool probed = false;                    // --probe reached this device
  std::vector<ProbeOutcome> probes;       // one per service probed
  bool feed_checked = false;              // --vulnerabilities: matched against the feeds
  std::vector<KnownName> known_as;        // the names it was looked up by
  std::vector<KnownVulnerability> vulnerabilities;
  std::vector<TlsJudgement> tls;  // --probe: each TLS port, judged
};

// A host up on the network that no register entry names.
struct UnknownHost {
  std::string address;
  std::string mac;
  std::string vendor;
  std::string hostname;
  std::vector<PortKey> open;
};

struct Reconciliation {
  std::vector<DeviceSighting> devices;           // in register order
  std::vector<UnknownHost> unknown;              // in scan order
  std::vector<std::string> duplicate_addresses;  // one address in two entries
  std::uint64_t ignored = 0;                     // hosts up that were listed as not IoT
  ScanSummary scan;
};

class Reconciler {
 public:
  // `not_iot`: addresses on the scanned segment known not to be IoT devices.
  Reconciler(const std::vector<Device>& devices, std::unordered_set<std::string> not_iot);

  // Keep nmap's service CPEs on the devices' open ports (to match them
  // against vulnerability feeds); dropped otherwise, a register's worth of
  // strings nobody reads.
  void keep_service_cpes() { keep_cpes_ = true; }
  void add(Host&& host);  // takes what it keeps
  // A host as a scan taken from `zone` saw it: recorded on the device it is
  // when it is up with a port open; other hosts are not this inventory's.
  void add_from_zone(const std::string& zone, const Host& host);
  Reconciliation finish(ScanSummary summary);

 private:
  void record(std::size_t index, Host& host, bool by_mac);
  // The register entry `host` is: by address, else by MAC (`by_mac` set).
  std::optional<std::size_t> find(const Host& host, bool& by_mac) const;

  std::vector<DeviceSighting> sightings_;
  std::vector<std::vector<PortKey>> declared_;  // each entry's declared ports, sorted
  std::unordered_map<std::string, std::size_t> by_address_;
  std::unordered_map<std::string, std::size_t> by_mac_;
  std::unordered_set<std::string> not_iot_;
  std::vector<UnknownHost> unknown_;
  std::vector<std::string> duplicates_;
  std::uint64_t ignored_ = 0;
  bool keep_cpes_ = false;
};

// An address on the internet: not private, loopback, link-local, shared
// (100.64/10), unique-local or documentation space; false when unreadable.
bool is_public_address(const std::string& address);

// Upper-case with colons: "aa-bb-cc-dd-ee-ff" -> "AA:BB:CC:DD:EE:FF".
std::string normalize_mac(std::string_view mac);

}  // namespace etguard::iot
