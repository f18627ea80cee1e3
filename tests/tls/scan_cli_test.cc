// `etguard scan tls` end to end: the binary against in-process loopback
// servers — output formats, the endpoint record, exit codes, bad input.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "../cli/run_etguard.h"
#include "support/test_pki.h"
#include "support/test_servers.h"

namespace etguard::testing {
namespace {

using Json = nlohmann::json;

const Credential& good_credential() {
  static const Credential credential = issue(ec_key("P-256"), test_ca());
  return credential;
}

void modern(SSL_CTX* ctx) {
  SSL_CTX_use_certificate(ctx, good_credential().cert.get());
  SSL_CTX_use_PrivateKey(ctx, good_credential().key.get());
  SSL_CTX_set1_groups_list(ctx, "X25519:P-256");
  SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256");
}

void legacy(SSL_CTX* ctx) {
  modern(ctx);
  SSL_CTX_set_security_level(ctx, 0);
  SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
  SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA");
}

std::vector<Json> lines(const std::string& text) {
  std::vector<Json> records;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    records.push_back(Json::parse(line));
  }
  return records;
}

TEST(ScanTlsCli, JsonLinesHasAFindingPerCheckAndTheEndpointRecord) {
  OpenSslServer good(modern);
  OpenSslServer bad(legacy);
  const auto run = run_etguard("scan tls --ca " + test_ca_file() + " --format jsonl " +
                               good.target() + " " + bad.target());
  EXPECT_EQ(run.exit_code, 1) << run.err;  // one endpoint fails
  const auto records = lines(run.out);
  ASSERT_EQ(records.size(), 12U);  // (5 findings + 1 endpoint) x 2
  const Json& good_endpoint = records[5];
  EXPECT_EQ(good_endpoint["kind"], "endpoint");
  EXPECT_EQ(good_endpoint["target"], good.target());
  EXPECT_EQ(good_endpoint["verdict"], "pass");
  EXPECT_EQ(good_endpoint["reasons"], Json::array());
  EXPECT_GT(good_endpoint["handshakes"].get<int>(), 3);
  const Json& bad_endpoint = records[11];
  EXPECT_EQ(bad_endpoint["verdict"], "fail");
  EXPECT_EQ(bad_endpoint["reasons"], Json::parse(R"(["PROTO_LEGACY","MAC_SHA1"])"));
  EXPECT_EQ(records[6]["check_id"], "tls.protocol");
  EXPECT_EQ(records[6]["node_ids"][0], "ET-34.1");
  EXPECT_EQ(records[6]["verdict"], "fail");
}

TEST(ScanTlsCli, AllPassingExitsZeroAndOcsfIsDetectionFindings) {
  OpenSslServer good(modern);
  const auto run =
      run_etguard("scan tls --ca " + test_ca_file() + " --format ocsf " + good.target());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const auto records = lines(run.out);
  ASSERT_EQ(records.size(), 5U);
  for (const Json& record : records) {
    EXPECT_EQ(record["class_uid"], 2004);
    EXPECT_EQ(record["compliance"]["status"], "Pass");
  }
}

TEST(ScanTlsCli, TableIsBilingual) {
  OpenSslServer good(modern);
  const auto en = run_etguard("scan tls --lang en --ca " + test_ca_file() + " " + good.target());
  EXPECT_NE(en.out.find("VERDICT"), std::string::npos);
  EXPECT_NE(en.out.find("pass"), std::string::npos);
  const auto zh = run_etguard("scan tls --lang zh-TW --ca " + test_ca_file() + " " + good.target());
  EXPECT_NE(zh.out.find("判定"), std::string::npos);
  EXPECT_NE(zh.out.find("符合"), std::string::npos);
  EXPECT_TRUE(zh.err.empty()) << "no progress output when stderr is not a terminal";
}

TEST(ScanTlsCli, BadInputNamesWhereAndExitsTwo) {
  const auto port = run_etguard("scan tls 127.0.0.1:70000");
  EXPECT_EQ(port.exit_code, 2);
  EXPECT_NE(port.err.find("argument 1: '127.0.0.1:70000' has an invalid port"), std::string::npos)
      << port.err;
  const std::string targets = "/tmp/etguard-targets-cli-" + std::to_string(::getpid());
  std::ofstream(targets) << "127.0.0.1:443\n\n[::1:443\n";
  const auto file = run_etguard("scan tls --targets " + targets);
  EXPECT_EQ(file.exit_code, 2);
  EXPECT_NE(file.err.find(targets + ":3: '[::1:443' lacks the closing ']'"), std::string::npos)
      << file.err;
  const auto ca = run_etguard("scan tls --ca /nonexistent.pem 127.0.0.1:443");
  EXPECT_EQ(ca.exit_code, 2);
  EXPECT_NE(ca.err.find("/nonexistent.pem"), std::string::npos);
  const auto none = run_etguard("scan tls");
  EXPECT_EQ(none.exit_code, 2);
}

std::mutex sni_lock;
std::vector<std::string> sni_seen;

int record_sni(SSL* ssl, int* /*alert*/, void* /*arg*/) {
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  const std::lock_guard lock(sni_lock);
  sni_seen.emplace_back(name != nullptr ? name : "");
  return SSL_TLSEXT_ERR_OK;
}

TEST(ScanTlsCli, SendsTheHostNameAsSniUnlessTold) {
  OpenSslServer server([](SSL_CTX* ctx) {
    modern(ctx);
    // SSL_CTX_set_tlsext_servername_callback without its C-style cast.
    SSL_CTX_callback_ctrl(ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB,
                          reinterpret_cast<void (*)()>(record_sni));
  });
  const std::string port = server.target().substr(server.target().rfind(':') + 1);
  ASSERT_EQ(run_etguard("scan tls --ca " + test_ca_file() + " localhost:" + port).exit_code, 0);
  {
    const std::lock_guard lock(sni_lock);
    ASSERT_FALSE(sni_seen.empty());
    EXPECT_EQ(sni_seen.back(), "localhost");
    sni_seen.clear();
  }
  run_etguard("scan tls --sni trade.example.com --ca " + test_ca_file() + " 127.0.0.1:" + port);
  {
    const std::lock_guard lock(sni_lock);
    ASSERT_FALSE(sni_seen.empty());
    EXPECT_EQ(sni_seen.back(), "trade.example.com");
    sni_seen.clear();
  }
  run_etguard("scan tls --ca " + test_ca_file() + " 127.0.0.1:" + port);
  const std::lock_guard lock(sni_lock);
  for (const std::string& name : sni_seen) {
    EXPECT_EQ(name, "") << "no SNI for an address literal";
  }
}

// Issue 15.24: a port that accepts and hangs up on every hello could not be
// assessed; it is not a definite fail.
TEST(ScanTlsCli, AServerThatHangsUpAtOnceCouldNotBeAssessed) {
  HangUpServer server;
  const auto run = run_etguard("scan tls --format jsonl " + server.target());
  EXPECT_EQ(run.exit_code, 1);
  const auto records = lines(run.out);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.back()["verdict"], "error") << records.back().dump();
  EXPECT_NE(records.back()["error"].get<std::string>().find("without answering"),
            std::string::npos);
}

