#include "checks/iot/updates/check.h"

#include <gtest/gtest.h>

#include "support/iot_device.h"

namespace etguard::iot_checks::updates {
namespace {

struct UpdateScene {
  iot::Device device = testing::iot_device("cctv-hq", "192.0.2.15");
  iot::DeviceSighting sighting;
  IotPolicy policy{.today = "2026-12-06", .update_months = 12};

  UpdateScene() {
    device.firmware_update = "2026-07-01";
    device.software = "Hikvision IP camera httpd";
    device.firmware_version = "5.7.3";
    sighting.device = &device;
    sighting.seen = true;
    iot::Port port;
    port.protocol = "tcp";
    port.number = 443;
    port.state = "open";
    port.product = "Hikvision IP camera httpd";
    port.version = "5.7.3";
    sighting.open_ports.push_back(port);
  }
  std::optional<check::Assessment> judge() const {
    return evaluate(IotEvidence{nullptr, &sighting, &policy, true});
  }
};

std::vector<std::string> codes(const check::Assessment& assessment) {
  std::vector<std::string> out;
  for (const check::Reason& reason : assessment.reasons) {
    out.push_back(reason.code);
  }
  return out;
}

TEST(IotUpdates, ARecentUpdateAtTheApprovedVersionPasses) {
  const UpdateScene scene;
  const auto assessment = scene.judge();
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, check::Verdict::kPass);
  EXPECT_TRUE(assessment->reasons.empty());
  EXPECT_EQ(assessment->evidence["observed"][0]["version"], "5.7.3");
}

TEST(IotUpdates, NoUpdateOrAnOldOneFails) {
  UpdateScene none;
  none.device.firmware_update.clear();
  EXPECT_EQ(codes(*none.judge()), std::vector<std::string>{"IOT_NO_UPDATE_RECORD"});

  UpdateScene old;
  old.device.firmware_update = "2025-12-05";  // a year and a day
  const auto assessment = old.judge();
  EXPECT_EQ(codes(*assessment), std::vector<std::string>{"IOT_UPDATE_OVERDUE"});
  EXPECT_EQ(assessment->verdict, check::Verdict::kFail);
  old.device.firmware_update = "2025-12-06";  // exactly a year
  EXPECT_TRUE(old.judge()->reasons.empty());
  old.policy.update_months = 6;
  EXPECT_EQ(codes(*old.judge()), std::vector<std::string>{"IOT_UPDATE_OVERDUE"});

  UpdateScene future;
  future.device.firmware_update = "2027-01-01";
  EXPECT_EQ(codes(*future.judge()), std::vector<std::string>{"IOT_UPDATE_DATE_FUTURE"});
}

TEST(IotUpdates, AnotherVersionThanTheApprovedOneFails) {
  UpdateScene scene;
  scene.sighting.open_ports[0].version = "5.4.0";
  const auto assessment = scene.judge();
  EXPECT_EQ(codes(*assessment), std::vector<std::string>{"IOT_VERSION_NOT_APPROVED"});
  EXPECT_NE(assessment->reasons[0].en.find("5.4.0 on 443/tcp, the register approves 5.7.3"),
            std::string::npos)
      << assessment->reasons[0].en;
}

TEST(IotUpdates, AVersionTheScanDidNotShowOnlyWarns) {
  UpdateScene scene;
  scene.sighting.open_ports[0].version.clear();
  const auto assessment = scene.judge();
  EXPECT_EQ(codes(*assessment), std::vector<std::string>{"IOT_VERSION_NOT_SEEN"});
  EXPECT_EQ(assessment->verdict, check::Verdict::kPass);
}

TEST(IotUpdates, SensorsFollowArticle30AndTheInventoryIsNotJudged) {
  UpdateScene scene;
  scene.device.unmanaged_sensor = true;
  EXPECT_FALSE(scene.judge());
  iot::Reconciliation reconciliation;
  EXPECT_FALSE(evaluate(IotEvidence{&reconciliation, nullptr, &scene.policy, true}));
}

}  // namespace
}  // namespace etguard::iot_checks::updates
