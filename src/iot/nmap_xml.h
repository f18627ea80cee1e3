// nmap's XML output (`nmap -oX`, any nmap 7.x scan, with or without -sV and
// -O), read as a stream: each <host> is handed over when its element closes,
// so a scan of any size is read in bounded memory. Malformed, truncated or
// non-nmap XML is an error naming the file, line and column.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <istream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"

namespace etguard::iot {

struct Port {
  std::string protocol;  // tcp, udp, sctp
  int number = 0;
  std::string state;    // open, closed, filtered, open|filtered, ...
  std::string reason;   // syn-ack, reset, no-response, ...
  std::string service;  // -sV / the services table: ssh, telnet, http, ...
  std::string product;
  std::string version;
  std::string extrainfo;  // "SNMPv1 server; net-snmp SNMPv3 server (public)"
  std::string tunnel;     // "ssl" when nmap found TLS in front of the service
  std::vector<std::string> cpes;

  bool is_open() const { return state == "open"; }
};

struct OsGuess {
  std::string name;
  int accuracy = 0;  // percent
};

struct Host {
  std::string status;  // up, down, unknown
  std::string ipv4;
  std::string ipv6;
  std::string mac;  // upper-case, as nmap writes it
  std::string vendor;
  std::vector<std::string> hostnames;
  std::vector<Port> ports;
  std::vector<OsGuess> os;
  int line = 0;  // where the host's element starts

  bool is_up() const { return status == "up"; }
  // The address the host is known by: IPv4, else IPv6, else MAC.
  const std::string& address() const;
};

struct ScanSummary {
  std::string scanner_version;  // nmaprun@version
  std::string args;             // the command line nmap ran
  std::string started;          // nmaprun@startstr
  bool finished = false;        // runstats/finished was present
  std::uint64_t hosts = 0;
  std::uint64_t hosts_up = 0;
};

// Reads `in` (named `source` in errors) on a thread of its own from the
// moment it is made, up to kAhead hosts ahead of the caller: the reading
// overlaps what the caller does before and while it takes the hosts.
class NmapXmlReader {
 public:
  static constexpr std::size_t kAhead = 65536;

  NmapXmlReader(std::istream& in, std::string source);  // `in` outlives the reader
  NmapXmlReader(const NmapXmlReader&) = delete;
  NmapXmlReader& operator=(const NmapXmlReader&) = delete;
  ~NmapXmlReader();  // stops the reading at the next host

  // Calls `on_host` on this thread for every <host> in document order; once.
  [[nodiscard]] Result<ScanSummary> read(const std::function<void(Host&&)>& on_host);

 private:
  struct Pipe;
  std::string source_;
  std::unique_ptr<Pipe> pipe_;
  std::future<Result<ScanSummary>> outcome_;
  std::jthread parser_;  // last: stopped and joined first
};

// Streams `in` (named `source` in errors): `on_host` is called for every
// <host> in document order.
[[nodiscard]] Result<ScanSummary> read_nmap_xml(std::istream& in, const std::string& source,
                                                const std::function<void(Host&&)>& on_host);

}  // namespace etguard::iot
