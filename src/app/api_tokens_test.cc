// API tokens and pushed findings on a real workspace with a fixed clock: who a
// token acts as, when it stops, what it may record, and the document a scan
// pushes read back exactly (and refused, located, when it is wrong).
#include "app/api_tokens.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "app/findings_push.h"
#include "app/registers.h"
#include "app/users.h"
#include "checks/output.h"
#include "checks/registry.h"
#include "store/sqlite.h"
#include "support/tls_finding.h"

namespace etguard::app {
namespace {

using test_support::tls_finding;

class ApiTokensTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-tokens-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    session_.emplace(Session::create(dir_, "", {&clock_, "admin-on-terminal"}).value());
    ASSERT_TRUE(import_registers_file(
        *session_, std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml"));
    auto users = Users::open(*session_).value();
    ASSERT_TRUE(users.add({"chen", "", "owner", {"trading/web", "cloud/core-dr"}}, kPassword));
    ASSERT_TRUE(users.add({"ci", "", "officer", {}}, kPassword));
    ASSERT_TRUE(users.add({"audit", "", "auditor", {}}, kPassword));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  IssuedApiToken issue(const ApiTokenSpec& spec) {
    auto issued = create_api_token(*session_, spec);
    EXPECT_TRUE(issued) << issued.error().message;
    return issued.value_or(IssuedApiToken{});
  }
  void sql(const std::string& statement) {
    auto db = store::Database::open(dir_ / ".etguard" / "workspace.db", false).value();
    ASSERT_TRUE(db.exec(statement));
  }
  static constexpr std::string_view kPassword = "correct horse 42 battery";
  FixedClock clock_ = FixedClock::at("2027-03-01T09:00:00Z");
  std::filesystem::path dir_;
  std::optional<Session> session_;
};

TEST_F(ApiTokensTest, ASecretActsAsItsUserInItsRoleUntilItExpires) {
  const IssuedApiToken issued = issue({.user = "ci", .name = "ci-tls", .days = 30});
  EXPECT_TRUE(issued.id.starts_with("tok-"));
  EXPECT_TRUE(issued.secret.starts_with("etg_"));
  EXPECT_EQ(issued.secret.size(), 68U);
  EXPECT_TRUE(issued.expires_at.starts_with("2027-03-31T09:00:00"));
  auto who = authenticate_api_token(*session_, issued.secret);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->name, "ci");
  EXPECT_EQ(who->role, Role::kOfficer);
  clock_.advance(std::chrono::days(30) - std::chrono::seconds(1));
  EXPECT_TRUE(authenticate_api_token(*session_, issued.secret));
  clock_.advance(std::chrono::seconds(1));
  const auto expired = authenticate_api_token(*session_, issued.secret);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().kind, ErrorKind::kDenied);
  EXPECT_TRUE(list_api_tokens(*session_).value().front().expired);
}

TEST_F(ApiTokensTest, OnlyTheDigestIsKeptAndTheListNeverShowsASecret) {
  const IssuedApiToken issued = issue({.user = "ci", .name = "ci-tls"});
  const auto rows = session_->workspace().api_tokens().value();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].digest.size(), 64U);
  EXPECT_NE(rows[0].digest, issued.secret.substr(4));
  const std::string listed = api_tokens_json(list_api_tokens(*session_).value()).dump();
  EXPECT_EQ(listed.find(issued.secret.substr(4)), std::string::npos);
  EXPECT_EQ(listed.find(rows[0].digest), std::string::npos);
  EXPECT_NE(listed.find(R"("active":true)"), std::string::npos);
}

TEST_F(ApiTokensTest, AnythingButTheExactSecretIsRefusedAlike) {
  const IssuedApiToken issued = issue({.user = "ci", .name = "ci-tls"});
  std::string altered = issued.secret;
  altered.back() = altered.back() == '0' ? '1' : '0';
  for (const std::string& secret : {altered, issued.secret.substr(0, 20), std::string("etg_"),
                                    std::string(), issued.secret.substr(4), issued.secret + "0"}) {
    const auto refused = authenticate_api_token(*session_, secret);
    ASSERT_FALSE(refused) << secret;
    EXPECT_EQ(refused.error().kind, ErrorKind::kDenied);
    EXPECT_EQ(refused.error().message, "the API token is not valid (unknown, expired or revoked)");
  }
}