TEST(ScanTlsCli, UnreachableTargetIsAnErrorVerdict) {
  std::string target;
  {
    OpenSslServer gone(modern);
    target = gone.target();
  }
  const auto run = run_etguard("scan tls --format jsonl " + target);
  EXPECT_EQ(run.exit_code, 1);
  const auto records = lines(run.out);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.back()["verdict"], "error");
  EXPECT_NE(records.back()["error"].get<std::string>().find("refused"), std::string::npos);
}

TEST(ScanTlsCli, ImportRecordsFindingsAsEvidenceForTheTradingSystem) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("etg-scan-import-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string ws = "--workspace " + (dir / "ws").string() + " ";
  ASSERT_EQ(run_etguard("init " + (dir / "ws").string()).exit_code, 0);
  const std::string demo = std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml";
  ASSERT_EQ(run_etguard(ws + "registers import " + demo).exit_code, 0);
  OpenSslServer good(modern);

  // Without --object the target must be listed in a register entry's details.endpoints.
  const auto unmatched =
      run_etguard(ws + "scan tls --import --ca " + test_ca_file() + " " + good.target());
  EXPECT_EQ(unmatched.exit_code, 2);
  EXPECT_NE(unmatched.err.find("details.endpoints"), std::string::npos) << unmatched.err;

  const auto run = run_etguard(ws + "scan tls --import --object trading/web-trading --ca " +
                               test_ca_file() + " " + good.target());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("imported"), std::string::npos);
  const Json listed = Json::parse(run_etguard(ws + "evidence list --json").out);
  std::set<std::string> nodes;
  for (const Json& item : listed["evidence"]) {
    EXPECT_EQ(item["kind"], "scan");
    EXPECT_EQ(item["object"], "trading/web-trading");
    EXPECT_EQ(item["verdict"], "pass");
    nodes.insert(item["requirement"].get<std::string>());
  }
  // ET-8.2.1 and ET-8.7.1 are about cloud services: they do not apply to a trading system.
  EXPECT_EQ(nodes, (std::set<std::string>{"ET-34.1", "ET-34.2", "ET-34.3", "ET-34.4", "ET-34.5",
                                          "ET-36.2"}));
  EXPECT_EQ(run_etguard(ws + "evidence verify").exit_code, 0);
  EXPECT_EQ(Json::parse(run_etguard(ws + "ledger verify --json").out)["ok"], true);
  std::filesystem::remove_all(dir);
}

