// Fuzz target: nmap XML (outside input: a file a user hands to `scan iot`)
// through the streaming reader and the reconciliation against a small
// register. Invariants: every port handed over has a number 0-65535; a
// refused document says where; the summary counts the hosts up handed over;
// the reconciliation accounts for no more hosts up than there were.
#include <cstdint>
#include <sstream>
#include <string>

#include "iot/inventory.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::vector<etguard::iot::Device> devices = {
      {"cam",   "camera", "ops",      "192.0.2.15", "00:11:22:33:44:15",
       "wired", "B1",     "443, 554", false,        "",
       "",      "",       "cctv",     "",           "",
       "",      "",       false,      "",           ""},
      {"pbx", "pbx",   "ops",  "2001:db8::5",
       "",    "Wi-Fi", "B1",   "5060, 161/udp",
       false, "",      "",     "",
       "",    "",      "WPA2", "yes",
       "",    false,   "",     ""},
  };
  etguard::iot::Reconciler reconciler(devices, {"192.0.2.99"});
  std::uint64_t up = 0;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  auto summary = etguard::iot::read_nmap_xml(in, "fuzz.xml", [&](etguard::iot::Host&& host) {
    for (const etguard::iot::Port& port : host.ports) {
      if (port.number < 0 || port.number > 65535) {
        __builtin_trap();
      }
    }
    up += host.is_up() ? 1U : 0U;
    reconciler.add(std::move(host));
  });
  if (!summary) {
    if (summary.error().message.rfind("fuzz.xml:", 0) != 0) {
      __builtin_trap();
    }
    return 0;
  }
  if (summary->hosts_up != up) {
    __builtin_trap();
  }
  const etguard::iot::Reconciliation result = reconciler.finish(*summary);
  std::uint64_t accounted = result.unknown.size() + result.ignored;
  for (const etguard::iot::DeviceSighting& sighting : result.devices) {
    accounted += sighting.seen ? 1U : 0U;
  }
  // A device seen twice (two hosts with its address) is counted once.
  if (accounted > up) {
    __builtin_trap();
  }
  return 0;
}
