// Keeps the check folders, the registrations, the metadata and the catalog
// in step: a check that exists but is not registered, is registered but has
// no folder, or cites a requirement the catalog lacks fails here.
#include "checks/registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "catalog/data/embedded.h"
#include "checks/tls/reasons.h"

namespace etguard::checks {
namespace {

namespace fs = std::filesystem;
const fs::path kChecks = fs::path(ETG_SOURCE_DIR) / "src" / "checks";

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// "collector.name" for every src/checks/<collector>/<name>/check.cc.
std::set<std::string> check_folders() {
  std::set<std::string> ids;
  for (const auto& collector : fs::directory_iterator(kChecks)) {
    if (!collector.is_directory()) {
      continue;
    }
    for (const auto& folder : fs::directory_iterator(collector.path())) {
      if (folder.is_directory() && fs::exists(folder.path() / "check.cc")) {
        ids.insert(collector.path().filename().string() + "." + folder.path().filename().string());
      }
    }
  }
  return ids;
}

TEST(CheckRegistry, EveryFolderIsRegisteredOnceAndEveryRegistrationHasAFolder) {
  std::set<std::string> registered;
  for (const check::CheckInfo* info : all_checks()) {
    EXPECT_TRUE(registered.insert(std::string(info->id)).second)
        << "registered twice: " << info->id;
  }
  EXPECT_EQ(registered, check_folders());
  const std::string registry = read(kChecks / "registry.cc");
  const std::regex line(R"(\{&\w+::(\w+)::metadata, &\w+::(\w+)::evaluate\})");
  std::size_t lines = 0;
  for (auto it = std::sregex_iterator(registry.begin(), registry.end(), line);
       it != std::sregex_iterator(); ++it) {
    EXPECT_EQ((*it)[1], (*it)[2]) << "a registration must pair a check's own metadata and function";
    ++lines;
  }
  EXPECT_EQ(lines, registered.size());
}

TEST(CheckRegistry, EveryFolderHasItsHeaderAndTests) {
  for (const std::string& id : check_folders()) {
    const fs::path folder = kChecks / id.substr(0, id.find('.')) / id.substr(id.find('.') + 1);
    EXPECT_TRUE(fs::exists(folder / "check.h")) << id;
    EXPECT_TRUE(fs::exists(folder / "check_test.cc")) << id;
  }
}

// Adding a family is its folder, one registry line and one CLI file: the
// folder holds the family's one runner, which turns collected data into
// findings, and every family with checks has one.
TEST(CheckRegistry, EveryFamilyHasOneRunner) {
  std::set<std::string> families;
  for (const std::string& id : check_folders()) {
    families.insert(id.substr(0, id.find('.')));
  }
  EXPECT_EQ(families,
            (std::set<std::string>{"ai", "authlog", "cloud", "iot", "mobile", "pii", "tls"}));
  for (const std::string& family : families) {
    EXPECT_TRUE(fs::exists(kChecks / family / "run.h")) << family;
    EXPECT_TRUE(fs::exists(kChecks / family / "run.cc")) << family;
    const std::string runner = read(kChecks / family / "run.cc");
    EXPECT_NE(runner.find("checks::" + family + "_checks()"), std::string::npos)
        << family << "/run.cc must run the family's registered checks";
  }
}

TEST(CheckRegistry, MetadataIsCompleteAndCitesRealRequirements) {
  const catalog::Catalog& requirements = catalog::embedded_catalog();
  for (const check::CheckInfo* info : all_checks()) {
    EXPECT_FALSE(info->title.zh.empty() || info->title.en.empty()) << info->id;
    EXPECT_FALSE(info->rationale.zh.empty() || info->rationale.en.empty()) << info->id;
    EXPECT_FALSE(info->remediation.zh.empty() || info->remediation.en.empty()) << info->id;
    // A check proves a requirement, or at least supports one.
    EXPECT_FALSE(info->node_ids.empty() && info->partial_node_ids.empty()) << info->id;
    for (std::string_view node : info->node_ids) {
      EXPECT_NE(requirements.node(node), nullptr) << info->id << " cites " << node;
    }
    for (std::string_view node : info->partial_node_ids) {
      EXPECT_NE(requirements.node(node), nullptr) << info->id << " cites " << node;
      EXPECT_EQ(std::ranges::find(info->node_ids, node), info->node_ids.end())
          << info->id << " both proves and partly supports " << node;
    }
  }
}

// Issue 17: TLS shows the transport's replay protection and the server's
// signatures, not the application's (ET-34.4, 34.5); PII over prompt logs
// shows no personal data reached generative AI, not no confidential data.
TEST(CheckRegistry, ClaimsBeyondWhatACheckSeesArePartial) {
  for (const check::CheckInfo* info : all_checks()) {
    for (const char* node : {"ET-34.4", "ET-34.5", "ET-53.2"}) {
      EXPECT_EQ(std::ranges::find(info->node_ids, node), info->node_ids.end())
          << info->id << " claims to prove " << node;
    }
  }
  const auto partly = [](std::string_view check_id, std::string_view node) {
    return std::ranges::any_of(all_checks(), [&](const check::CheckInfo* info) {
      return info->id == check_id &&
             std::ranges::find(info->partial_node_ids, node) != info->partial_node_ids.end();
    });
  };
  EXPECT_TRUE(partly("tls.protocol", "ET-34.4"));
  EXPECT_TRUE(partly("tls.certificate", "ET-34.5"));
  EXPECT_TRUE(partly("pii.sensitive_data", "ET-53.2"));
  // The prompt-log scan sees personal data, classification markings and
  // credentials the gateway logged, not unmarked business secrets nor prompts
  // that bypass the gateway.
  EXPECT_TRUE(partly("ai.genai_prompts", "ET-53.2"));
  // A network scan sees the network, not the inventory's yearly update or the
  // physical controls (Art. 22), nor what other zones reach (Art. 25).
  EXPECT_TRUE(partly("iot.inventory", "ET-22"));
  EXPECT_TRUE(partly("iot.services", "ET-25"));
  EXPECT_TRUE(partly("iot.updates", "ET-23"));
  EXPECT_TRUE(partly("iot.exposure", "ET-25"));
}

TEST(CheckRegistry, TlsChecksCoverTheArticle34FamilyOfRequirements) {
  std::set<std::string> covered;
  for (const check::CheckInfo* info : all_checks()) {
    covered.insert(info->node_ids.begin(), info->node_ids.end());
    covered.insert(info->partial_node_ids.begin(), info->partial_node_ids.end());
  }
  for (const char* node :
       {"ET-34.1", "ET-34.2", "ET-34.3", "ET-34.4", "ET-34.5", "ET-36.2", "ET-8.2.1", "ET-8.7.1"}) {
    EXPECT_TRUE(covered.contains(node)) << node;
  }
}

TEST(CheckRegistry, EveryReasonCodeUsedIsDefinedAndDocumented) {
  std::set<std::string> defined;
  for (const auto& code : tls_checks::reason_codes()) {
    defined.insert(std::string(code.code));
    EXPECT_EQ(code.warning, code.code.starts_with("W_")) << code.code;
  }
  const std::regex use(R"re(reason\("([A-Z0-9_]+)")re");
  const std::regex suite_problem(R"re("((?:KX|CIPHER|MAC)_[A-Z0-9_]+)")re");
  for (const auto& entry : fs::recursive_directory_iterator(kChecks / "tls")) {
    if (entry.path().extension() != ".cc" ||
        entry.path().filename().string().ends_with("_test.cc")) {
      continue;
    }
    const std::string text = read(entry.path());
    for (const std::regex& pattern : {use, suite_problem}) {
      for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
           it != std::sregex_iterator(); ++it) {
        EXPECT_TRUE(defined.contains((*it)[1])) << entry.path() << " uses undefined " << (*it)[1];
      }
    }
  }
  const std::string docs = read(fs::path(ETG_SOURCE_DIR) / "docs" / "tls-checks.md");
  for (const std::string& code : defined) {
    EXPECT_NE(docs.find("`" + code + "`"), std::string::npos)
        << code << " is not documented in docs/tls-checks.md";
  }
}

}  // namespace
}  // namespace etguard::checks

namespace etguard::checks {
namespace {

TEST(CheckRegistry, EveryAuthlogFindingTypeIsJudgedByExactlyTheRightCheck) {
  EXPECT_EQ(authlog_check_for("lockout_not_enforced")->id, "authlog.lockout");
  EXPECT_EQ(authlog_check_for("single_factor_login")->id, "authlog.multi_factor");
  EXPECT_EQ(authlog_check_for("stale_password_not_prompted")->id, "authlog.password_age");
  EXPECT_EQ(authlog_check_for("trade_without_notification")->id, "authlog.notification");
  EXPECT_EQ(authlog_check_for("credential_stuffing")->id, "authlog.daily_monitoring");
  EXPECT_EQ(authlog_check_for("no_such_type"), nullptr);
}

}  // namespace
}  // namespace etguard::checks
