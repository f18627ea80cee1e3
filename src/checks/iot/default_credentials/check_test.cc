#include "checks/iot/default_credentials/check.h"

#include <gtest/gtest.h>

#include "support/iot_device.h"

namespace etguard::iot_checks::default_credentials {
namespace {

iot::ProbeOutcome outcome(std::string service, int port, iot::ProbeAccess access,
                          std::string user = "", std::string listed_at = "") {
  iot::ProbeOutcome made;
  made.service = std::move(service);
  made.port = {.protocol = service == "snmp" ? "udp" : "tcp", .number = port};
  made.access = access;
  made.user = std::move(user);
  made.listed_at = std::move(listed_at);
  made.attempts = 3;
  made.note = "answer";
  return made;
}

struct ProbeScene {
  iot::Device device = testing::iot_device("nvr-1", "10.20.0.5");
  iot::DeviceSighting sighting;

  explicit ProbeScene(std::vector<iot::ProbeOutcome> probes, bool probed = true) {
    sighting.device = &device;
    sighting.seen = true;
    sighting.probed = probed;
    sighting.probes = std::move(probes);
  }
  std::optional<check::Assessment> judge(bool with_evidence = true) const {
    return evaluate(IotEvidence{nullptr, &sighting, nullptr, with_evidence});
  }
};

TEST(IotDefaultCredentials, NoFindingWithoutProbes) {
  const ProbeScene scene({}, false);
  EXPECT_FALSE(scene.judge());
}

TEST(IotDefaultCredentials, EveryServiceRefusingEveryCredentialPasses) {
  const ProbeScene scene({outcome("mqtt", 1883, iot::ProbeAccess::kRefused),
                          outcome("snmp", 161, iot::ProbeAccess::kRefused)});
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_TRUE(assessment.reasons.empty());
  EXPECT_EQ(assessment.evidence["probes"][0]["access"], "refused");
  EXPECT_FALSE(assessment.evidence["probes"][0].contains("user"));
}

TEST(IotDefaultCredentials, NoLoginOrADefaultCredentialFailsAndThePasswordIsMasked) {
  const ProbeScene scene(
      {outcome("mqtt", 1883, iot::ProbeAccess::kOpen),
       outcome("ftp", 21, iot::ProbeAccess::kDefaultAccepted, "admin", "built-in:15")});
  const check::Assessment assessment = *scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  ASSERT_EQ(assessment.reasons.size(), 2U);
  EXPECT_EQ(assessment.reasons[0].code, "IOT_NO_AUTHENTICATION");
  EXPECT_NE(assessment.reasons[0].en.find("mqtt 1883/tcp"), std::string::npos);
  EXPECT_EQ(assessment.reasons[1].code, "IOT_DEFAULT_CREDENTIAL");
  EXPECT_NE(assessment.reasons[1].en.find("ftp 21/tcp user 'admin' ****, listed at built-in:15"),
            std::string::npos)
      << assessment.reasons[1].en;
  EXPECT_EQ(assessment.evidence["probes"][1]["password"], "****");
  EXPECT_EQ(assessment.evidence["probes"][1]["listed_at"], "built-in:15");
}

TEST(IotDefaultCredentials, WhatTheProbesCouldNotDecideIsNeverAPass) {
  const ProbeScene unclear({outcome("mqtt", 1883, iot::ProbeAccess::kRefused),
                            outcome("http", 80, iot::ProbeAccess::kUnclear)});
  const check::Assessment judged = *unclear.judge();
  EXPECT_EQ(judged.verdict, check::Verdict::kError);
  ASSERT_EQ(judged.reasons.size(), 1U);
  EXPECT_EQ(judged.reasons[0].code, "IOT_PROBE_UNCLEAR");
  const ProbeScene nothing({});
  EXPECT_EQ(nothing.judge()->verdict, check::Verdict::kError);
  EXPECT_EQ(nothing.judge()->reasons[0].code, "IOT_NOTHING_PROBED");
  const ProbeScene silent({outcome("ftp", 21, iot::ProbeAccess::kUnreachable)});
  EXPECT_EQ(silent.judge()->verdict, check::Verdict::kError);
  const ProbeScene failed({outcome("ftp", 21, iot::ProbeAccess::kUnreachable),
                           outcome("mqtt", 1883, iot::ProbeAccess::kOpen)});
  EXPECT_EQ(failed.judge()->verdict, check::Verdict::kFail);
}

TEST(IotDefaultCredentials, WithoutEvidenceTheVerdictAndReasonsAreTheSame) {
  const ProbeScene scene(
      {outcome("ftp", 21, iot::ProbeAccess::kDefaultAccepted, "root", "built-in:16")});
  const check::Assessment with = *scene.judge(true);
  const check::Assessment without = *scene.judge(false);
  EXPECT_EQ(without.verdict, with.verdict);
  ASSERT_EQ(without.reasons.size(), with.reasons.size());
  EXPECT_EQ(without.reasons[0].en, with.reasons[0].en);
  EXPECT_TRUE(without.evidence.empty());
}

}  // namespace
}  // namespace etguard::iot_checks::default_credentials