TEST_F(ApiTokensTest, RevokedTokensStopAndStayListedWithTheirLedgerEntries) {
  const IssuedApiToken issued = issue({.user = "ci", .name = "ci-tls"});
  ASSERT_TRUE(revoke_api_token(*session_, issued.id));
  EXPECT_FALSE(authenticate_api_token(*session_, issued.secret));
  const auto again = revoke_api_token(*session_, issued.id);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("was revoked at 2027-03-01"), std::string::npos);
  EXPECT_EQ(revoke_api_token(*session_, "tok-00000000").error().kind, ErrorKind::kNotFound);
  const auto listed = list_api_tokens(*session_).value();
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].revoked_by, "admin-on-terminal");
  EXPECT_TRUE(session_->workspace().verify_state().value().empty());
}

TEST_F(ApiTokensTest, ARoleNoWiderThanTheUsersAndAnOwnersObjectsOnly) {
  EXPECT_EQ(create_api_token(*session_, {.user = "ci", .name = "x", .role = "admin"}).error().kind,
            ErrorKind::kDenied);
  EXPECT_EQ(
      create_api_token(*session_, {.user = "audit", .name = "x", .role = "owner"}).error().kind,
      ErrorKind::kDenied);
  EXPECT_EQ(
      create_api_token(*session_, {.user = "chen", .name = "x", .objects = {"ai/ocr-internal"}})
          .error()
          .kind,
      ErrorKind::kDenied);
  EXPECT_EQ(create_api_token(*session_, {.user = "ci", .name = "x", .objects = {"trading/web"}})
                .error()
                .kind,
            ErrorKind::kUsage);  // objects only for an owner token
  EXPECT_EQ(create_api_token(*session_, {.user = "nobody", .name = "x"}).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(create_api_token(*session_, {.user = "ci", .name = "x", .days = 367}).error().kind,
            ErrorKind::kUsage);
  EXPECT_EQ(create_api_token(*session_, {.user = "ci", .name = ""}).error().kind,
            ErrorKind::kUsage);
  // An officer's token narrowed to an auditor, and to an owner of one object.
  const auto as_auditor = issue({.user = "ci", .name = "read", .role = "auditor"});
  EXPECT_EQ(authenticate_api_token(*session_, as_auditor.secret).value().role, Role::kAuditor);
  const auto as_owner =
      issue({.user = "ci", .name = "web", .role = "owner", .objects = {"trading/web"}});
  const Principal owner = authenticate_api_token(*session_, as_owner.secret).value();
  EXPECT_EQ(owner.role, Role::kOwner);
  EXPECT_EQ(owner.objects, std::vector<std::string>{"trading/web"});
  // An owner's token defaults to their objects.
  const auto chens = issue({.user = "chen", .name = "all"});
  EXPECT_EQ(authenticate_api_token(*session_, chens.secret).value().objects,
            (std::vector<std::string>{"trading/web", "cloud/core-dr"}));
}

TEST_F(ApiTokensTest, ATokenStopsWhenItsUserIsDisabledOrLosesTheRoleOrObject) {
  const auto officer = issue({.user = "ci", .name = "ci"});
  const auto owner = issue({.user = "chen", .name = "web", .objects = {"cloud/core-dr"}});
  ASSERT_TRUE(Users::open(*session_).value().disable("ci", "left the firm"));
  EXPECT_FALSE(authenticate_api_token(*session_, officer.secret));
  ASSERT_TRUE(authenticate_api_token(*session_, owner.secret));
  // chen no longer owns cloud/core-dr (changed in the database: the token
  // must not outlive the assignment, whatever changed it).
  sql("UPDATE users SET objects = 'trading/web' WHERE name = 'chen'");
  EXPECT_FALSE(authenticate_api_token(*session_, owner.secret));
}

TEST_F(ApiTokensTest, ADigestSwappedBehindEtguardsBackIsNamedByTheVerification) {
  issue({.user = "ci", .name = "ci-tls"});
  EXPECT_TRUE(session_->workspace().verify_state().value().empty());
  const std::string forged(64, 'a');
  sql("UPDATE api_tokens SET digest = '" + forged + "'");
  const auto problems = session_->workspace().verify_state().value();
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("API token token/tok-"), std::string::npos) << problems[0];
}

TEST_F(ApiTokensTest, TokensAreNeverDeleted) {
  issue({.user = "ci", .name = "ci-tls"});
  auto db = store::Database::open(dir_ / ".etguard" / "workspace.db", false).value();
  const auto deleted = db.exec("DELETE FROM api_tokens");
  ASSERT_FALSE(deleted);
  EXPECT_NE(deleted.error().message.find("revoked, never deleted"), std::string::npos);
}

