#include "checks/iot/exposure/check.h"

#include <gtest/gtest.h>

#include "support/iot_device.h"

namespace etguard::iot_checks::exposure {
namespace {

struct ExposureScene {
  iot::Device device = testing::iot_device("door-3f", "10.20.0.40");
  iot::DeviceSighting sighting;
  IotPolicy policy{.today = "2026-12-06", .update_months = 12, .zones = {"office"}};

  ExposureScene() {
    device.zones = "security, nvr";
    sighting.device = &device;
    sighting.seen = true;
    sighting.seen_address = device.address;
  }
  check::Assessment judge(bool with_evidence = true) const {
    return *evaluate(IotEvidence{nullptr, &sighting, &policy, with_evidence});
  }
};

std::vector<std::string> codes(const check::Assessment& assessment) {
  std::vector<std::string> out;
  for (const check::Reason& reason : assessment.reasons) {
    out.push_back(reason.code + (reason.warning ? " (warning)" : ""));
  }
  return out;
}

TEST(IotExposure, AnInternalDeviceNoOtherZoneReachesPasses) {
  const ExposureScene scene;
  const check::Assessment assessment = scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_TRUE(assessment.reasons.empty());
}

TEST(IotExposure, WithoutEvidenceTheVerdictAndReasonsAreTheSame) {
  ExposureScene scene;
  scene.sighting.reachable_from = {{"office", {{"tcp", 23}}}};
  const check::Assessment full = scene.judge(true);
  const check::Assessment bare = scene.judge(false);
  EXPECT_EQ(bare.verdict, check::Verdict::kFail);
  EXPECT_EQ(bare.verdict, full.verdict);
  ASSERT_EQ(codes(bare), codes(full));
  EXPECT_EQ(bare.reasons[0].en, full.reasons[0].en);
  EXPECT_FALSE(full.evidence.empty());
  EXPECT_TRUE(bare.evidence.empty());
}

TEST(IotExposure, APublicAddressNeedsAFirewall) {
  ExposureScene scene;
  scene.sighting.seen_address = "8.8.4.4";
  EXPECT_EQ(codes(scene.judge()), std::vector<std::string>{"IOT_PUBLIC_ADDRESS"});
  EXPECT_EQ(scene.judge().verdict, check::Verdict::kFail);
  scene.device.firewall = "FW-3F allowlist";
  EXPECT_EQ(codes(scene.judge()), std::vector<std::string>{"IOT_PUBLIC_BEHIND_FIREWALL (warning)"});
  EXPECT_EQ(scene.judge().verdict, check::Verdict::kPass);
}

TEST(IotExposure, AZoneNotAllowedThatReachesItFails) {
  ExposureScene scene;
  scene.sighting.reachable_from = {{"office", {{"tcp", 23}, {"tcp", 443}}},
                                   {"nvr", {{"tcp", 443}}}};
  const check::Assessment assessment = scene.judge();
  EXPECT_EQ(codes(assessment), std::vector<std::string>{"IOT_REACHABLE_FROM_ZONE"});
  EXPECT_EQ(assessment.reasons[0].en,
            "iot/door-3f: reachable from zones details.zones does not allow: office on 23/tcp, "
            "443/tcp");
  EXPECT_EQ(assessment.evidence["reachable_from"][1]["allowed"], true);
}

TEST(IotExposure, WithoutAScanFromAnotherZoneOnlyTheAddressIsJudged) {
  ExposureScene scene;
  scene.policy.zones.clear();
  EXPECT_TRUE(scene.judge().reasons.empty());
  EXPECT_EQ(scene.judge().evidence["zones_scanned"].size(), 0U);
}

TEST(IotExposure, AWirelessDeviceNeedsWpa2OrWpa3AndMacBinding) {
  ExposureScene scene;
  scene.device.connection = "Wi-Fi (3F AP)";
  EXPECT_EQ(codes(scene.judge()),
            (std::vector<std::string>{"IOT_WIRELESS_UNRECORDED", "IOT_WIRELESS_NO_MAC_BINDING"}));
  scene.device.wifi_security = "WEP";
  scene.device.mac_binding = "yes";
  EXPECT_EQ(codes(scene.judge()), std::vector<std::string>{"IOT_WIRELESS_WEAK"});
  EXPECT_EQ(scene.judge().verdict, check::Verdict::kFail);
  scene.device.wifi_security = "WPA3-Enterprise";
  EXPECT_TRUE(scene.judge().reasons.empty());
  EXPECT_EQ(scene.judge().evidence["wireless"], true);
  scene.device.connection = "wired";
  scene.device.wifi_security.clear();
  scene.device.mac_binding.clear();
  EXPECT_TRUE(scene.judge().reasons.empty());
}

TEST(PublicAddress, PrivateSharedLoopbackAndDocumentationSpaceAreNotPublic) {
  for (const char* inside : {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1",
                             "169.254.1.1", "100.64.0.1", "192.0.2.15", "::1", "fe80::1", "fd00::5",
                             "2001:db8::5", "::ffff:10.0.0.1", "not an address", ""}) {
    EXPECT_FALSE(iot::is_public_address(inside)) << inside;
  }
  for (const char* outside :
       {"8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860::8888", "::ffff:8.8.8.8"}) {
    EXPECT_TRUE(iot::is_public_address(outside)) << outside;
  }
}

}  // namespace
}  // namespace etguard::iot_checks::exposure
