#include "checks/iot/known_vulnerable/check.h"

#include <gtest/gtest.h>

#include "support/iot_device.h"

namespace etguard::iot_checks::known_vulnerable {
namespace {

iot::KnownVulnerability advisory(std::string_view id) {
  return {.advisory = id,
          .summary = "a command injection",
          .severity = "CRITICAL 9.8",
          .source = "nvd.json: record 1",
          .vendor = "hikvision",
          .product = "ds-2cd2032-i_firmware",
          .name = 0};
}

struct Scene {
  iot::Device device = testing::iot_device("cctv-hq", "10.20.0.15");
  iot::DeviceSighting sighting;
  IotPolicy policy{.today = "2026-12-06", .zones = {"internal"}};

  Scene() {
    sighting.device = &device;
    sighting.seen = true;
    sighting.feed_checked = true;
    sighting.known_as = {{"hikvision", "ds-2cd2032-i_firmware", "5.4.0", "details.cpe"}};
  }
  void vulnerable() {
    sighting.vulnerabilities = {advisory("CVE-2021-36260")};
    device.exception = true;
  }
  void planned() {
    device.replacement_plan = "IT-2026-031 (replace with DS-2CD2043G2)";
    device.replacement_due = "2027-03-31";
  }
  std::optional<check::Assessment> judge(bool with_evidence = true) const {
    return evaluate(IotEvidence{nullptr, &sighting, &policy, with_evidence});
  }
};

std::vector<std::string> codes(const check::Assessment& assessment) {
  std::vector<std::string> out;
  for (const check::Reason& reason : assessment.reasons) {
    out.push_back(reason.code);
  }
  return out;
}

TEST(IotKnownVulnerable, NoFindingWithoutAFeed) {
  Scene scene;
  scene.sighting.feed_checked = false;
  EXPECT_FALSE(scene.judge());
}

TEST(IotKnownVulnerable, ADeviceNoAdvisoryAffectsPasses) {
  const Scene scene;
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_TRUE(assessment.reasons.empty());
  EXPECT_EQ(assessment.evidence["known_as"][0],
            "hikvision ds-2cd2032-i_firmware 5.4.0 (details.cpe)");
  EXPECT_TRUE(assessment.evidence["advisories"].empty());
}

TEST(IotKnownVulnerable, AVulnerableDeviceWithoutPlanOrIsolationFails) {
  Scene scene;
  scene.vulnerable();
  scene.sighting.reachable_from = {{"internal", {{"tcp", 443}}}};
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  EXPECT_EQ(codes(assessment),
            (std::vector<std::string>{"IOT_KNOWN_VULNERABILITY", "IOT_NO_REPLACEMENT_PLAN",
                                      "IOT_VULNERABLE_NOT_ISOLATED"}));
  EXPECT_EQ(assessment.reasons[0].en, "iot/cctv-hq: affected by CVE-2021-36260");
  EXPECT_NE(assessment.reasons[2].en.find("internal reaches 443/tcp"), std::string::npos);
  EXPECT_EQ(assessment.evidence["advisories"][0]["id"], "CVE-2021-36260");
  EXPECT_EQ(assessment.evidence["advisories"][0]["severity"], "CRITICAL 9.8");
  EXPECT_EQ(assessment.evidence["advisories"][0]["product"], "hikvision ds-2cd2032-i_firmware");
  EXPECT_EQ(assessment.evidence["advisories"][0]["version"], "5.4.0");
  EXPECT_EQ(assessment.evidence["advisories"][0]["matched_by"], "details.cpe");
}

TEST(IotKnownVulnerable, AVulnerableDeviceTheRegisterDoesNotMarkAsAnExceptionFails) {
  Scene scene;
  scene.vulnerable();
  scene.planned();
  scene.device.exception = false;
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  EXPECT_EQ(codes(assessment),
            (std::vector<std::string>{"IOT_KNOWN_VULNERABILITY", "IOT_EXCEPTION_NOT_REGISTERED"}));
}

TEST(IotKnownVulnerable, AnIsolatedDeviceWithACurrentPlanPasses) {
  Scene scene;
  scene.vulnerable();
  scene.planned();
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_EQ(codes(assessment), std::vector<std::string>{"IOT_KNOWN_VULNERABILITY"});
  EXPECT_TRUE(assessment.reasons[0].warning);
  EXPECT_EQ(assessment.evidence["replacement_plan"], "IT-2026-031 (replace with DS-2CD2043G2)");
}

TEST(IotKnownVulnerable, APlanPastItsDateFails) {
  Scene scene;
  scene.vulnerable();
  scene.planned();
  scene.device.replacement_due = "2026-06-30";
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  EXPECT_EQ(codes(assessment).back(), "IOT_REPLACEMENT_OVERDUE");
}

TEST(IotKnownVulnerable, ReachableOnlyFromAnAllowedZoneIsAWarning) {
  Scene scene;
  scene.vulnerable();
  scene.planned();
  scene.device.zones = "cctv, nvr";
  scene.sighting.reachable_from = {{"nvr", {{"tcp", 554}}}};
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_EQ(codes(assessment).back(), "IOT_VULNERABLE_REACHABLE_ALLOWED");
  EXPECT_TRUE(assessment.reasons.back().warning);
}

TEST(IotKnownVulnerable, WithoutAZoneScanIsolationIsNotJudged) {
  Scene scene;
  scene.vulnerable();
  scene.planned();
  scene.policy.zones = {};
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kError);
  EXPECT_EQ(codes(assessment).back(), "IOT_ISOLATION_UNKNOWN");
  // A known failure is still a failure.
  scene.device.replacement_plan = "";
  EXPECT_EQ(scene.judge()->verdict, check::Verdict::kFail);
}

TEST(IotKnownVulnerable, TheRegistersExceptionIsJudgedWithoutAnAdvisory) {
  Scene scene;
  scene.device.exception = true;
  scene.sighting.known_as = {};
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  EXPECT_EQ(codes(assessment), std::vector<std::string>{"IOT_NO_REPLACEMENT_PLAN"});
  EXPECT_EQ(assessment.evidence["exception_in_register"], true);
}

TEST(IotKnownVulnerable, ADeviceNothingNamesIsAnErrorNotAPass) {
  Scene scene;
  scene.sighting.known_as = {};
  const check::Assessment assessment = *scene.judge(false);
  EXPECT_EQ(assessment.verdict, check::Verdict::kError);
  EXPECT_EQ(codes(assessment), std::vector<std::string>{"IOT_DEVICE_UNIDENTIFIED"});
  EXPECT_TRUE(assessment.evidence.empty());
}

TEST(IotKnownVulnerable, ANameWithoutVersionIsSaid) {
  Scene scene;
  scene.sighting.known_as.push_back({"busybox", "busybox", "", "nmap cpe on 23/tcp"});
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_EQ(codes(assessment), std::vector<std::string>{"IOT_VERSION_UNKNOWN"});
}

}  // namespace
}  // namespace etguard::iot_checks::known_vulnerable