TEST_F(ApiTokensTest, APushedDocumentReadsBackAsTheFindingsSent) {
  FindingsImport sent{{tls_finding("trade.example:443", Verdict::kFail),
                       tls_finding("trade.example:8443", Verdict::kPass)},
                      "trading/web",
                      "2027-02-01",
                      "2027-02-28"};
  sent.findings[1].assessment.nodes = {std::string(sent.findings[1].check->node_ids.front())};
  const std::string body = findings_push_json(sent).dump();
  const FindingsImport read = parse_findings_push(body, "request body").value();
  EXPECT_EQ(read.object, "trading/web");
  EXPECT_EQ(read.period_from, "2027-02-01");
  EXPECT_EQ(read.period_to, "2027-02-28");
  ASSERT_EQ(read.findings.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(read.findings[i].check, sent.findings[i].check);
    EXPECT_EQ(read.findings[i].target, sent.findings[i].target);
    EXPECT_EQ(read.findings[i].assessment.verdict, sent.findings[i].assessment.verdict);
    EXPECT_EQ(read.findings[i].assessment.nodes, sent.findings[i].assessment.nodes);
    EXPECT_EQ(read.findings[i].assessment.evidence, sent.findings[i].assessment.evidence);
    EXPECT_EQ(read.findings[i].started_at, sent.findings[i].started_at);
    // Read back, it is the same document: nothing lost or added.
    EXPECT_EQ(check::finding_json(read.findings[i]), check::finding_json(sent.findings[i]));
  }
}

TEST_F(ApiTokensTest, AWrongDocumentIsRefusedAtItsMember) {
  FindingsImport sent{{tls_finding("trade.example:443", Verdict::kPass)}, "trading/web"};
  const auto body = findings_push_json(sent);
  const auto refusal = [](const nlohmann::ordered_json& document) {
    const auto read = parse_findings_push(document.dump(), "request body");
    return read ? std::string("accepted") : read.error().message;
  };
  EXPECT_NE(parse_findings_push("{\"schema\": ", "request body")
                .error()
                .message.find("request body: byte 12: not JSON"),
            std::string::npos);
  auto changed = body;
  changed["schema"] = "etguard.finding";
  EXPECT_NE(refusal(changed).find("$.schema"), std::string::npos);
  changed = body;
  changed["findings"][0]["check_id"] = "tls.nonexistent";
  EXPECT_EQ(refusal(changed),
            "request body: $.findings[0].check_id: 'tls.nonexistent' is not a check this etguard "
            "knows");
  changed = body;
  changed["findings"][0]["verdict"] = "fine";
  EXPECT_NE(refusal(changed).find("$.findings[0].verdict: 'fine' is not a verdict"),
            std::string::npos);
  changed = body;
  changed["findings"][0]["finished_at"] = "yesterday";
  EXPECT_NE(refusal(changed).find("$.findings[0].finished_at"), std::string::npos);
  changed = body;
  changed["findings"][0]["assessed_node_ids"] = {"ET-1.1"};
  EXPECT_NE(refusal(changed).find("is not a requirement of tls.protocol"), std::string::npos);
  changed = body;
  changed["findings"][0]["details"][0]["severity"] = "info";
  EXPECT_NE(refusal(changed).find("$.findings[0].details[0].severity"), std::string::npos);
  changed = body;
  changed["findings"] = nlohmann::ordered_json::array();
  EXPECT_NE(refusal(changed).find("$.findings: must be a non-empty array"), std::string::npos);
  EXPECT_NE(parse_findings_push(R"({"schema": 1e999999})", "request body")
                .error()
                .message.find("request body: $: not JSON"),
            std::string::npos);  // a number out of range
  changed = body;
  changed["findings"][0]["target"] = 7;
  EXPECT_NE(refusal(changed).find("$.findings[0].target: must be a string"), std::string::npos);
}

TEST_F(ApiTokensTest, AFindingIsRecordedOnlyOnAnObjectItsPrincipalReaches) {
  const FindingsImport on_web{{tls_finding("trade.example:443", Verdict::kPass)}, "trading/web"};
  const FindingsImport on_dr{{tls_finding("trade.example:443", Verdict::kPass)}, "cloud/core-dr"};
  const auto owner = issue({.user = "chen", .name = "web", .objects = {"trading/web"}});
  const Principal chen = authenticate_api_token(*session_, owner.secret).value();
  const std::size_t before = session_->workspace().load_evidence().value().size();
  const auto refused = import_findings_as(*session_, chen, on_dr);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kDenied);
  EXPECT_EQ(session_->workspace().load_evidence().value().size(), before);
  const Principal auditor =
      authenticate_api_token(*session_, issue({.user = "audit", .name = "read"}).secret).value();
  EXPECT_EQ(import_findings_as(*session_, auditor, on_web).error().kind, ErrorKind::kDenied);
  const auto added = import_findings_as(*session_, chen, on_web);
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_FALSE(added->added.empty());
  EXPECT_EQ(session_->workspace().load_evidence().value().size(), before + added->added.size());
}

}  // namespace
}  // namespace etguard::app
