#include "iot/inventory.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/iot_device.h"

namespace etguard::iot {
namespace {

Device device(std::string id, std::string address, std::string mac, std::string ports) {
  Device made = testing::iot_device(std::move(id), std::move(address), std::move(ports));
  made.mac = std::move(mac);
  return made;
}

Reconciliation reconcile_lab(const std::vector<Device>& devices,
                             std::unordered_set<std::string> not_iot = {}) {
  Reconciler reconciler(devices, std::move(not_iot));
  std::ifstream in(std::string(ETG_SOURCE_DIR) + "/src/iot/testdata/lab.xml", std::ios::binary);
  auto summary =
      read_nmap_xml(in, "lab.xml", [&](Host&& host) { reconciler.add(std::move(host)); });
  EXPECT_TRUE(summary);
  return reconciler.finish(summary.value_or(ScanSummary{}));
}

TEST(DeclaredPorts, ReadsPortsWithProtocolsAndKeepsWhatIsNotAPort) {
  const DeclaredPorts declared = parse_declared_ports("443, 554;161/udp 554 https 70000 80/xyz");
  ASSERT_EQ(declared.ports.size(), 3U);
  EXPECT_EQ(declared.ports[0].text(), "443/tcp");
  EXPECT_EQ(declared.ports[1].text(), "554/tcp");
  EXPECT_EQ(declared.ports[2].text(), "161/udp");
  EXPECT_EQ(declared.unreadable, (std::vector<std::string>{"https", "70000", "80/xyz"}));
}

TEST(Reconciler, KeepsServiceCpesOnlyWhenAsked) {
  const std::vector<Device> devices = {device("cctv-hq", "192.0.2.15", "", "23, 443, 554")};
  for (const bool keep : {false, true}) {
    Reconciler reconciler(devices, {});
    if (keep) {
      reconciler.keep_service_cpes();
    }
    std::ifstream in(std::string(ETG_SOURCE_DIR) + "/src/iot/testdata/lab.xml", std::ios::binary);
    auto summary =
        read_nmap_xml(in, "lab.xml", [&](Host&& host) { reconciler.add(std::move(host)); });
    ASSERT_TRUE(summary);
    const Reconciliation result = reconciler.finish(*summary);
    const Port& telnet = result.devices[0].open_ports.at(0);
    ASSERT_EQ(telnet.number, 23);
    EXPECT_EQ(telnet.cpes, keep ? std::vector<std::string>{"cpe:/a:busybox:busybox"}
                                : std::vector<std::string>{});
  }
}

TEST(Reconciler, MatchesByAddressThenByMacAndListsTheRest) {
  const std::vector<Device> devices = {
      device("cctv-hq", "192.0.2.15", "00:11:22:33:44:15", "443, 554"),
      device("pbx-hq", "192.0.2.30", "00-11-22-33-44-31", "5060, 161/udp, 80"),
      device("door-3f", "192.0.2.40", "00:11:22:33:44:40", "1883"),
      device("hvac", "192.0.2.60", "", "502"),
      device("sensor-5", "2001:db8::5", "", "8883"),
  };
  const Reconciliation result = reconcile_lab(devices);
  ASSERT_EQ(result.devices.size(), 5U);
  const DeviceSighting& camera = result.devices[0];
  EXPECT_TRUE(camera.seen);
  EXPECT_FALSE(camera.found_by_mac);
  ASSERT_EQ(camera.undeclared.size(), 2U);  // telnet and UPnP, not 443 or 554
  EXPECT_EQ(camera.undeclared[0].text(), "23/tcp");
  EXPECT_EQ(camera.undeclared[1].text(), "1900/udp");
  EXPECT_TRUE(camera.declared_closed.empty());

  const DeviceSighting& pbx = result.devices[1];
  EXPECT_TRUE(pbx.seen);
  EXPECT_EQ(pbx.seen_mac, "00:11:22:33:44:30");  // the register says ...:31
  EXPECT_TRUE(pbx.undeclared.empty());
  ASSERT_EQ(pbx.declared_closed.size(), 1U);  // 80 was probed and filtered
  EXPECT_EQ(pbx.declared_closed[0].text(), "80/tcp");

  const DeviceSighting& door = result.devices[2];  // moved: found by its MAC at .77
  EXPECT_TRUE(door.seen);
  EXPECT_TRUE(door.found_by_mac);
  EXPECT_EQ(door.seen_address, "192.0.2.77");

  EXPECT_FALSE(result.devices[3].seen);
  EXPECT_TRUE(result.devices[4].seen);  // by IPv6

  ASSERT_EQ(result.unknown.size(), 1U);
  EXPECT_EQ(result.unknown[0].address, "192.0.2.99");
  EXPECT_EQ(result.unknown[0].vendor, "Espressif");
  EXPECT_EQ(result.scan.hosts_up, 5U);
}

TEST(Reconciler, HostsListedAsNotIotAreCountedNotReported) {
  const Reconciliation result = reconcile_lab({}, {"192.0.2.99", "AA:BB:CC:00:00:99"});
  EXPECT_EQ(result.ignored, 1U);
  EXPECT_EQ(result.unknown.size(), 4U);
}

TEST(Reconciler, TwoEntriesWithOneAddressAreReported) {
  const Reconciliation result =
      reconcile_lab({device("a", "192.0.2.15", "", "443"), device("b", "192.0.2.15", "", "554")});
  EXPECT_EQ(result.duplicate_addresses, std::vector<std::string>{"192.0.2.15"});
}

TEST(Mac, DashesAndCaseDoNotMatter) {
  EXPECT_EQ(normalize_mac("aa-bb-cc-0d-ee-ff"), "AA:BB:CC:0D:EE:FF");
}

}  // namespace
}  // namespace etguard::iot
