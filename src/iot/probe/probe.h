// Active probes of `scan iot --probe` (Art. 24: an IoT device has
// authentication and its initial password changed): each logs in to one
// service of a device with no credential, where the protocol allows that,
// then with each listed default credential, and stops at the first that
// works. Opt-in and bounded: one login at a time across every device, at
// most `per_second` a second, each step within `timeout`. Nothing here logs a
// password; an outcome names the credential only by where it is listed.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iot/inventory.h"
#include "iot/probe/credentials.h"

namespace etguard::iot::probe {

struct ProbeLimits {
  std::chrono::milliseconds timeout{2000};  // connect, and each answer
  double per_second = 10;                   // logins a second, over every probe
};

// The global rate limit: wait() returns when the next login may start.
class Pacer {
 public:
  explicit Pacer(double per_second);
  void wait();

 private:
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point next_;
};

struct Target {
  std::string address;  // IPv4 or IPv6, as the register records it
  PortKey port;
};

using Credentials = std::span<const Credential* const>;

ProbeOutcome probe_mqtt(const Target& target, Credentials credentials, const ProbeLimits& limits,
                        Pacer& pacer);
ProbeOutcome probe_snmp(const Target& target, Credentials credentials, const ProbeLimits& limits,
                        Pacer& pacer);
ProbeOutcome probe_http(const Target& target, Credentials credentials, const ProbeLimits& limits,
                        Pacer& pacer);
ProbeOutcome probe_ftp(const Target& target, Credentials credentials, const ProbeLimits& limits,
                       Pacer& pacer);
ProbeOutcome probe_ssh(const Target& target, Credentials credentials, const ProbeLimits& limits,
                       Pacer& pacer);
ProbeOutcome probe_rtsp(const Target& target, Credentials credentials, const ProbeLimits& limits,
                        Pacer& pacer);
ProbeOutcome probe_telnet(const Target& target, Credentials credentials, const ProbeLimits& limits,
                          Pacer& pacer);

// The service of an open port that a probe knows: by nmap's service name,
// else by its well-known port; empty for the others and for ports inside TLS.
std::string_view probe_service(const Port& port);

// Whether an open port speaks TLS: nmap -sV found it inside TLS, or nmap
// names a TLS service, or (with no name) it is a well-known TLS port.
bool speaks_tls(const Port& port);

// Probes each open port of a device the scan saw at its registered address,
// with the credentials listed for that port's service; sets `probed`.
void probe_device(DeviceSighting& sighting, const std::vector<Credential>& credentials,
                  const ProbeLimits& limits, Pacer& pacer);

}  // namespace etguard::iot::probe