// A scan workspace with the demo firm's registers, removed at the end.
class ScanImportWorkspace {
 public:
  explicit ScanImportWorkspace(const std::string& name)
      : dir_(std::filesystem::temp_directory_path() /
             ("etg-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir_);
    EXPECT_EQ(run_etguard("init " + (dir_ / "ws").string()).exit_code, 0);
    const std::string demo = std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml";
    EXPECT_EQ(run_etguard(flag() + "registers import " + demo).exit_code, 0);
  }
  ~ScanImportWorkspace() { std::filesystem::remove_all(dir_); }
  ScanImportWorkspace(const ScanImportWorkspace&) = delete;
  ScanImportWorkspace& operator=(const ScanImportWorkspace&) = delete;

  std::string flag() const { return "--workspace " + (dir_ / "ws").string() + " "; }
  std::filesystem::path evidence_dir() const { return dir_ / "ws/.etguard/evidence"; }
  Json verify() const { return Json::parse(run_etguard(flag() + "ledger verify --json").out); }
  std::size_t scan_records() const {
    return Json::parse(run_etguard(flag() + "evidence list --json").out)["evidence"].size();
  }

 private:
  std::filesystem::path dir_;
};

std::size_t files_under(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) {
    return 0;
  }
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
    count += entry.is_regular_file() ? 1U : 0U;
  }
  return count;
}

TEST(ScanTlsCli, OneImportWritesOneCheckpointForAnyNumberOfFindings) {
  const ScanImportWorkspace ws("scan-checkpoint");
  OpenSslServer first(modern);
  OpenSslServer second(legacy);
  OpenSslServer third(modern);
  const Json before = ws.verify();
  const auto run = run_etguard(ws.flag() + "scan tls --import --object trading/web-trading --ca " +
                               test_ca_file() + " " + first.target() + " " + second.target() + " " +
                               third.target());
  EXPECT_EQ(run.exit_code, 1) << run.err;  // the legacy server fails
  const Json after = ws.verify();
  const std::size_t records = ws.scan_records();
  EXPECT_EQ(records, 30U);  // 3 endpoints x 10 (check, requirement) pairs that apply
  EXPECT_EQ(after["entries"].get<int>() - before["entries"].get<int>(), 30);
  EXPECT_EQ(after["checkpoints"].get<int>() - before["checkpoints"].get<int>(), 1);
  EXPECT_EQ(after["ok"], true);
}

// kill -9 at moments spread over the import, from the first stored document
// on: the workspace holds all of the findings or none, and still verifies.
TEST(ScanTlsCli, AnImportKilledInTheMiddleLeavesNoneOfItsRecords) {
  const ScanImportWorkspace ws("scan-kill");
  std::vector<std::unique_ptr<OpenSslServer>> servers;
  std::string targets;
  for (int i = 0; i < 6; ++i) {
    servers.push_back(std::make_unique<OpenSslServer>(i % 2 == 0 ? modern : legacy));
    targets += " " + servers.back()->target();
  }
  const std::string command =
      std::string(ETG_BINARY_DIR) + "/bin/etguard " + ws.flag() +
      "scan tls --import --object trading/web-trading --format jsonl --ca " + test_ca_file() +
      targets + " >/dev/null 2>&1";
  int killed_while_storing = 0;
  for (int attempt = 0; attempt < 8; ++attempt) {
    const std::size_t files_before = files_under(ws.evidence_dir());
    const std::size_t records_before = ws.scan_records();
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // The findings' documents are stored inside the import's transaction;
    // each attempt waits a little longer after that before the kill.
    bool started = false;
    bool exited = false;
    for (int poll = 0; poll < 400000 && !started && !exited; ++poll) {
      started = files_under(ws.evidence_dir()) > files_before;
      exited = !started && ::waitpid(child, nullptr, WNOHANG) == child;
    }
    if (started) {
      std::this_thread::sleep_for(std::chrono::milliseconds(12 * attempt));
      exited = ::waitpid(child, nullptr, WNOHANG) == child;
      killed_while_storing += exited ? 0 : 1;
    }
    if (!exited) {
      ::kill(child, SIGKILL);
      ::waitpid(child, nullptr, 0);
    }
    const std::size_t added = ws.scan_records() - records_before;
    EXPECT_TRUE(added == 0 || added == 60)
        << "attempt " << attempt << ": a partial import of " << added << " records";
    const Json verified = ws.verify();
    EXPECT_EQ(verified["ok"], true) << verified.dump();
    EXPECT_EQ(run_etguard(ws.flag() + "evidence verify").exit_code, 0);
  }
  EXPECT_GT(killed_while_storing, 0) << "no kill landed while the import was storing";
}

}  // namespace
}  // namespace etguard::testing
