#include "checks/iot/inventory/check.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/iot_device.h"

namespace etguard::iot_checks::inventory {
namespace {

iot::Device registered(std::string id, std::string address) {
  iot::Device device = testing::iot_device(std::move(id), std::move(address));
  device.mac = "00:11:22:33:44:15";
  return device;
}

std::vector<std::string> codes(const check::Assessment& assessment) {
  std::vector<std::string> out;
  for (const check::Reason& reason : assessment.reasons) {
    out.push_back(reason.code);
  }
  return out;
}

struct InventoryScene {
  std::vector<iot::Device> devices;
  iot::Reconciliation reconciliation;

  InventoryScene() {
    devices = {registered("cctv-hq", "192.0.2.15")};
    reconciliation.scan.finished = true;
    reconciliation.devices.push_back(iot::DeviceSighting{});
    iot::DeviceSighting& sighting = reconciliation.devices.back();
    sighting.device = &devices.front();
    sighting.seen = true;
    sighting.seen_address = "192.0.2.15";
    sighting.seen_mac = "00:11:22:33:44:15";
  }
  std::optional<check::Assessment> judge() const {
    return evaluate(IotEvidence{&reconciliation, nullptr, nullptr, true});
  }
};

TEST(IotInventory, PassesWhenTheNetworkIsTheRegister) {
  const InventoryScene scene;
  const auto assessment = scene.judge();
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, check::Verdict::kPass);
  EXPECT_TRUE(assessment->reasons.empty());
  EXPECT_EQ(assessment->evidence["seen"], 1);
}

TEST(IotInventory, FailsOnAnUnregisteredHostAndNamesIt) {
  InventoryScene scene;
  scene.reconciliation.unknown.push_back({"192.0.2.99", "AA:BB:CC:00:00:99", "Espressif", "", {}});
  const auto assessment = scene.judge();
  EXPECT_EQ(assessment->verdict, check::Verdict::kFail);
  EXPECT_EQ(codes(*assessment), std::vector<std::string>{"IOT_NOT_IN_REGISTER"});
  EXPECT_NE(assessment->reasons[0].en.find("192.0.2.99 (Espressif)"), std::string::npos);
  EXPECT_EQ(assessment->evidence["unregistered_hosts"][0]["address"], "192.0.2.99");
}

TEST(IotInventory, FailsOnEachWayTheRegisterDiffersFromTheNetwork) {
  InventoryScene moved;
  moved.reconciliation.devices[0].found_by_mac = true;
  moved.reconciliation.devices[0].seen_address = "192.0.2.77";
  EXPECT_EQ(codes(*moved.judge()), std::vector<std::string>{"IOT_ADDRESS_CHANGED"});

  InventoryScene swapped;
  swapped.reconciliation.devices[0].seen_mac = "00:11:22:33:44:99";
  EXPECT_EQ(codes(*swapped.judge()), std::vector<std::string>{"IOT_MAC_CHANGED"});

  InventoryScene absent;
  absent.reconciliation.devices[0].seen = false;
  EXPECT_EQ(codes(*absent.judge()), std::vector<std::string>{"IOT_NOT_SEEN"});

  InventoryScene extra;
  extra.reconciliation.devices[0].undeclared = {{"tcp", 23}};
  const auto assessment = extra.judge();
  EXPECT_EQ(codes(*assessment), std::vector<std::string>{"IOT_UNDECLARED_PORT"});
  EXPECT_NE(assessment->reasons[0].en.find("23/tcp"), std::string::npos);
  EXPECT_EQ(assessment->verdict, check::Verdict::kFail);
}

TEST(IotInventory, EveryDeviceWithAProblemIsNamedUnderItsCode) {
  InventoryScene scene;
  scene.devices.reserve(30);
  for (int i = 0; i < 25; ++i) {
    scene.devices.push_back(
        registered(fmt::format("cam-{}", i), fmt::format("192.0.2.{}", 100 + i)));
  }
  scene.reconciliation.devices.clear();
  for (const iot::Device& device : scene.devices) {
    iot::DeviceSighting sighting;
    sighting.device = &device;
    scene.reconciliation.devices.push_back(sighting);  // none seen
  }
  const auto assessment = scene.judge();
  ASSERT_EQ(codes(*assessment), std::vector<std::string>{"IOT_NOT_SEEN"});
  const std::string& text = assessment->reasons[0].en;
  EXPECT_EQ(text.rfind("entries not seen up in the scan: iot/cctv-hq (192.0.2.15); iot/cam-0 ", 0),
            0U)
      << text;
  EXPECT_NE(text.find("iot/cam-18 (192.0.2.118) … and 6 more"), std::string::npos) << text;
}

TEST(IotInventory, AnEntryMustRecordWhatArticle22Names) {
  InventoryScene scene;
  scene.devices[0].location.clear();
  scene.devices[0].manager.clear();
  scene.reconciliation.devices[0].unreadable_ports = {"https"};
  const auto assessment = scene.judge();
  EXPECT_EQ(codes(*assessment),
            (std::vector<std::string>{"IOT_ENTRY_INCOMPLETE", "IOT_PORT_UNREADABLE"}));
  EXPECT_NE(assessment->reasons[0].en.find("location (details.location), manager (owner)"),
            std::string::npos)
      << assessment->reasons[0].en;
}

TEST(IotInventory, ASensorMayReportThroughAGatewayWithoutAnAddress) {
  InventoryScene scene;
  scene.devices[0].unmanaged_sensor = true;
  scene.devices[0].address.clear();
  scene.devices[0].ports_text.clear();
  scene.reconciliation.devices[0].seen = false;
  EXPECT_TRUE(scene.judge()->reasons.empty());
  scene.devices[0].connection.clear();
  EXPECT_EQ(codes(*scene.judge()), std::vector<std::string>{"IOT_ENTRY_INCOMPLETE"});
}

TEST(IotInventory, ClosedDeclaredPortsAndAnUnfinishedScanOnlyWarn) {
  InventoryScene scene;
  scene.reconciliation.devices[0].declared_closed = {{"tcp", 443}};
  scene.reconciliation.scan.finished = false;
  const auto assessment = scene.judge();
  EXPECT_EQ(codes(*assessment),
            (std::vector<std::string>{"IOT_DECLARED_PORT_CLOSED", "IOT_SCAN_UNFINISHED"}));
  EXPECT_EQ(assessment->verdict, check::Verdict::kPass);
}

TEST(IotInventory, SaysOnceThatNoOtherZoneWasScanned) {
  const InventoryScene scene;
  const IotPolicy none{.today = "2026-12-06", .update_months = 12, .zones = {}};
  const IotPolicy office{.today = "2026-12-06", .update_months = 12, .zones = {"office"}};
  const auto without = evaluate(IotEvidence{&scene.reconciliation, nullptr, &none, true});
  EXPECT_EQ(codes(*without), std::vector<std::string>{"IOT_ZONES_NOT_SCANNED"});
  EXPECT_EQ(without->verdict, check::Verdict::kPass);
  EXPECT_TRUE(
      evaluate(IotEvidence{&scene.reconciliation, nullptr, &office, true})->reasons.empty());
}

TEST(IotInventory, JudgesTheInventoryNotADevice) {
  const InventoryScene scene;
  EXPECT_FALSE(evaluate(IotEvidence{nullptr, &scene.reconciliation.devices[0], nullptr, true}));
}

}  // namespace
}  // namespace etguard::iot_checks::inventory
