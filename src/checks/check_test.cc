#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "checks/output.h"
#include "checks/parallel.h"
#include "checks/targets.h"

namespace etguard::check {
namespace {

TEST(Targets, HostsPortsAndIpv6) {
  auto plain = parse_target("trade.example.com", 443, "argument 1");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->host, "trade.example.com");
  EXPECT_EQ(plain->port, 443);
  auto with_port = parse_target("10.0.0.5:8443", 443, "argument 1");
  ASSERT_TRUE(with_port);
  EXPECT_EQ(with_port->host, "10.0.0.5");
  EXPECT_EQ(with_port->port, 8443);
  auto v6 = parse_target("[::1]:4433", 443, "argument 1");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 4433);
  EXPECT_EQ(v6->text, "[::1]:4433");
  auto bare_v6 = parse_target("2001:db8::1", 443, "argument 1");
  ASSERT_TRUE(bare_v6);
  EXPECT_EQ(bare_v6->host, "2001:db8::1");
  EXPECT_EQ(bare_v6->port, 443);
}

TEST(Targets, BadTargetsSayWhereAndWhy) {
  EXPECT_EQ(parse_target("host:99999", 443, "argument 2").error().message,
            "argument 2: 'host:99999' has an invalid port '99999' (1-65535)");
  EXPECT_EQ(parse_target("[::1:443", 443, "argument 1").error().message,
            "argument 1: '[::1:443' lacks the closing ']'");
  EXPECT_FALSE(parse_target(":443", 443, "x"));
  EXPECT_FALSE(parse_target("a b:443", 443, "x"));
}

TEST(Targets, FileWithCommentsAndALineNumberedError) {
  const std::string path = "/tmp/etguard-targets-" + std::to_string(::getpid()) + ".txt";
  std::ofstream(path) << "# endpoints\n\nweb.example.com\n127.0.0.1:8443  # staging\n";
  auto targets = read_targets_file(path, 443);
  ASSERT_TRUE(targets);
  ASSERT_EQ(targets->size(), 2U);
  EXPECT_EQ((*targets)[1].port, 8443);
  std::ofstream(path) << "ok.example\nbad:port\n";
  auto bad = read_targets_file(path, 443);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, path + ":2: 'bad:port' has an invalid port 'port' (1-65535)");
}

TEST(Parallel, RunsEveryIndexOnceWithinTheLimit) {
  std::vector<std::atomic<int>> seen(100);
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  for_each_parallel(seen.size(), 4, [&](std::size_t i) {
    const int now = ++running;
    int expected = peak.load();
    while (now > expected && !peak.compare_exchange_weak(expected, now)) {
    }
    ++seen[i];
    --running;
  });
  for (const auto& count : seen) {
    EXPECT_EQ(count.load(), 1);
  }
  EXPECT_LE(peak.load(), 4);
}

const std::string_view kNodes[] = {"ET-34.1"};
const CheckInfo kInfo{.id = "tls.example",
                      .title = {.zh = "範例", .en = "Example"},
                      .node_ids = kNodes,
                      .severity = Severity::kHigh,
                      .rationale = {.zh = "理由", .en = "why"},
                      .remediation = {.zh = "修正", .en = "fix"}};

Finding failing_finding() {
  Finding finding;
  finding.check = &kInfo;
  finding.target = "host:443";
  finding.started_at = "2026-11-26T10:00:00Z";
  finding.finished_at = "2026-11-26T10:00:01Z";
  finding.assessment = Assessment::from_reasons(
      {Reason{.code = "PROTO_LEGACY", .en = "legacy", .zh = "舊版", .warning = false},
       Reason{.code = "W_UNTRUSTED", .en = "untrusted", .zh = "不受信任", .warning = true}},
      {{"protocols", {"TLSv1.0"}}});
  return finding;
}

TEST(Findings, VerdictFollowsFailingReasonsNotWarnings) {
  EXPECT_EQ(failing_finding().assessment.verdict, Verdict::kFail);
  auto only_warning =
      Assessment::from_reasons({Reason{.code = "W_X", .en = "w", .zh = "w", .warning = true}}, {});
  EXPECT_EQ(only_warning.verdict, Verdict::kPass);
}

TEST(Findings, JsonLinesRecordIsVersionedAndComplete) {
  const auto json = finding_json(failing_finding());
  EXPECT_EQ(json["kind"], "finding");
  EXPECT_EQ(json["format_version"], kFindingFormatVersion);
  EXPECT_EQ(json["check_id"], "tls.example");
  EXPECT_EQ(json["node_ids"][0], "ET-34.1");
  EXPECT_EQ(json["verdict"], "fail");
  EXPECT_EQ(json["reasons"], nlohmann::ordered_json::parse(R"(["PROTO_LEGACY"])"));
  EXPECT_EQ(json["warnings"], nlohmann::ordered_json::parse(R"(["W_UNTRUSTED"])"));
  EXPECT_EQ(json["message"]["zh"], "舊版；不受信任");
  EXPECT_EQ(json["evidence"]["protocols"][0], "TLSv1.0");
}

TEST(Findings, OcsfDetectionFinding) {
  const auto json = ocsf_detection_finding(failing_finding());
  EXPECT_EQ(json["class_uid"], 2004);
  EXPECT_EQ(json["category_uid"], 2);
  EXPECT_EQ(json["type_uid"], 200401);
  EXPECT_EQ(json["severity_id"], 4);
  EXPECT_EQ(json["time"], 1795687201000LL);
  EXPECT_EQ(json["compliance"]["status"], "Fail");
  EXPECT_EQ(json["compliance"]["requirements"][0], "ET-34.1");
  EXPECT_EQ(json["finding_info"]["uid"], "tls.example|host:443");
  EXPECT_EQ(json["resources"][0]["name"], "host:443");
}

}  // namespace
}  // namespace etguard::check
