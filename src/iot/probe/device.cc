#include <algorithm>

#include "iot/probe/probe.h"

namespace etguard::iot::probe {
namespace {

struct KnownService {
  std::string_view service;
  std::string_view nmap_names[3];
  std::string_view protocol;
  int port;
  ProbeOutcome (*probe)(const Target&, Credentials, const ProbeLimits&, Pacer&);
};

constexpr KnownService kKnown[] = {
    {"mqtt", {"mqtt"}, "tcp", 1883, &probe_mqtt},
    {"snmp", {"snmp"}, "udp", 161, &probe_snmp},
    {"http", {"http", "http-alt", "http-proxy"}, "tcp", 80, &probe_http},
    {"ftp", {"ftp"}, "tcp", 21, &probe_ftp},
    {"ssh", {"ssh"}, "tcp", 22, &probe_ssh},
    {"telnet", {"telnet"}, "tcp", 23, &probe_telnet},
    {"rtsp", {"rtsp", "rtsp-alt"}, "tcp", 554, &probe_rtsp},
};

const KnownService* known_service(const Port& port) {
  if (port.tunnel == "ssl") {
    return nullptr;
  }
  for (const KnownService& known : kKnown) {
    // nmap's full -sV names a Mosquitto broker by its product ("mosquitto version 2.0.11").
    const bool mosquitto = known.service == "mqtt" && port.service.starts_with("mosquitto");
    const bool named =
        !port.service.empty() && port.protocol == known.protocol &&
        (mosquitto || std::ranges::find(known.nmap_names, std::string_view(port.service)) !=
                          std::end(known.nmap_names));
    const bool by_port =
        port.service.empty() && port.protocol == known.protocol && port.number == known.port;
    if (named || by_port) {
      return &known;
    }
  }
  return nullptr;
}

}  // namespace

std::string_view probe_service(const Port& port) {
  const KnownService* known = known_service(port);
  return known == nullptr ? std::string_view() : known->service;
}

bool speaks_tls(const Port& port) {
  constexpr std::string_view kTlsServices[] = {"https",       "https-alt", "ssl",
                                               "secure-mqtt", "rtsps",     "ftps"};
  constexpr int kTlsPorts[] = {443, 8443, 8883, 990, 322};
  if (port.protocol != "tcp") {
    return false;
  }
  return port.tunnel == "ssl" ||
         std::ranges::find(kTlsServices, std::string_view(port.service)) !=
             std::end(kTlsServices) ||
         (port.service.empty() && std::ranges::find(kTlsPorts, port.number) != std::end(kTlsPorts));
}

void probe_device(DeviceSighting& sighting, const std::vector<Credential>& credentials,
                  const ProbeLimits& limits, Pacer& pacer) {
  if (!sighting.seen || sighting.found_by_mac) {
    return;  // only the address the register records is probed
  }
  sighting.probed = true;
  for (const Port& port : sighting.open_ports) {
    const KnownService* known = known_service(port);
    if (known == nullptr) {
      continue;
    }
    std::vector<const Credential*> listed;
    for (const Credential& credential : credentials) {
      if (credential.service == known->service) {
        listed.push_back(&credential);
      }
    }
    const Target target{.address = sighting.device->address,
                        .port = {.protocol = port.protocol, .number = port.number}};
    sighting.probes.push_back(known->probe(target, listed, limits, pacer));
  }
}

}  // namespace etguard::iot::probe
