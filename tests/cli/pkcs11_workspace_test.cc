// A workspace whose ledger key lives on a PKCS#11 token (SoftHSM2): the key
// is generated there, every checkpoint is signed there, and the workspace
// holds only the token's URI. Skipped when SoftHSM2 is not installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_etguard.h"

namespace {

constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";

class Pkcs11Workspace : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kModule)) {
      GTEST_SKIP() << "SoftHSM2 is not installed";
    }
    dir_ = std::filesystem::temp_directory_path() / ("etg-p11ws-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "tokens");
    std::ofstream(dir_ / "softhsm2.conf") << "directories.tokendir = " << (dir_ / "tokens").string()
                                          << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    env_ = "LANG=C.UTF-8 SOFTHSM2_CONF=" + (dir_ / "softhsm2.conf").string();
    ASSERT_EQ(std::system(("env " + env_ +
                           " softhsm2-util --init-token --free --label etguard --so-pin 5678 "
                           "--pin 1234 >/dev/null")
                              .c_str()),
              0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  etguard::testing::RunOutcome run(const std::string& arguments, bool with_pin = true) {
    return etguard::testing::run_etguard("--workspace " + (dir_ / "ws").string() + " " + arguments,
                                         env_ + (with_pin ? " ETGUARD_PKCS11_PIN=1234" : ""));
  }

  std::filesystem::path dir_;
  std::string env_;
};

TEST_F(Pkcs11Workspace, TheLedgerIsSignedOnTheToken) {
  const std::string uri =
      std::string("'pkcs11:token=etguard;object=ledger?module-path=") + kModule + "'";
  const auto init = etguard::testing::run_etguard(
      "init " + (dir_ / "ws").string() + " --key-uri " + uri, env_ + " ETGUARD_PKCS11_PIN=1234");
  ASSERT_EQ(init.exit_code, 0) << init.err;
  const auto keys = dir_ / "ws" / ".etguard" / "keys";
  EXPECT_FALSE(std::filesystem::exists(keys / "ledger.key"))
      << "no key file when the key is on a token";
  const std::string stored = etguard::testing::slurp(keys / "ledger.uri");
  EXPECT_NE(stored.find("object=ledger"), std::string::npos) << stored;
  EXPECT_EQ(stored.find("1234"), std::string::npos) << "the PIN is never stored";

  const std::string demo = std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml";
  ASSERT_EQ(run("registers import " + demo).exit_code, 0);
  const auto verified = nlohmann::json::parse(run("ledger verify --json").out);
  EXPECT_EQ(verified["ok"], true);
  EXPECT_GT(verified["checkpoints"].get<int>(), 0);

  // Without the PIN the token refuses, and the user is told how to give it.
  const auto locked = run("registers import " + demo, false);
  EXPECT_NE(locked.exit_code, 0);
  EXPECT_NE(locked.err.find("ETGUARD_PKCS11_PIN"), std::string::npos) << locked.err;

  // The examiner's check: the export verifies against the token's public key.
  ASSERT_EQ(run("ledger export --out " + (dir_ / "ledger.jsonl").string()).exit_code, 0);
  const std::string header = etguard::testing::slurp(dir_ / "ledger.jsonl");
  const std::string key = nlohmann::json::parse(header.substr(0, header.find('\n')))["public_key"];
  EXPECT_EQ(etguard::testing::run_etguard("ledger verify --file " +
                                          (dir_ / "ledger.jsonl").string() + " --public-key " + key)
                .exit_code,
            0);
}

TEST_F(Pkcs11Workspace, TheUsersKeysLiveOnTheTokenAndNeedItsPin) {
  ASSERT_EQ(etguard::testing::run_etguard("init " + (dir_ / "ws").string()).exit_code, 0);
  const std::string uri =
      std::string("'pkcs11:token=etguard;object=users?module-path=") + kModule + "'";
  const auto kept = run("user keys --uri " + uri);
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_NE(kept.out.find("object=users"), std::string::npos) << kept.out;
  const std::string add =
      "user add mei --role admin --password-file " + (dir_ / "password.txt").string();
  std::ofstream(dir_ / "password.txt") << "correct horse 42 battery\n";
  const auto locked = run(add, false);
  EXPECT_NE(locked.exit_code, 0);
  EXPECT_NE(locked.err.find("ETGUARD_PKCS11_PIN"), std::string::npos) << locked.err;
  const auto added = run(add);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "ws" / ".etguard" / "keys" / "auth.key"));
  const auto moved = run("user keys --uri " + uri);
  EXPECT_EQ(moved.exit_code, 2);
  EXPECT_NE(moved.err.find("1 users already"), std::string::npos) << moved.err;
  const auto ledger = run("ledger export");
  EXPECT_NE(ledger.out.find("auth.key_uri"), std::string::npos);
}

}  // namespace

namespace {

TEST_F(Pkcs11Workspace, PseudonymsAreKeyedInsideTheToken) {
  const auto corpus = dir_ / "app.log";
  std::ofstream(corpus) << "{\"id_no\":\"A123456789\"}\n{\"again\":\"A123456789\"}\n";
  const std::string uri =
      std::string("'pkcs11:token=etguard;object=pseudonyms?module-path=") + kModule + "'";
  std::string first;
  for (const char* out : {"p1.log", "p2.log"}) {
    const auto run = etguard::testing::run_etguard("scan pii " + corpus.string() + " --mask " +
                                                       (dir_ / out).string() +
                                                       " --mask-mode pseudonym --key-uri " + uri,
                                                   env_ + " ETGUARD_PKCS11_PIN=1234");
    EXPECT_EQ(run.exit_code, 1) << run.err;
  }
  const std::string masked = etguard::testing::slurp(dir_ / "p1.log");
  EXPECT_EQ(masked, etguard::testing::slurp(dir_ / "p2.log")) << "the same key on the token";
  const auto token = masked.find("TW_NATIONAL_ID:");
  ASSERT_NE(token, std::string::npos) << masked;
  // Both occurrences of the value map to one token; the value itself is gone.
  EXPECT_NE(masked.find(masked.substr(token, 31), token + 1), std::string::npos) << masked;
  EXPECT_EQ(masked.find("A123456789"), std::string::npos);
}

}  // namespace
