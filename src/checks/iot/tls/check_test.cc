#include "checks/iot/tls/check.h"

#include <gtest/gtest.h>

#include "support/iot_device.h"

namespace etguard::iot_checks::tls {
namespace {

iot::TlsJudgement judged(int port, std::string verdict, std::vector<std::string> reasons = {},
                         std::vector<std::string> warnings = {}, std::string error = "") {
  return {.port = {.protocol = "tcp", .number = port},
          .verdict = std::move(verdict),
          .reasons = std::move(reasons),
          .warnings = std::move(warnings),
          .protocols = "TLSv1.2 TLSv1.3",
          .error = std::move(error)};
}

struct TlsScene {
  iot::Device device = testing::iot_device("nvr-hq", "");
  iot::DeviceSighting sighting;

  explicit TlsScene(std::vector<iot::TlsJudgement> ports) {
    sighting.device = &device;
    sighting.seen = true;
    sighting.seen_address = "10.0.5.20";
    sighting.tls = std::move(ports);
  }
  [[nodiscard]] std::optional<check::Assessment> judge(bool with_evidence = true) const {
    return evaluate(IotEvidence{nullptr, &sighting, nullptr, with_evidence});
  }
};

TEST(IotTls, PassesWhenTheTlsChecksPassEveryPort) {
  const TlsScene scene({judged(443, "pass"), judged(8883, "pass")});
  const auto assessment = scene.judge();
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, check::Verdict::kPass);
  EXPECT_TRUE(assessment->reasons.empty());
  EXPECT_EQ(assessment->evidence["tls_ports"].size(), 2U);
  EXPECT_EQ(assessment->evidence["tls_ports"][0]["accepted"], "TLSv1.2 TLSv1.3");
}

TEST(IotTls, FailsNamingThePortAndTheTlsChecksCodes) {
  const TlsScene scene(
      {judged(443, "pass"), judged(8443, "fail", {"TLS_PROTOCOL_TLS10", "CERT_UNTRUSTED"})});
  const auto assessment = scene.judge();
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, check::Verdict::kFail);
  ASSERT_EQ(assessment->reasons.size(), 1U);
  EXPECT_EQ(assessment->reasons[0].code, "IOT_TLS_WEAK");
  EXPECT_NE(assessment->reasons[0].en.find("8443/tcp (TLS_PROTOCOL_TLS10, CERT_UNTRUSTED)"),
            std::string::npos)
      << assessment->reasons[0].en;
  EXPECT_NE(assessment->reasons[0].zh.find("8443/tcp（TLS_PROTOCOL_TLS10, CERT_UNTRUSTED）"),
            std::string::npos);
}

TEST(IotTls, APortNotScannedIsNeverAPass) {
  const TlsScene scene({judged(443, "pass"), judged(8443, "error", {}, {}, "timed out")});
  const auto assessment = scene.judge();
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, check::Verdict::kError);
  EXPECT_EQ(assessment->reasons[0].code, "IOT_TLS_NOT_SCANNED");
  EXPECT_NE(assessment->reasons[0].en.find("timed out"), std::string::npos);
  const TlsScene failing({judged(443, "fail", {"TLS_PROTOCOL_TLS11"}), judged(8443, "error")});
  EXPECT_EQ(failing.judge()->verdict, check::Verdict::kFail);  // a failure stays a failure
}

TEST(IotTls, WarningsDoNotChangeTheVerdict) {
  const TlsScene scene({judged(443, "pass", {}, {"CERT_EXPIRES_SOON"})});
  const auto assessment = scene.judge();
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, check::Verdict::kPass);
  ASSERT_EQ(assessment->reasons.size(), 1U);
  EXPECT_TRUE(assessment->reasons[0].warning);
}

TEST(IotTls, NoFindingWithoutATlsPortOrWithoutAScan) {
  EXPECT_FALSE(TlsScene({}).judge());
  EXPECT_FALSE(evaluate(IotEvidence{}));
}

TEST(IotTls, ASummaryCarriesNoEvidence) {
  const TlsScene scene({judged(443, "pass")});
  EXPECT_TRUE(scene.judge(false)->evidence.empty());
}

TEST(IotTls, MapsToArticle25Partly) {
  EXPECT_EQ(metadata().id, "iot.tls");
  ASSERT_EQ(metadata().partial_node_ids.size(), 1U);
  EXPECT_EQ(metadata().partial_node_ids[0], "ET-25");
  EXPECT_TRUE(metadata().node_ids.empty());
}

}  // namespace
}  // namespace etguard::iot_checks::tls
