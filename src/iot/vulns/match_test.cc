#include "iot/vulns/match.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/iot_device.h"

namespace etguard::iot::vulns {
namespace {

std::string testdata(std::string_view name) {
  return std::string(ETG_SOURCE_DIR) + "/src/iot/testdata/" + std::string(name);
}

Feed both_feeds() {
  auto feed = read_feeds({testdata("vulns/nvd.json"), testdata("vulns/osv.json")});
  EXPECT_TRUE(feed);
  return feed.value_or(Feed{});
}

Reconciliation reconcile_lab(const std::vector<Device>& devices) {
  Reconciler reconciler(devices, {});
  reconciler.keep_service_cpes();
  std::ifstream in(testdata("lab.xml"), std::ios::binary);
  auto summary =
      read_nmap_xml(in, "lab.xml", [&](Host&& host) { reconciler.add(std::move(host)); });
  EXPECT_TRUE(summary);
  return reconciler.finish(summary.value_or(ScanSummary{}));
}

TEST(Affects, JudgesListedVersionsRangesAndEveryVersion) {
  AffectedProduct product{
      .product = "x", .versions = {"1.0.5"}, .ranges = {{"2.0", true, "2.3", false}}};
  EXPECT_TRUE(affects(product, "1.0.5"));
  EXPECT_FALSE(affects(product, "1.0.6"));
  EXPECT_TRUE(affects(product, "2.0"));
  EXPECT_TRUE(affects(product, "2.2.9"));
  EXPECT_FALSE(affects(product, "2.3"));
  EXPECT_FALSE(affects(product, ""));  // an unknown version is not judged affected by a range
  product.every_version = true;
  EXPECT_TRUE(affects(product, ""));
}

TEST(MatchDevices, FindsTheCameraByItsRegisteredCpeAndTheBrokerByItsObservedVersion) {
  Device camera = testing::iot_device("cctv-hq", "192.0.2.15", "443, 554");
  camera.cpe = "cpe:2.3:o:hikvision:ds-2cd2032-i_firmware:5.4.0:*:*:*:*:*:*:*";
  Device broker = testing::iot_device("mqtt-hq", "192.0.2.77", "1883");
  broker.software = "Mosquitto";
  broker.firmware_version = "2.0.15";  // approved, but the scan saw 2.0.11 running
  Device phone = testing::iot_device("pbx-hq", "192.0.2.30", "5060, 161/udp");
  phone.cpe = "cpe:2.3:o:yealink:sip-t46s_firmware:66.85.0.10:*:*:*:*:*:*:*";
  const std::vector<Device> devices = {camera, broker, phone};
  Reconciliation reconciliation = reconcile_lab(devices);
  const Feed feed = both_feeds();
  match_devices(feed, reconciliation);

  const DeviceSighting& cctv = reconciliation.devices[0];
  EXPECT_TRUE(cctv.feed_checked);
  ASSERT_EQ(cctv.vulnerabilities.size(), 1U);
  EXPECT_EQ(cctv.vulnerabilities[0].advisory, "CVE-2021-36260");
  const KnownName& camera_name = cctv.known_as.at(cctv.vulnerabilities[0].name);
  EXPECT_EQ(camera_name.from, "details.cpe");
  EXPECT_EQ(camera_name.version, "5.4.0");
  EXPECT_EQ(cctv.vulnerabilities[0].vendor, "hikvision");
  EXPECT_EQ(cctv.vulnerabilities[0].product, "ds-2cd2032-i_firmware");
  EXPECT_EQ(cctv.vulnerabilities[0].severity, "CRITICAL 9.8");
  // BusyBox is in the feed, but nmap gave no version: it is listed as known, not judged affected.
  EXPECT_TRUE(std::ranges::any_of(cctv.known_as, [](const KnownName& name) {
    return name.text() == "busybox busybox (version unknown) (nmap cpe on 23/tcp)";
  }));

  const DeviceSighting& mqtt = reconciliation.devices[1];
  ASSERT_EQ(mqtt.vulnerabilities.size(), 1U);
  EXPECT_EQ(mqtt.vulnerabilities[0].advisory, "OSV-EXAMPLE-2021-0001");
  EXPECT_EQ(mqtt.known_as.at(mqtt.vulnerabilities[0].name).version, "2.0.11");
  EXPECT_EQ(mqtt.known_as.at(mqtt.vulnerabilities[0].name).from, "details.software");

  EXPECT_TRUE(reconciliation.devices[2].vulnerabilities.empty());  // 66.85.0.10 is not 66.85.0.5
  EXPECT_TRUE(reconciliation.devices[2].feed_checked);
}

TEST(MatchDevices, AnUnseenDeviceIsMatchedByItsRegisterAlone) {
  Device gateway = testing::iot_device("gw-branch", "192.0.2.200", "443");
  gateway.cpe = "cpe:2.3:o:hikvision:ds-2cd2032-i_firmware:*:*:*:*:*:*:*:*";
  gateway.firmware_version = "5.5.0";
  Device other = testing::iot_device("sensor-1", "192.0.2.201", "");
  const std::vector<Device> devices = {gateway, other};
  Reconciliation reconciliation = reconcile_lab(devices);
  const Feed feed = both_feeds();
  match_devices(feed, reconciliation);
  EXPECT_TRUE(reconciliation.devices[0].vulnerabilities.empty());  // 5.5.0 is the fixed version
  ASSERT_EQ(reconciliation.devices[0].known_as.size(), 1U);
  EXPECT_EQ(reconciliation.devices[0].known_as[0].text(),
            "hikvision ds-2cd2032-i_firmware 5.5.0 (details.cpe)");
  EXPECT_TRUE(reconciliation.devices[1].known_as.empty());
}

TEST(MatchDevices, AnAdvisoryIsListedOnceThoughSeveralNamesMatchIt) {
  Feed feed;
  ASSERT_TRUE(read_feed_text("f.json", R"({"id":"X-1","affected":[{"package":{"name":"mosquitto"},
      "versions":["2.0.11"]},{"package":{"name":"Mosquitto"},"versions":["2.0.11"]}]})",
                             feed));
  Device broker = testing::iot_device("mqtt-hq", "192.0.2.77", "1883");
  broker.software = "mosquitto";
  broker.cpe = "cpe:/a:eclipse:mosquitto";
  const std::vector<Device> devices = {broker};
  Reconciliation reconciliation = reconcile_lab(devices);
  match_devices(feed, reconciliation);
  ASSERT_EQ(reconciliation.devices[0].vulnerabilities.size(), 1U);
  EXPECT_EQ(reconciliation.devices[0].vulnerabilities[0].name, 0U);  // details.cpe, the first name
}

}  // namespace
}  // namespace etguard::iot::vulns
