#include "checks/iot/services/check.h"

#include <gtest/gtest.h>

#include "support/iot_device.h"

namespace etguard::iot_checks::services {
namespace {

iot::Port open_port(std::string protocol, int number, std::string service, std::string tunnel = "",
                    std::string extrainfo = "") {
  iot::Port port;
  port.protocol = std::move(protocol);
  port.number = number;
  port.state = "open";
  port.service = std::move(service);
  port.tunnel = std::move(tunnel);
  port.extrainfo = std::move(extrainfo);
  return port;
}

struct ServiceScene {
  iot::Device device = testing::iot_device("cctv-hq", "");
  iot::DeviceSighting sighting;

  explicit ServiceScene(std::vector<iot::Port> ports) {
    sighting.device = &device;
    sighting.seen = true;
    sighting.open_ports = std::move(ports);
  }
  check::Assessment judge() const {
    return *evaluate(IotEvidence{nullptr, &sighting, nullptr, true});
  }
};

std::vector<std::string> codes(const check::Assessment& assessment) {
  std::vector<std::string> out;
  for (const check::Reason& reason : assessment.reasons) {
    out.push_back(reason.code + (reason.warning ? " (warning)" : ""));
  }
  return out;
}

TEST(IotServices, CleartextAndUnnecessaryServicesFail) {
  const ServiceScene scene({open_port("tcp", 23, "telnet"), open_port("tcp", 2121, "ftp"),
                            open_port("tcp", 80, "http"), open_port("tcp", 1883, "mqtt"),
                            open_port("udp", 1900, "upnp")});
  const check::Assessment assessment = scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  EXPECT_EQ(codes(assessment), (std::vector<std::string>{"IOT_TELNET", "IOT_FTP", "IOT_HTTP",
                                                         "IOT_MQTT", "IOT_UPNP"}));
  EXPECT_EQ(assessment.reasons[1].en,
            "iot/cctv-hq: FTP without TLS (cleartext credentials): 2121/tcp");
}

TEST(IotServices, TheSameServicesInsideTlsPass) {
  const ServiceScene scene({open_port("tcp", 443, "http", "ssl"),
                            open_port("tcp", 8883, "mqtt", "ssl"), open_port("tcp", 22, "ssh")});
  const check::Assessment assessment = scene.judge();
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_TRUE(assessment.reasons.empty());
  EXPECT_EQ(assessment.evidence["open_ports"].size(), 3U);
}

TEST(IotServices, WithoutServiceDetectionTheWellKnownPortDecides) {
  const ServiceScene scene({open_port("tcp", 23, ""), open_port("tcp", 8023, "")});
  EXPECT_EQ(codes(scene.judge()), std::vector<std::string>{"IOT_TELNET"});
}

TEST(IotServices, SnmpFailsWhenItAnnouncesV1OrV2cAndWarnsWhenUnknown) {
  const ServiceScene v1(
      {open_port("udp", 161, "snmp", "", "SNMPv1 server; net-snmp SNMPv3 server")});
  EXPECT_EQ(codes(v1.judge()), std::vector<std::string>{"IOT_SNMP_V1_V2C"});
  const ServiceScene unknown({open_port("udp", 161, "")});
  EXPECT_EQ(codes(unknown.judge()), std::vector<std::string>{"IOT_SNMP_VERSION_UNKNOWN (warning)"});
  EXPECT_EQ(unknown.judge().verdict, check::Verdict::kPass);
}

TEST(IotServices, EveryPortOfAServiceIsNamed) {
  const ServiceScene scene({open_port("tcp", 80, "http"), open_port("tcp", 8081, "http")});
  const check::Assessment assessment = scene.judge();
  ASSERT_EQ(assessment.reasons.size(), 1U);
  EXPECT_EQ(assessment.reasons[0].en,
            "iot/cctv-hq: HTTP without TLS (a cleartext web interface): 80/tcp; 8081/tcp");
}

TEST(IotServices, RtspOnlyWarns) {
  const ServiceScene scene({open_port("tcp", 554, "rtsp")});
  EXPECT_EQ(codes(scene.judge()), std::vector<std::string>{"IOT_RTSP (warning)"});
  const ServiceScene alternate({open_port("tcp", 8554, "rtsp-alt")});  // nmap's name without -sV
  EXPECT_EQ(codes(alternate.judge()), std::vector<std::string>{"IOT_RTSP (warning)"});
}

TEST(IotServices, NoFindingForADeviceNotSeen) {
  ServiceScene scene({});
  scene.sighting.seen = false;
  EXPECT_FALSE(evaluate(IotEvidence{nullptr, &scene.sighting, nullptr, true}));
}

}  // namespace
}  // namespace etguard::iot_checks::services
