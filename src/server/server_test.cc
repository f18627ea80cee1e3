// The site as a browser meets it, without the network: logins with password
// and code, the session cookie and its timeouts, CSRF and cross-site
// refusals, the security headers on every answer, roles on the dashboard,
// user text escaped, both languages.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <ranges>

#include "app/assessment.h"
#include "app/cycles.h"
#include "app/findings.h"
#include "app/ledger.h"
#include "app/registers.h"
#include "app/security_keys.h"
#include "app/users.h"
#include "catalog/data/embedded.h"
#include "core/digest.h"
#include "server/site.h"
#include "support/authenticator.h"
#include "support/tls_finding.h"

namespace etguard::server {
namespace {

using Json = nlohmann::json;
using testing::code_at;
using testing::seed_of;

constexpr std::string_view kPassword = "correct horse 42 battery";

std::string header_of(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-site-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto session = app::Session::create(dir_, "", {&clock_, "admin-on-terminal", &random_});
    ASSERT_TRUE(session);
    ASSERT_TRUE(app::import_registers_file(
        *session, std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml"));
    ASSERT_TRUE(app::start_cycle(
        *session, {.name = "2027", .today = {}, .due_on = "2027-03-20", .dry_run = false}));
    auto users = app::Users::open(*session).value();
    add(users, "mei", "Mei <script>alert(1)</script>", "officer", {});
    add(users, "lee", "Lee", "owner", {"cloud/core-dr"});
    add(users, "chair", "Chair", "board", {});
    add(users, "audit", "Audit", "auditor", {});
    auto site = Site::open(dir_, {&clock_, "etguard serve", &random_}, Lang::kEn,
                           {.idle = std::chrono::minutes(15),
                            .absolute = std::chrono::hours(8),
                            .fresh = std::chrono::minutes(5),
                            .max_sessions = 100});
    ASSERT_TRUE(site) << site.error().message;
    site_ = std::move(*site);
  }
  void TearDown() override {
    site_.reset();
    std::filesystem::remove_all(dir_);
  }

  // An administrator, added after the site opened (as `etguard user add` would).
  void add_admin() {
    auto session = app::Session::open(dir_, {&clock_, "admin-on-terminal", &random_});
    ASSERT_TRUE(session);
    auto users = app::Users::open(*session).value();
    add(users, "root", "Root", "admin", {});
  }

  void add(app::Users& users, const std::string& name, const std::string& display,
           const std::string& role, std::vector<std::string> objects) {
    auto enrolment = users.add({name, display, role, std::move(objects)}, kPassword);
    ASSERT_TRUE(enrolment) << enrolment.error().message;
    seeds_[name] = seed_of(enrolment->otpauth_uri);
  }

  Response send(std::string method, std::string target, std::string body = {},
                std::map<std::string, std::string, std::less<>> headers = {}) {
    Request request{.method = std::move(method),
                    .target = std::move(target),
                    .headers = std::move(headers),
                    .body = std::move(body),
                    .source = "127.0.0.1"};
    request.headers.try_emplace("host", "127.0.0.1:8443");
    if (!cookie_.empty()) {
      request.headers.try_emplace("cookie", cookie_);
    }
    return site_->handle(request);
  }

  Response log_in(const std::string& name, std::string_view password = kPassword) {
    const std::string code = code_at(seeds_[name], clock_.now());
    clock_.advance(std::chrono::seconds(30));  // every login uses a fresh code
    return send("POST", "/login",
                "name=" + url_encode(name) + "&password=" + url_encode(password) + "&code=" + code,
                {{"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}});
  }

  // Logs `name` in and keeps the session cookie as a browser would.
  void become(const std::string& name) {
    cookie_.clear();
    const Response in = log_in(name);
    ASSERT_EQ(in.status, 303) << in.body;
    const std::string set = header_of(in, "Set-Cookie");
    cookie_ = set.substr(0, set.find(';'));
  }

  std::string csrf() { return Json::parse(send("GET", "/api/session").body)["csrf"]; }

  FixedClock clock_ = FixedClock::at("2027-03-01T09:00:00Z");
  SeededRandom random_{7};
  std::filesystem::path dir_;
  std::map<std::string, etauth::Bytes> seeds_;
  std::unique_ptr<Site> site_;
  std::string cookie_;
};

TEST_F(SiteTest, EveryAnswerCarriesTheSecurityHeaders) {
  const std::vector<Response> responses = {
      send("GET", "/"), send("GET", "/login"), send("GET", "/static/app.css"),
      send("GET", "/api/dashboard"), send("POST", "/login", "name=x")};
  for (const Response& response : responses) {
    const std::string policy = header_of(response, "Content-Security-Policy");
    EXPECT_NE(policy.find("script-src 'self'"), std::string::npos);
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(header_of(response, "Strict-Transport-Security"), "max-age=31536000");
    EXPECT_EQ(header_of(response, "X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(SiteTest, NobodyLoggedInIsSentToTheLoginPage) {
  const Response page = send("GET", "/");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(header_of(page, "Location"), "/login");
  const Response api = send("GET", "/api/dashboard");
  EXPECT_EQ(api.status, 401);
  EXPECT_EQ(Json::parse(api.body)["status"], 401);
  const Response form = send("GET", "/login");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find(R"(autocomplete="one-time-code")"), std::string::npos);
  EXPECT_EQ(form.body.find("<script"), std::string::npos);  // no script at all
}

TEST_F(SiteTest, PasswordAndCodeStartASessionInASecureCookieAndTheLedgerRecordsIt) {
  const Response in = log_in("mei");
  ASSERT_EQ(in.status, 303) << in.body;
  EXPECT_EQ(header_of(in, "Location"), "/");
  const std::string cookie = header_of(in, "Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("__Host-etguard="));
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Domain"), std::string::npos);
  cookie_ = cookie.substr(0, cookie.find(';'));
  const Response page = send("GET", "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("測試證券股份有限公司"), std::string::npos);
  // The officer sees the tasks: everything comes due with the cycle, except
  // trade-app's yearly lab test, overdue since 2027-02-10 by the register's
  // last_lab_test (2026-02-10).
  const Json board = Json::parse(send("GET", "/api/dashboard").body);
  EXPECT_EQ(board["schema"], "etguard.dashboard");
  EXPECT_GT(board["counts"]["total"].get<int>(), 0);
  EXPECT_EQ(board["counts"]["overdue"], 1);
  EXPECT_EQ(board["counts"]["due_in_30"].get<int>() + 1,
            board["counts"]["not_assessed"].get<int>());
  EXPECT_EQ(board["tasks"].size(), board["counts"]["not_assessed"].get<std::size_t>());
  EXPECT_EQ(board["tasks"][0]["requirement"], "ET-20.3");
  EXPECT_EQ(board["tasks"][0]["object"], "mobile_app/trade-app");

  auto session = app::Session::open(dir_, {&clock_, "test", &random_}).value();
  bool recorded = false;
  const auto lines = app::latest_ledger_lines(session, 100).value();
  for (const auto& line : lines) {
    recorded = recorded ||
               (line.object == "user/mei" && line.action == "login.success" && line.actor == "mei");
  }
  EXPECT_TRUE(recorded);
}

TEST_F(SiteTest, AWrongCodeIsRefusedAndFiveFailuresLockTheAccount) {
  const Response wrong =
      send("POST", "/login", "name=lee&password=" + url_encode(kPassword) + "&code=000000");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("the user name, password or code is wrong"), std::string::npos);
  EXPECT_TRUE(header_of(wrong, "Set-Cookie").empty());
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(log_in("lee", "not the password 1").status, 401);
  }
  const Response right = log_in("lee");
  EXPECT_EQ(right.status, 401);
  EXPECT_NE(right.body.find("locked"), std::string::npos);
}

TEST_F(SiteTest, ALoginOrAChangeFromAnotherSiteIsRefused) {
  const std::string code = code_at(seeds_["mei"], clock_.now());
  const Response forged =
      send("POST", "/login", "name=mei&password=" + url_encode(kPassword) + "&code=" + code,
           {{"origin", "https://evil.example"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(header_of(forged, "Set-Cookie").empty());
  become("mei");
  const std::string token = csrf();
  EXPECT_EQ(send("POST", "/logout", "csrf=" + token, {{"sec-fetch-site", "cross-site"}}).status,
            403);
  EXPECT_EQ(send("POST", "/logout", "csrf=0000").status, 403);  // a script without the token
  EXPECT_EQ(send("GET", "/").status, 200);                      // still logged in
  const Response out = send("POST", "/logout", "csrf=" + token);
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(header_of(out, "Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(send("GET", "/").status, 303);  // the old cookie names nothing now
}

TEST_F(SiteTest, SessionsEndWhenIdleAndAfterEightHoursWhatever) {
  become("mei");
  clock_.advance(std::chrono::minutes(14));
  EXPECT_EQ(send("GET", "/").status, 200);
  clock_.advance(std::chrono::minutes(16));
  EXPECT_EQ(send("GET", "/").status, 303);
  become("mei");
  for (int i = 0; i < 8 * 6; ++i) {  // active every ten minutes for eight hours
    clock_.advance(std::chrono::minutes(10));
    if (send("GET", "/api/session").status != 200) {
      EXPECT_GE(i, 8 * 6 - 1) << "ended early";
      return;
    }
  }
  clock_.advance(std::chrono::minutes(1));
  EXPECT_EQ(send("GET", "/api/session").status, 401);
}

TEST_F(SiteTest, AnOwnerSeesOnlyTheirObjectsAndTheBoardOnlyTheSummary) {
  become("mei");
  const Json all = Json::parse(send("GET", "/api/dashboard").body);
  become("lee");
  const Json own = Json::parse(send("GET", "/api/dashboard").body);
  EXPECT_GT(own["counts"]["total"].get<int>(), 0);
  EXPECT_LT(own["counts"]["total"].get<int>(), all["counts"]["total"].get<int>());
  ASSERT_FALSE(own["tasks"].empty());
  for (const Json& task : own["tasks"]) {
    EXPECT_EQ(task["object"], "cloud/core-dr");
  }
  become("chair");
  const Json board = Json::parse(send("GET", "/api/dashboard").body);
  EXPECT_EQ(board["counts"], all["counts"]);
  EXPECT_TRUE(board["tasks"].empty());
  become("audit");
  EXPECT_TRUE(Json::parse(send("GET", "/api/dashboard").body)["tasks"].empty());
}

// The grid an officer works through: every line they may see, filtered by
// chapter, status, object and what comes due, paged; an owner's holds only
// their objects and what is assigned to them, whatever they ask for.
TEST_F(SiteTest, TheAssessmentGridFiltersPagesAndKeepsAnOwnerToTheirs) {
  become("mei");
  const int total = Json::parse(send("GET", "/api/dashboard").body)["counts"]["total"];
  const Json all = Json::parse(send("GET", "/api/assessment?limit=1000").body);
  EXPECT_EQ(all["schema"], "etguard.assessment-grid");
  EXPECT_EQ(all["reachable"], total);
  EXPECT_EQ(all["matching"], total);
  ASSERT_EQ(all["lines"].size(), static_cast<std::size_t>(total));
  const Json chapter = Json::parse(send("GET", "/api/assessment?chapter=2&limit=1000").body);
  EXPECT_GT(chapter["matching"].get<int>(), 0);
  EXPECT_LT(chapter["matching"].get<int>(), total);
  for (const Json& line : chapter["lines"]) {
    EXPECT_EQ(line["chapter"], 2) << line;
  }
  const Json cloud = Json::parse(send("GET", "/api/assessment?object=cloud&limit=1000").body);
  EXPECT_GT(cloud["matching"].get<int>(), 0);
  for (const Json& line : cloud["lines"]) {
    EXPECT_TRUE(line["object"].get<std::string>().starts_with("cloud/")) << line;
  }
  const Json unassessed =
      Json::parse(send("GET", "/api/assessment?status=not_assessed&due=30&limit=1000").body);
  EXPECT_GT(unassessed["matching"].get<int>(), 0);  // the cycle is due on 2027-03-20
  for (const Json& line : unassessed["lines"]) {
    EXPECT_EQ(line["status"], "not_assessed");
    EXPECT_TRUE(line["days_left"].is_number() && line["days_left"].get<int>() <= 30) << line;
  }
  // Each filter keeps exactly the lines of the whole grid that it names.
  const auto count_in_all = [&](const auto& keeps) {
    return std::ranges::count_if(all["lines"], keeps);
  };
  const std::string some_object = all["lines"].back()["object"];
  const auto owned =
      std::ranges::find_if(all["lines"], [](const Json& l) { return l["owner"] != ""; });
  ASSERT_NE(owned, all["lines"].end());
  const std::string some_owner = (*owned)["owner"];
  const std::vector<std::pair<std::string, std::function<bool(const Json&)>>> filters = {
      {"owner=" + url_encode(some_owner), [&](const Json& l) { return l["owner"] == some_owner; }},
      {"owner=-", [](const Json& l) { return l["owner"] == ""; }},
      {"owner=nobody-at-all", [](const Json&) { return false; }},
      {"object=" + url_encode(some_object),
       [&](const Json& l) { return l["object"] == some_object; }},
      {"object=iot",
       [](const Json& l) { return l["object"].get<std::string>().starts_with("iot/"); }},
      {"object=nothing-like-it", [](const Json&) { return false; }},
      {"chapter=8&status=not_assessed",
       [](const Json& l) { return l["chapter"] == 8 && l["status"] == "not_assessed"; }},
  };
  for (const auto& [query, keeps] : filters) {
    const Json kept = Json::parse(send("GET", "/api/assessment?limit=1000&" + query).body);
    EXPECT_EQ(kept["matching"].get<long>(), count_in_all(keeps)) << query;
    EXPECT_EQ(kept["reachable"], total) << query;
  }
  // Pages of 7 cover every line once, in the same order.
  std::vector<std::string> paged;
  for (int offset = 0; offset < total; offset += 7) {
    const Json page =
        Json::parse(send("GET", fmt::format("/api/assessment?limit=7&offset={}", offset)).body);
    for (const Json& line : page["lines"]) {
      paged.push_back(line["requirement"].get<std::string>() + " " +
                      line["object"].get<std::string>());
    }
  }
  ASSERT_EQ(paged.size(), all["lines"].size());
  for (std::size_t i = 0; i < paged.size(); ++i) {
    EXPECT_EQ(paged[i], all["lines"][i]["requirement"].get<std::string>() + " " +
                            all["lines"][i]["object"].get<std::string>());
  }
  for (const std::string bad :
       {"status=bogus", "due=2", "limit=0", "limit=1001", "chapter=x", "offset=-1"}) {
    EXPECT_EQ(send("GET", "/api/assessment?" + bad).status, 400) << bad;
    EXPECT_EQ(send("GET", "/assessment?" + bad).status, 400) << bad;
  }
  const Response page = send("GET", "/assessment?chapter=2&due=30");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(R"(<option value="2" selected>)"), std::string::npos);
  EXPECT_NE(page.body.find("/catalog/articles/"), std::string::npos);

  become("lee");
  const int own_total = Json::parse(send("GET", "/api/dashboard").body)["counts"]["total"];
  const Json own = Json::parse(send("GET", "/api/assessment?limit=1000").body);
  EXPECT_EQ(own["reachable"], own_total);
  EXPECT_LT(own_total, total);
  for (const Json& line : own["lines"]) {
    EXPECT_TRUE(line["object"] == "cloud/core-dr" || line["owner"] == "lee") << line;
  }
  const Json asked = Json::parse(send("GET", "/api/assessment?object=org&limit=1000").body);
  for (const Json& line : asked["lines"]) {
    EXPECT_EQ(line["owner"], "lee") << line;  // only what is assigned to them
  }
}

// A line opened from the grid and changed through its form or the API: the
// change is the user's in the ledger; an owner changes only their lines and
// assigns no one; an auditor and the board change nothing; what was typed
// survives a refusal and is shown as text.
TEST_F(SiteTest, AResultIsChangedFromItsPageByThoseWhoMayAndNoOneElse) {
  const std::map<std::string, std::string, std::less<>> same_site = {
      {"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}};
  const std::string line = "node=ET-8.3.5&object=cloud%2Fcore-dr";
  become("mei");
  const Response page = send("GET", "/assessment/result?" + line);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find(R"(<form class="edit")"), std::string::npos);
  EXPECT_NE(page.body.find(R"(name="owner")"), std::string::npos);  // an officer assigns
  const std::string form = line + "&csrf=" + csrf() + "&status=non_compliant&owner=lee&note=" +
                           url_encode("<script>alert(1)</script> logs hold IDs") +
                           "&justification=&due_date=&plan_action=" + url_encode("mask IDs") +
                           "&plan_owner=lee&plan_due=2027-04-30&plan_status=open";
  const Response changed = send("POST", "/assessment/result", form, same_site);
  ASSERT_EQ(changed.status, 303) << changed.body;
  EXPECT_NE(header_of(changed, "Location").find("recorded=1"), std::string::npos);
  const Response shown = send("GET", header_of(changed, "Location"));
  EXPECT_NE(shown.body.find("&lt;script&gt;alert(1)&lt;/script&gt; logs hold IDs"),
            std::string::npos);
  EXPECT_EQ(shown.body.find("<script>alert(1)"), std::string::npos);
  Json after = Json::parse(send("GET", "/api/result?" + line).body);
  EXPECT_EQ(after["schema"], "etguard.result");
  EXPECT_EQ(after["result"]["status"], "non_compliant");
  EXPECT_EQ(after["result"]["owner"], "lee");
  EXPECT_EQ(after["result"]["plan"]["action"], "mask IDs");
  ASSERT_FALSE(after["history"].empty());
  EXPECT_EQ(after["history"].back()["actor"], "mei");
  // No token, or another site: refused, nothing changes.
  EXPECT_EQ(send("POST", "/assessment/result", line + "&status=compliant", same_site).status, 403);
  EXPECT_EQ(send("POST", "/assessment/result", line + "&csrf=" + csrf() + "&status=compliant",
                 {{"origin", "https://evil.example"}, {"sec-fetch-site", "cross-site"}})
                .status,
            403);
  // Refused by the rules (a plan on a compliant result): what was typed stays on the page.
  const Response refused =
      send("POST", "/assessment/result",
           line + "&csrf=" + csrf() + "&status=compliant&note=" + url_encode("typed by mei") +
               "&plan_action=x&plan_owner=&plan_due=2027-04-30&plan_status=open",
           same_site);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("typed by mei"), std::string::npos);
  EXPECT_NE(refused.body.find(R"(role="alert")"), std::string::npos);
  EXPECT_EQ(Json::parse(send("GET", "/api/result?" + line).body)["result"]["status"],
            "non_compliant");
  // The API: only the keys given change; plan null clears it.
  Response api = send("POST", "/api/result?" + line, R"({"status":"compliant","plan":null})",
                      {{"x-csrf-token", csrf()}});
  ASSERT_EQ(api.status, 200) << api.body;
  after = Json::parse(api.body);
  EXPECT_EQ(after["result"]["status"], "compliant");
  EXPECT_TRUE(after["result"]["plan"].is_null());
  EXPECT_EQ(after["result"]["owner"], "lee");  // not given: kept
  for (const std::string bad : {"[1]", "{\"status\":\"great\"}", "{\"note\":7}", "not json"}) {
    EXPECT_EQ(send("POST", "/api/result?" + line, bad, {{"x-csrf-token", csrf()}}).status, 400)
        << bad;
  }
  EXPECT_EQ(send("GET", "/api/result?node=ET-99.1&object=org").status, 404);

  become("lee");  // the owner of cloud/core-dr
  EXPECT_EQ(send("POST", "/api/result?" + line, R"({"note":"checked by lee"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            200);
  EXPECT_EQ(
      send("POST", "/api/result?" + line, R"({"owner":"someone-else"})", {{"x-csrf-token", csrf()}})
          .status,
      403);
  const Response owner_page = send("GET", "/assessment/result?" + line);
  EXPECT_EQ(owner_page.body.find(R"(name="owner")"), std::string::npos);
  for (const std::string other : {"node=ET-4.1&object=org", "node=ET-3.1&object=cloud%2Fhr-saas"}) {
    EXPECT_EQ(send("GET", "/api/result?" + other).status, 403) << other;
    EXPECT_EQ(
        send("POST", "/api/result?" + other, R"({"note":"x"})", {{"x-csrf-token", csrf()}}).status,
        403)
        << other;
  }

  become("audit");
  const Response audit_page = send("GET", "/assessment/result?" + line);
  ASSERT_EQ(audit_page.status, 200);
  EXPECT_EQ(audit_page.body.find(R"(<form class="edit")"), std::string::npos);
  EXPECT_EQ(
      send("POST", "/api/result?" + line, R"({"note":"x"})", {{"x-csrf-token", csrf()}}).status,
      403);
  become("chair");
  EXPECT_EQ(send("GET", "/api/result?" + line).status, 403);
}

// The ledger page verifies the whole chain and shows its head and newest
// entries, each change with the user who made it.
TEST_F(SiteTest, TheLedgerIsVerifiedAndShownToThoseWhoVerify) {
  become("mei");
  ASSERT_EQ(send("POST", "/api/result?node=ET-8.3.5&object=cloud%2Fcore-dr",
                 R"({"status":"compliant"})", {{"x-csrf-token", csrf()}})
                .status,
            200);
  become("audit");
  const Json view = Json::parse(send("GET", "/api/ledger?limit=3").body);
  EXPECT_EQ(view["schema"], "etguard.ledger-view");
  EXPECT_TRUE(view["verifies"]) << view["problem"];
  EXPECT_GT(view["entries"].get<int>(), 3);
  ASSERT_EQ(view["latest"].size(), 3U);
  EXPECT_GT(view["latest"][0]["seq"].get<int>(), view["latest"][1]["seq"].get<int>());
  EXPECT_EQ(view["head"], fmt::format("{}:{}", view["latest"][0]["seq"].get<int>(),
                                      view["latest"][0]["hash"].get<std::string>()));
  const Json all = Json::parse(send("GET", "/api/ledger").body);
  bool officer_change = false;
  for (const Json& line : all["latest"]) {
    officer_change |= line["action"] == "result.set" && line["actor"] == "mei";
  }
  EXPECT_TRUE(officer_change);
  const Response page = send("GET", "/ledger");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(R"(role="status")"), std::string::npos);
  EXPECT_NE(page.body.find(view["head"].get<std::string>()), std::string::npos);
  for (const std::string bad : {"0", "1001", "x"}) {
    EXPECT_EQ(send("GET", "/api/ledger?limit=" + bad).status, 400) << bad;
  }
}

TEST_F(SiteTest, UserTextIsEscapedAndBothLanguagesRender) {
  become("mei");
  const Response page = send("GET", "/", {}, {{"cookie", cookie_ + "; etguard_lang=en"}});
  EXPECT_EQ(page.body.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.body.find("My tasks"), std::string::npos);
  EXPECT_NE(page.body.find(R"(<html lang="en">)"), std::string::npos);
  const Response zh = send("GET", "/", {}, {{"cookie", cookie_ + "; etguard_lang=zh-TW"}});
  EXPECT_NE(zh.body.find("我的待辦"), std::string::npos);
  EXPECT_NE(zh.body.find(R"(<html lang="zh-TW">)"), std::string::npos);
  const std::string name = "<img src=x onerror=alert(1)>";
  const Response login = send("GET", "/login?name=" + url_encode(name));
  EXPECT_EQ(login.body.find(name), std::string::npos);
}

TEST_F(SiteTest, TheLanguageSwitchReturnsOnlyToThisSite) {
  const Response switched = send("GET", "/lang?to=zh-TW&back=%2Flogin");
  EXPECT_EQ(header_of(switched, "Location"), "/login");
  EXPECT_TRUE(header_of(switched, "Set-Cookie").starts_with("etguard_lang=zh-TW"));
  for (const std::string back :
       {"%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil"}) {
    EXPECT_EQ(header_of(send("GET", "/lang?to=en&back=" + back), "Location"), "/") << back;
  }
}

// The guideline in the browser: the outline names all 54 articles in 8
// chapters, an article shows every node with its anchor (and, on an English
// page, the Chinese source), search finds clauses in either language.
TEST_F(SiteTest, TheGuidelineIsBrowsedByOutlineArticleAndSearch) {
  become("mei");
  const Json outline = Json::parse(send("GET", "/api/catalog").body);
  EXPECT_EQ(outline["schema"], "etguard.catalog-outline");
  ASSERT_EQ(outline["chapters"].size(), 8U);
  std::size_t articles = 0;
  for (const Json& chapter : outline["chapters"]) {
    articles += chapter["articles"].size();
  }
  EXPECT_EQ(articles, 54U);
  const Response page = send("GET", "/catalog", {}, {{"cookie", cookie_ + "; etguard_lang=zh-TW"}});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(R"(<a href="/catalog/articles/8">第八條)"), std::string::npos);
  EXPECT_NE(page.body.find(R"(href="/catalog" aria-current="page")"), std::string::npos);

  const catalog::Article* eight = catalog::embedded_catalog().article(8);
  ASSERT_NE(eight, nullptr);
  const Json article = Json::parse(send("GET", "/api/catalog/articles/8").body);
  EXPECT_EQ(article["article"]["nodes"].size(), eight->nodes.size());
  EXPECT_EQ(article["previous"], 7);
  EXPECT_EQ(article["next"], 9);
  const Response en =
      send("GET", "/catalog/articles/8", {}, {{"cookie", cookie_ + "; etguard_lang=en"}});
  ASSERT_EQ(en.status, 200);
  for (const catalog::Node& node : eight->nodes) {
    EXPECT_NE(en.body.find(fmt::format(R"(id="{}")", node.id)), std::string::npos) << node.id;
  }
  EXPECT_NE(en.body.find("稽核軌跡與監控"), std::string::npos);  // the source beside English
  EXPECT_NE(en.body.find("prohibition"), std::string::npos);     // 8.3.5: 應避免

  const Json deepfake =
      Json::parse(send("GET", "/api/catalog/search?q=" + url_encode("深偽")).body);
  EXPECT_EQ(deepfake["format"], "etguard.catalog.search");
  ASSERT_GT(deepfake["count"].get<int>(), 0);
  bool art38 = false;
  for (const Json& node : deepfake["nodes"]) {
    art38 = art38 || node["id"].get<std::string>().starts_with("ET-38");
  }
  EXPECT_TRUE(art38);
  const Response mfa = send("GET", "/catalog/search?q=MFA");
  EXPECT_NE(mfa.body.find(R"(href="/catalog/articles/8#ET-8.2.3")"), std::string::npos);
  EXPECT_EQ(Json::parse(send("GET", "/api/catalog/search?q=").body)["count"], 0);
}

TEST_F(SiteTest, TheCatalogRefusesTheBoardUnknownArticlesAndOverlongSearches) {
  become("chair");
  EXPECT_EQ(send("GET", "/api/catalog").status, 403);
  EXPECT_EQ(send("GET", "/catalog/articles/8").status, 403);
  EXPECT_EQ(send("GET", "/").body.find(R"(href="/catalog")"), std::string::npos);
  for (const std::string name : {"lee", "audit"}) {
    become(name);
    EXPECT_EQ(send("GET", "/api/catalog/articles/8").status, 200) << name;
    EXPECT_NE(send("GET", "/").body.find(R"(href="/catalog")"), std::string::npos) << name;
  }
  EXPECT_EQ(send("GET", "/api/catalog/articles/55").status, 404);
  EXPECT_EQ(send("GET", "/catalog/articles/0").status, 404);
  EXPECT_EQ(send("GET", "/catalog/articles/8x").status, 404);
  EXPECT_EQ(send("GET", "/api/catalog/articles/").status, 404);
  EXPECT_EQ(send("GET", "/api/catalog/search?q=" + std::string(201, 'a')).status, 400);
  const std::string script = "<script>alert(1)</script>";
  const Response echoed = send("GET", "/catalog/search?q=" + url_encode(script));
  EXPECT_EQ(echoed.status, 200);
  EXPECT_EQ(echoed.body.find(script), std::string::npos);
  EXPECT_NE(echoed.body.find("&lt;script&gt;"), std::string::npos);
}

// The OpenAPI document names every /api/ route the site answers, each with
// the statuses it can give; the end-to-end test validates it and the live
// answers against the OpenAPI 3.1 schema.
TEST_F(SiteTest, TheOpenApiDocumentNamesEveryApiRoute) {
  EXPECT_EQ(send("GET", "/api/openapi.json").status, 401);
  become("audit");
  const Response answer = send("GET", "/api/openapi.json");
  ASSERT_EQ(answer.status, 200);
  const Json document = Json::parse(answer.body);
  EXPECT_EQ(document["openapi"], "3.1.0");
  const Json& paths = document["paths"];
  for (const std::string route :
       {"/api/session", "/api/dashboard", "/api/assessment",
        "/api/result?node=ET-8.3.5&object=cloud%2Fcore-dr", "/api/ledger", "/api/catalog",
        "/api/catalog/articles/8", "/api/catalog/search?q=x", "/api/openapi.json",
        "/api/registers"}) {
    EXPECT_EQ(send("GET", route).status, 200) << route;
    std::string path = route.substr(0, route.find('?'));
    if (path.starts_with("/api/catalog/articles/")) {
      path = "/api/catalog/articles/{number}";
    }
    EXPECT_TRUE(paths.contains(path)) << path;
  }
  for (const std::string route :
       {"/api/users", "/api/users/{action}", "/api/reauth", "/api/reports", "/api/reports/download",
        "/api/reports/sign-off", "/api/evidence", "/api/evidence/review", "/api/evidence/upload"}) {
    EXPECT_TRUE(paths.contains(route)) << route;
  }
  EXPECT_TRUE(paths.contains("/api/registers/entry"));
  EXPECT_TRUE(paths.contains("/api/registers/import"));
  EXPECT_TRUE(paths.contains("/api/registers/entry/remove"));
  for (const std::string route :
       {"/api/findings", "/api/tokens", "/api/tokens/add", "/api/tokens/revoke"}) {
    EXPECT_TRUE(paths.contains(route)) << route;
  }
  EXPECT_EQ(paths.size(), 33U);  // a new route must be described here too
  for (const auto& [path, item] : paths.items()) {
    for (const std::string method : {"get", "post"}) {
      if (item.contains(method)) {
        EXPECT_TRUE(item[method]["responses"].contains("401")) << method << " " << path;
      }
    }
  }
  EXPECT_TRUE(paths["/api/catalog/articles/{number}"]["get"]["responses"].contains("404"));
  EXPECT_TRUE(paths["/api/catalog/search"]["get"]["responses"].contains("400"));
  for (const std::string status : {"200", "400", "401", "403", "404"}) {
    EXPECT_TRUE(paths["/api/result"]["post"]["responses"].contains(status)) << status;
  }
}

// The board signs off the report file it was handed: that file, byte for
// byte, is what is kept and hashed in the ledger; an empty file, a bad name
// and a signer without the role are refused.
TEST_F(SiteTest, TheBoardSignsOffTheReportFileItWasHanded) {
  become("chair");
  const std::string copy = "<html><body>Board pack, as printed</body></html>\n";
  const auto upload = [&](const std::string& name, const std::string& body) {
    return send("POST", "/api/reports/sign-off?statement=" + url_encode("Read and approved"), body,
                {{"x-csrf-token", csrf()},
                 {"content-type", "application/octet-stream"},
                 {"x-file-name", url_encode(name)}});
  };
  EXPECT_EQ(upload("board-pack.html", "").status, 400);
  EXPECT_EQ(upload("..", copy).status, 400);
  const Response signed_off = upload("C:\\board\\board-pack.html", copy);
  ASSERT_EQ(signed_off.status, 200) << signed_off.body;
  const Json record = Json::parse(signed_off.body)["sign_off"];
  EXPECT_EQ(record["report"], "board-pack.html");
  EXPECT_EQ(record["sha256"], sha256_hex(copy));
  EXPECT_EQ(record["signed_by"], "chair");
  const Response kept =
      send("GET", "/reports/download?what=signed&sha256=" + record["sha256"].get<std::string>());
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.body, copy);
  EXPECT_NE(send("GET", "/reports").body.find("sign-handed"), std::string::npos);
  become("audit");  // the auditor signs nothing it examines
  EXPECT_EQ(upload("board-pack.html", copy).status, 403);
}

// API tokens on the site: each user makes their own after confirming who
// they are (an owner's token no wider than theirs), sees and revokes only
// their own; an administrator sees everyone's; a token reaches the JSON API
// (no CSRF token needed) but never a page, never makes another token, and
// stops when revoked.
TEST_F(SiteTest, UsersMakeAndRevokeTheirOwnTokensWhichReachOnlyTheApi) {
  const std::map<std::string, std::string, std::less<>> same_site = {
      {"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}};
  become("lee");  // an owner, just logged in: fresh
  const Response page = send("GET", "/tokens");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(R"(action="/tokens/add")"), std::string::npos);
  EXPECT_EQ(page.body.find(R"(<option value="officer")"), std::string::npos);  // not wider
  const Response wider = send("POST", "/api/tokens/add", R"({"name":"x","role":"officer"})",
                              {{"x-csrf-token", csrf()}});
  EXPECT_EQ(wider.status, 403);
  const Response for_other =
      send("POST", "/api/tokens/add", R"({"name":"x","user":"mei"})", {{"x-csrf-token", csrf()}});
  EXPECT_EQ(for_other.status, 403);
  const Response made =
      send("POST", "/tokens/add", "csrf=" + csrf() + "&name=ci-%3Cb%3E&role=owner&objects=&days=30",
           same_site);
  ASSERT_EQ(made.status, 200) << made.body;
  const std::size_t at = made.body.find("etg_");
  ASSERT_NE(at, std::string::npos);
  const std::string secret = made.body.substr(at, 68);
  const Json mine = Json::parse(send("GET", "/api/tokens").body);
  ASSERT_EQ(mine["tokens"].size(), 1U);
  EXPECT_EQ(mine["tokens"][0]["user"], "lee");
  EXPECT_EQ(mine["tokens"][0]["objects"], Json::array({"cloud/core-dr"}));
  EXPECT_EQ(send("GET", "/tokens").body.find("ci-<b>"), std::string::npos);  // escaped
  const std::string id = mine["tokens"][0]["id"];

  // Six minutes on, making one needs the password again; listing does not.
  clock_.advance(std::chrono::minutes(6));
  EXPECT_NE(send("GET", "/tokens").body.find(R"(action="/reauth")"), std::string::npos);
  EXPECT_EQ(send("POST", "/api/tokens/add", R"({"name":"y"})", {{"x-csrf-token", csrf()}}).status,
            403);

  // The token itself, with no cookie.
  const std::string kept_cookie = cookie_;
  cookie_.clear();
  const std::map<std::string, std::string, std::less<>> bearer = {
      {"authorization", "Bearer " + secret}};
  EXPECT_EQ(send("GET", "/api/dashboard", {}, bearer).status, 200);
  EXPECT_EQ(Json::parse(send("GET", "/api/session", {}, bearer).body)["name"], "lee");
  EXPECT_EQ(send("GET", "/", {}, bearer).status, 303);  // a page: to the login
  EXPECT_EQ(send("POST", "/api/tokens/add", R"({"name":"z"})", bearer).status, 403);  // never fresh
  EXPECT_EQ(send("GET", "/api/users", {}, bearer).status, 403);
  EXPECT_EQ(send("POST", "/api/reauth", R"({"password":"x","code":"1"})", bearer).status, 403);
  const Response wrong = send("GET", "/api/dashboard", {}, {{"authorization", "Bearer etg_0"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(header_of(wrong, "WWW-Authenticate"), R"(Bearer error="invalid_token")");

  // Another user revokes nothing of lee's; the administrator sees and revokes it.
  cookie_ = kept_cookie;
  become("mei");
  EXPECT_TRUE(Json::parse(send("GET", "/api/tokens").body)["tokens"].empty());
  EXPECT_EQ(send("POST", "/api/tokens/revoke", Json{{"id", id}}.dump(), {{"x-csrf-token", csrf()}})
                .status,
            403);
  add_admin();
  become("root");
  EXPECT_EQ(Json::parse(send("GET", "/api/tokens").body)["tokens"].size(), 1U);
  const Response revoked =
      send("POST", "/tokens/revoke", "csrf=" + csrf() + "&id=" + id, same_site);
  ASSERT_EQ(revoked.status, 303) << revoked.body;
  cookie_.clear();
  EXPECT_EQ(send("GET", "/api/dashboard", {}, bearer).status, 401);
}

// Users administered from the site: only by an administrator, with password
// and code confirmed again once the login is older than five minutes, never
// on their own account; each change in the ledger under the administrator.
TEST_F(SiteTest, AnAdministratorUnlocksAddsAndDisablesUsersAfterConfirmingWhoTheyAre) {
  add_admin();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(log_in("lee", "a wrong password").status, 401);
  }
  ASSERT_EQ(log_in("lee").status, 401);  // locked: the right password is refused too
  const std::map<std::string, std::string, std::less<>> same_site = {
      {"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}};

  become("mei");  // an officer administers no one
  EXPECT_EQ(send("GET", "/users").status, 403);
  EXPECT_EQ(send("POST", "/api/users/unlock", R"({"name":"lee","verification":"x"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            403);

  become("root");
  Json listed = Json::parse(send("GET", "/api/users").body);
  EXPECT_EQ(listed["schema"], "etguard.users");
  EXPECT_TRUE(listed["fresh"]);  // the password was checked at login, a moment ago
  const auto entry = [&](std::string_view name) {
    for (const Json& user : listed["users"]) {
      if (user["name"] == name) {
        return user;
      }
    }
    return Json();
  };
  EXPECT_TRUE(entry("lee")["locked"]);
  EXPECT_EQ(entry("lee")["failures"], 5);
  const std::string fresh_page = send("GET", "/users").body;
  EXPECT_NE(fresh_page.find(R"(<option value="lee">)"), std::string::npos);
  EXPECT_EQ(fresh_page.find(R"(<option value="root")"), std::string::npos);  // not one's own

  // Six minutes on: the forms give way to re-authentication, and changes are refused.
  clock_.advance(std::chrono::minutes(6));
  const Response stale = send("GET", "/users");
  EXPECT_NE(stale.body.find(R"(action="/reauth")"), std::string::npos);
  EXPECT_EQ(stale.body.find(R"(action="/users/unlock")"), std::string::npos);
  const Response refused =
      send("POST", "/api/users/unlock", R"({"name":"lee","verification":"staff card seen"})",
           {{"x-csrf-token", csrf()}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("confirm your password"), std::string::npos);
  const std::string wrong_code = code_at(seeds_["root"], clock_.now() + std::chrono::hours(1));
  EXPECT_EQ(send("POST", "/api/reauth", Json{{"password", kPassword}, {"code", wrong_code}}.dump(),
                 {{"x-csrf-token", csrf()}})
                .status,
            401);
  clock_.advance(std::chrono::seconds(30));
  const std::string code = code_at(seeds_["root"], clock_.now());
  EXPECT_EQ(send("POST", "/reauth", "csrf=x&password=" + url_encode(kPassword) + "&code=" + code,
                 same_site)
                .status,
            403);  // no CSRF token: refused before the password is looked at
  const Response confirmed =
      send("POST", "/reauth",
           "csrf=" + csrf() + "&back=%2Fusers&password=" + url_encode(kPassword) + "&code=" + code,
           same_site);
  ASSERT_EQ(confirmed.status, 303) << confirmed.body;
  EXPECT_EQ(header_of(confirmed, "Location"), "/users");

  // The page's form: a missing verification is refused and what was typed stays.
  const Response unverified =
      send("POST", "/users/unlock",
           "csrf=" + csrf() + "&unlock_name=lee&unlock_verification=", same_site);
  EXPECT_EQ(unverified.status, 400);
  EXPECT_NE(unverified.body.find(R"(role="alert")"), std::string::npos);
  EXPECT_NE(unverified.body.find(R"(<option value="lee" selected>)"), std::string::npos);
  const Response unlocked = send("POST", "/users/unlock",
                                 "csrf=" + csrf() + "&unlock_name=lee&unlock_verification=" +
                                     url_encode("staff card seen, ticket IT-7 <b>"),
                                 same_site);
  ASSERT_EQ(unlocked.status, 303) << unlocked.body;
  EXPECT_NE(send("GET", header_of(unlocked, "Location")).body.find("Unlocked lee"),
            std::string::npos);
  // Never one's own account; a disable needs the token like any change.
  EXPECT_EQ(send("POST", "/api/users/disable", R"({"name":"root","reason":"test"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            403);
  EXPECT_EQ(send("POST", "/api/users/disable", R"({"name":"chair","reason":"left"})").status, 403);
  // A new user through the API: the enrolment comes back once and works.
  const Response added = send("POST", "/api/users/add",
                              Json{{"name", "kao"},
                                   {"display", "Kao <kao@example.com>"},
                                   {"role", "auditor"},
                                   {"password", kPassword}}
                                  .dump(),
                              {{"x-csrf-token", csrf()}});
  ASSERT_EQ(added.status, 200) << added.body;
  const Json enrolment = Json::parse(added.body);
  EXPECT_EQ(enrolment["schema"], "etguard.enrolment");
  seeds_["kao"] = seed_of(enrolment["otpauth_uri"].get<std::string>());
  EXPECT_EQ(send("POST", "/api/users/add", R"({"name":"kao2","role":"emperor","password":"x"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            400);
  const Response page_added = send(
      "POST", "/users/add",
      "csrf=" + csrf() + "&add_name=wu&add_display=Wu&add_role=owner&add_objects=" +
          url_encode("cloud/core-dr, cloud/hr-saas") + "&add_password=" + url_encode(kPassword),
      same_site);
  ASSERT_EQ(page_added.status, 200) << page_added.body;
  EXPECT_NE(page_added.body.find("<svg"), std::string::npos);
  EXPECT_NE(page_added.body.find("otpauth://totp/"), std::string::npos);
  ASSERT_EQ(send("POST", "/api/users/disable", R"({"name":"chair","reason":"left the board"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            200);
  listed = Json::parse(send("GET", "/api/users").body);
  EXPECT_TRUE(entry("chair")["disabled"]);
  EXPECT_FALSE(entry("lee")["locked"]);
  EXPECT_EQ(entry("wu")["objects"], Json({"cloud/core-dr", "cloud/hr-saas"}));
  // The ledger names the administrator for each change.
  const Json ledger = Json::parse(send("GET", "/api/ledger?limit=50").body);
  std::map<std::string, std::string> actor_of;
  for (const Json& line : ledger["latest"]) {
    actor_of.try_emplace(line["action"].get<std::string>(), line["actor"].get<std::string>());
  }
  for (const std::string action : {"user.unlock", "user.add", "user.disable"}) {
    EXPECT_EQ(actor_of[action], "root") << action;
  }
  EXPECT_TRUE(actor_of.contains("login.reauthenticated"));

  become("lee");  // unlocked
  become("kao");  // enrolled through the API
  EXPECT_EQ(send("GET", "/api/users").status, 403);
  cookie_.clear();
  EXPECT_EQ(log_in("chair").status, 401);  // disabled
}

// The reports page: the officer signs off the cycle's report after
// confirming who they are; the board opens what was signed and nothing else;
// the auditor downloads reports and the pack but signs nothing.
TEST_F(SiteTest, ReportsAreDownloadedAndSignedOffByThoseWhoMay) {
  const std::map<std::string, std::string, std::less<>> same_site = {
      {"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}};
  become("mei");
  Json view = Json::parse(send("GET", "/api/reports").body);
  EXPECT_EQ(view["schema"], "etguard.reports");
  ASSERT_EQ(view["cycles"].size(), 1U);
  EXPECT_TRUE(view["cycles"][0]["current"]);
  EXPECT_TRUE(view["may_sign_off"]);
  // A refused sign-off (no statement) keeps the page and says why.
  const Response empty =
      send("POST", "/reports/sign-off", "csrf=" + csrf() + "&statement=&lang=en", same_site);
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find(R"(role="alert")"), std::string::npos);
  const Response signed_off = send(
      "POST", "/reports/sign-off",
      "csrf=" + csrf() + "&lang=en&statement=" + url_encode("Reviewed with the CISO <b>ok</b>"),
      same_site);
  ASSERT_EQ(signed_off.status, 303) << signed_off.body;
  const Response shown = send("GET", header_of(signed_off, "Location"));
  EXPECT_NE(shown.body.find("Reviewed with the CISO &lt;b&gt;ok&lt;/b&gt;"), std::string::npos);
  view = Json::parse(send("GET", "/api/reports").body);
  ASSERT_EQ(view["cycles"][0]["signed_off"].size(), 1U);
  const Json sign_off = view["cycles"][0]["signed_off"][0];
  EXPECT_EQ(sign_off["signed_by"], "mei");
  EXPECT_EQ(sign_off["report"], "report-2027.en.html");
  const std::string sha = sign_off["sha256"];
  // Documents come as attachments, produced from the workspace.
  const Response xlsx = send("GET", "/reports/download?what=report&format=xlsx&lang=zh-TW");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  EXPECT_NE(
      header_of(xlsx, "Content-Disposition").find("attachment; filename=\"report-2027.xlsx\""),
      std::string::npos);
  const Response oscal = send("GET", "/api/reports/download?what=report&format=oscal-ar");
  ASSERT_EQ(oscal.status, 200);
  EXPECT_TRUE(Json::parse(oscal.body).contains("assessment-results"));
  EXPECT_EQ(send("GET", "/reports/download?what=report&format=pdf").status, 400);
  EXPECT_EQ(send("GET", "/reports/download?what=secrets").status, 400);
  EXPECT_EQ(send("GET", "/reports/download?what=report&format=html&cycle=1999").status, 404);
  // Later, the sign-off asks for the password again.
  clock_.advance(std::chrono::minutes(6));
  EXPECT_NE(send("GET", "/reports").body.find(R"(name="back" value="/reports")"),
            std::string::npos);
  EXPECT_EQ(
      send("POST", "/api/reports/sign-off", R"({"statement":"again"})", {{"x-csrf-token", csrf()}})
          .status,
      403);

  become("chair");
  const Response board_view = send("GET", "/reports");
  ASSERT_EQ(board_view.status, 200);
  EXPECT_EQ(board_view.body.find("what=report&amp;"), std::string::npos);  // no downloads
  const Response signed_copy = send("GET", "/reports/download?what=signed&sha256=" + sha);
  ASSERT_EQ(signed_copy.status, 200);
  EXPECT_NE(signed_copy.body.find("<html"), std::string::npos);
  EXPECT_EQ(send("GET", "/reports/download?what=signed&sha256=" + std::string(64, '0')).status,
            404);
  EXPECT_EQ(send("GET", "/reports/download?what=pack").status, 403);
  EXPECT_EQ(send("GET", "/reports/download?what=report&format=html").status, 403);

  become("audit");
  const Response pack = send("GET", "/reports/download?what=pack");
  ASSERT_EQ(pack.status, 200) << pack.body;
  EXPECT_TRUE(pack.body.starts_with("PK"));
  EXPECT_EQ(send("POST", "/api/reports/sign-off", R"({"statement":"audited"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            403);
  const Json ledger = Json::parse(send("GET", "/api/ledger?limit=20").body);
  bool signed_by_mei = false;
  for (const Json& line : ledger["latest"]) {
    signed_by_mei |= line["action"] == "cycle.sign_off" && line["actor"] == "mei";
  }
  EXPECT_TRUE(signed_by_mei);
}

// The scope page says what applies to which register entry and why; an
// owner sees the firm-wide requirements and their own entries, never another
// entry's name; the board sees none of it.
TEST_F(SiteTest, ScopeSaysWhatAppliesAndWhyToThoseWhoMaySee) {
  become("mei");
  const auto line_of = [](const Json& view, std::string_view id) {
    for (const Json& line : view["lines"]) {
      if (line["id"] == id) {
        return line;
      }
    }
    return Json();
  };
  const Json all = Json::parse(send("GET", "/api/scope").body);
  EXPECT_EQ(all["schema"], "etguard.scope");
  const Json encryption = line_of(all, "ET-8.1.1");
  ASSERT_FALSE(encryption.is_null());
  EXPECT_EQ(encryption["subject"], "cloud");
  EXPECT_TRUE(encryption["applies"]);
  EXPECT_EQ(encryption["objects"], 2);           // core-dr and hr-saas
  EXPECT_EQ(encryption["objects_applying"], 1);  // hr-saas is out of scope
  const Json lab_test = line_of(all, "ET-20.3");
  ASSERT_FALSE(lab_test.is_null());
  EXPECT_EQ(lab_test["objects"], 2);
  for (const Json& line : all["lines"]) {
    EXPECT_NE(line["obligation"], "informative") << line["id"];
  }
  // Filters: by chapter (Chapter 4, mobile apps) and by decision.
  const Json chapter4 = Json::parse(send("GET", "/api/scope?chapter=4").body);
  ASSERT_FALSE(chapter4["lines"].empty());
  EXPECT_FALSE(line_of(chapter4, "ET-20.3").is_null());
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  for (const Json& line : chapter4["lines"]) {
    const catalog::Node* node = catalog.node(line["id"].get<std::string>());
    ASSERT_NE(node, nullptr);
    EXPECT_EQ(catalog.article(node->article)->chapter, 4) << node->id;
  }
  const Json excluded = Json::parse(send("GET", "/api/scope?applies=no").body);
  ASSERT_FALSE(excluded["lines"].empty());
  EXPECT_LT(excluded["lines"].size(), all["lines"].size());
  for (const Json& line : excluded["lines"]) {
    EXPECT_FALSE(line["applies"]) << line["id"];
  }
  // One requirement explained: each entry with the facts that decided.
  const Json explained = Json::parse(send("GET", "/api/scope?node=ET-8.1.1").body)["explained"];
  EXPECT_EQ(explained["total"], 2);
  EXPECT_NE(std::ranges::find(explained["conditions"], Json("cloud.in_scope")),
            explained["conditions"].end());
  bool hr_excluded_by_scope = false;
  for (const Json& object : explained["objects"]) {
    if (object["object"] == "cloud/hr-saas") {
      EXPECT_FALSE(object["applies"]);
      for (const Json& fact : object["facts"]) {
        hr_excluded_by_scope |= fact["fact"] == "cloud.in_scope" && fact["value"] == false;
      }
    }
  }
  EXPECT_TRUE(hr_excluded_by_scope);
  const Response page = send("GET", "/scope?node=ET-8.1.1");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("cloud/hr-saas"), std::string::npos);
  EXPECT_NE(page.body.find(R"(href="/scope?node=ET-8.1.1")"), std::string::npos);
  EXPECT_NE(page.body.find("what=soa"), std::string::npos);  // the officer may download it
  EXPECT_NE(page.body.find(R"(class="minibar")"), std::string::npos);
  EXPECT_EQ(send("GET", "/api/scope?applies=maybe").status, 400);
  EXPECT_EQ(send("GET", "/api/scope?chapter=99").status, 400);
  EXPECT_EQ(send("GET", "/api/scope?offset=-1").status, 400);
  EXPECT_EQ(send("GET", "/api/scope?node=ET-99.9").status, 404);

  become("lee");  // owner of cloud/core-dr
  const Json owned = Json::parse(send("GET", "/api/scope").body);
  EXPECT_EQ(line_of(owned, "ET-8.1.1")["objects"], 1);
  EXPECT_TRUE(line_of(owned, "ET-20.3").is_null());  // no app of theirs
  EXPECT_TRUE(std::ranges::any_of(owned["lines"], [](const Json& line) {
    return line["subject"] == "org";
  }));  // the firm-wide requirements
  EXPECT_EQ(Json::parse(send("GET", "/api/scope?node=ET-8.1.1").body)["explained"]["total"], 1);
  for (const std::string target : {"/api/scope", "/scope", "/scope?node=ET-8.1.1",
                                   "/api/scope?node=ET-8.1.1", "/scope?node=ET-20.3"}) {
    const Response shown = send("GET", target);
    ASSERT_EQ(shown.status, 200) << target;
    EXPECT_EQ(shown.body.find("hr-saas"), std::string::npos) << target;
    EXPECT_EQ(shown.body.find("trade-app"), std::string::npos) << target;
    EXPECT_EQ(shown.body.find("what=soa"), std::string::npos) << target;
  }

  become("chair");
  EXPECT_EQ(send("GET", "/api/scope").status, 403);
  EXPECT_EQ(send("GET", "/scope").body.find("ET-8.1.1"), std::string::npos);
}

// The registers on the web: every entry with its facts, details and dates
// for those who see the assessment, filtered and searched; an owner sees
// their entries only; the board none.
TEST_F(SiteTest, RegistersAreShownToThoseWhoMaySeeAndOwnersTheirsOnly) {
  become("mei");
  const Json all = Json::parse(send("GET", "/api/registers").body);
  EXPECT_EQ(all["schema"], "etguard.registers");
  EXPECT_EQ(all["total"], 8);  // the test firm's entries
  const auto count_of = [](const Json& view, std::string_view subject) {
    for (const Json& count : view["counts"]) {
      if (count["register"] == subject) {
        return count["entries"].get<int>();
      }
    }
    return -1;
  };
  EXPECT_EQ(count_of(all, "cloud"), 2);
  EXPECT_EQ(count_of(all, "iot"), 0);  // every register of the catalog is counted
  const Json cloud = Json::parse(send("GET", "/api/registers?register=cloud").body);
  ASSERT_EQ(cloud["entries"].size(), 2U);
  const Json& core = cloud["entries"][0];
  EXPECT_EQ(core["id"], "core-dr");
  EXPECT_EQ(core["owner"], "資訊部");
  EXPECT_EQ(core["facts"]["material"], true);
  EXPECT_EQ(core["dates"]["last_due_diligence"], "2026-03-01");
  const Json searched = Json::parse(send("GET", "/api/registers?q=TRADE").body);
  ASSERT_EQ(searched["entries"].size(), 1U);  // trade-app, either case
  EXPECT_EQ(searched["entries"][0]["id"], "trade-app");
  const Json paged = Json::parse(send("GET", "/api/registers?offset=7").body);
  EXPECT_EQ(paged["entries"].size(), 1U);
  EXPECT_EQ(paged["total"], 8);
  EXPECT_EQ(send("GET", "/api/registers?register=moon").status, 400);
  EXPECT_EQ(send("GET", "/api/registers?offset=x").status, 400);
  const Response page = send("GET", "/registers?register=cloud");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("cloud/core-dr"), std::string::npos);
  EXPECT_NE(page.body.find("資訊部"), std::string::npos);

  become("lee");  // owner of cloud/core-dr
  const Json owned = Json::parse(send("GET", "/api/registers").body);
  ASSERT_EQ(owned["entries"].size(), 1U);
  EXPECT_EQ(owned["entries"][0]["id"], "core-dr");
  EXPECT_EQ(count_of(owned, "mobile_app"), 0);
  for (const std::string target : {"/registers", "/api/registers", "/registers?q=trade"}) {
    const Response shown = send("GET", target);
    ASSERT_EQ(shown.status, 200) << target;
    EXPECT_EQ(shown.body.find("hr-saas"), std::string::npos) << target;
    EXPECT_EQ(shown.body.find("trade-app"), std::string::npos) << target;
  }

  become("chair");
  EXPECT_EQ(send("GET", "/api/registers").status, 403);
  EXPECT_EQ(send("GET", "/registers").body.find("core-dr"), std::string::npos);
}

// Register entries changed on the web through the same checks as the
// terminal's set: by an officer anywhere, by an owner on their own entries
// only (neither adding one nor handing one over), by no one else; a bad date
// is refused and shown again with what was typed.
TEST_F(SiteTest, RegisterEntriesAreChangedByThoseWhoMayWithTheImportsChecks) {
  const auto headers = [&] {
    return std::map<std::string, std::string, std::less<>>{{"x-csrf-token", csrf()}};
  };
  become("mei");
  const Response set = send("POST", "/api/registers/entry",
                            R"({"key":"cloud/core-dr","details":{"regions":"taiwannorth"},
                                "dates":{"last_exit_plan_review":"2026-11-30"}})",
                            headers());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Json::parse(set.body)["changed"], Json::parse(R"(["cloud/core-dr"])"));
  const Json cloud = Json::parse(send("GET", "/api/registers?register=cloud&q=core").body);
  EXPECT_EQ(cloud["entries"][0]["details"]["regions"], "taiwannorth");
  EXPECT_EQ(cloud["entries"][0]["details"]["provider"], "Example Cloud");  // kept
  EXPECT_EQ(cloud["entries"][0]["dates"]["last_exit_plan_review"], "2026-11-30");
  const Response bad =
      send("POST", "/api/registers/entry",
           R"({"key":"cloud/core-dr","dates":{"last_contract_review":"2026-13-01"}})", headers());
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("2026-13-01"), std::string::npos) << bad.body;
  // The form: a removed line removes its detail; a line without a colon is refused.
  const Response form = send("GET", "/registers/entry?key=cloud%2Fcore-dr");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"fact.material\""), std::string::npos);
  const std::string fields =
      "csrf=" + url_encode(csrf()) +
      "&key=cloud%2Fcore-dr&name=" + url_encode("核心系統異地備援（雲端）") +
      "&owner=" + url_encode("資訊部") + "&fact.offshore=yes&details=" +
      url_encode("provider: Example Cloud\nregions: taiwannorth\n") +
      "&dates=" + url_encode("start: 2024-01-15\nlast_due_diligence: 2026-03-01\n");
  const std::map<std::string, std::string, std::less<>> same_site = {
      {"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}};
  const Response saved = send("POST", "/registers/entry", fields, same_site);
  EXPECT_EQ(saved.status, 303) << saved.body;
  const Json after = Json::parse(send("GET", "/api/registers?register=cloud&q=core").body);
  EXPECT_EQ(after["entries"][0]["facts"]["offshore"], true);
  EXPECT_FALSE(after["entries"][0]["details"].contains("model"));  // its line removed
  EXPECT_FALSE(after["entries"][0]["dates"].contains("last_exit_plan_review"));
  const Response no_colon = send("POST", "/registers/entry",
                                 "csrf=" + url_encode(csrf()) +
                                     "&key=cloud%2Fcore-dr&name=x&owner=" + url_encode("資訊部") +
                                     "&details=" + url_encode("just words"),
                                 same_site);
  EXPECT_EQ(no_colon.status, 400);
  EXPECT_NE(no_colon.body.find("details line 1"), std::string::npos) << no_colon.body;
  EXPECT_NE(no_colon.body.find("role=\"alert\""), std::string::npos);

  become("lee");  // owner of cloud/core-dr
  EXPECT_EQ(send("POST", "/api/registers/entry",
                 R"({"key":"cloud/core-dr","details":{"model":"PaaS"}})", headers())
                .status,
            200);
  EXPECT_EQ(
      send("POST", "/api/registers/entry", R"({"key":"cloud/core-dr","owner":"lee2"})", headers())
          .status,
      403);
  EXPECT_EQ(send("POST", "/api/registers/entry", R"({"key":"cloud/hr-saas","details":{"x":"y"}})",
                 headers())
                .status,
            403);
  EXPECT_EQ(
      send("POST", "/api/registers/entry", R"({"key":"cloud/new-one","name":"New"})", headers())
          .status,
      403);
  EXPECT_EQ(send("GET", "/registers/entry?key=cloud%2Fhr-saas").status, 404);

  become("chair");
  EXPECT_EQ(send("POST", "/api/registers/entry", R"({"key":"cloud/core-dr","details":{"x":"y"}})",
                 headers())
                .status,
            403);
}

// A registers file imported on the web: previewed first (a dry run: what
// would be added, changed, removed; nothing changes), then imported, by an
// officer; an owner imports nothing; the registers download as XLSX for
// those who may export.
TEST_F(SiteTest, ARegistersFileIsPreviewedThenImportedAndTheRegistersDownload) {
  const std::string file = R"(format: etguard.registers
format_version: "1.0"
profile: {name: 測試證券股份有限公司, sector: securities}
registers:
  iot:
    - {id: cam-1, name: 大廳攝影機, owner: 總務部, facts: {device: true}}
)";
  const auto upload = [&](std::string_view name, bool dry_run) {
    return send("POST", std::string("/api/registers/import?dry_run=") + (dry_run ? "1" : "0"), file,
                {{"x-csrf-token", csrf()}, {"x-file-name", std::string(name)}});
  };
  become("mei");
  const Response preview = upload("new-devices.yaml", true);
  ASSERT_EQ(preview.status, 200) << preview.body;
  const Json plan = Json::parse(preview.body);
  EXPECT_EQ(plan["schema"], "etguard.registers-import");
  EXPECT_TRUE(plan["dry_run"]);
  EXPECT_EQ(plan["added"], Json::parse(R"(["iot/cam-1"])"));
  EXPECT_TRUE(plan["removed"].empty());  // the other registers are left as they are
  EXPECT_EQ(Json::parse(send("GET", "/api/registers?register=iot").body)["total"], 0);
  const Response imported = upload("new-devices.yaml", false);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_FALSE(Json::parse(imported.body)["dry_run"]);
  EXPECT_EQ(Json::parse(send("GET", "/api/registers?register=iot").body)["total"], 1);
  EXPECT_EQ(upload("devices.txt", true).status, 400);
  EXPECT_NE(send("GET", "/registers").body.find("registers-import"), std::string::npos);

  become("audit");
  const Response xlsx = send("GET", "/registers/download?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  EXPECT_EQ(upload("new-devices.yaml", true).status, 403);
  EXPECT_EQ(send("GET", "/registers").body.find("registers-import"), std::string::npos);

  become("lee");
  EXPECT_EQ(upload("new-devices.yaml", true).status, 403);
  EXPECT_EQ(send("GET", "/registers/download?format=yaml").status, 403);
}

// A register entry removed on the web by an officer (one that results point
// at only when forced; they are kept); never by an owner.
TEST_F(SiteTest, RegisterEntriesAreRemovedByOfficersOnly) {
  const auto remove = [&](std::string_view body) {
    return send("POST", "/api/registers/entry/remove", std::string(body),
                {{"x-csrf-token", csrf()}});
  };
  become("lee");
  EXPECT_EQ(remove(R"({"key":"cloud/core-dr"})").status, 403);
  become("mei");
  EXPECT_NE(
      send("GET", "/registers/entry?key=cloud%2Fhr-saas").body.find("/registers/entry/remove"),
      std::string::npos);
  const Response removed = remove(R"({"key":"cloud/hr-saas"})");
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(Json::parse(removed.body)["removed"], Json::parse(R"(["cloud/hr-saas"])"));
  EXPECT_EQ(Json::parse(send("GET", "/api/registers?register=cloud").body)["total"], 1);
  EXPECT_EQ(remove(R"({"key":"cloud/hr-saas"})").status, 404);
  EXPECT_EQ(remove(R"({"key":"cloud/core-dr","force":"yes"})").status, 400);
}

// The next cycle is started on the web by an officer: previewed first (what
// it would archive and carry over, nothing changed), then started with the
// password confirmed; no one else may start one.
TEST_F(SiteTest, CyclesArePreviewedThenStartedByOfficersOnly) {
  const std::map<std::string, std::string, std::less<>> same_site = {
      {"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}};
  become("mei");
  const auto set = [&](std::string_view line, std::string_view body) {
    ASSERT_EQ(send("POST", fmt::format("/api/result?{}", line), std::string(body),
                   {{"x-csrf-token", csrf()}})
                  .status,
              200);
  };
  set("node=ET-8.3.5&object=cloud%2Fcore-dr", R"({"status":"compliant"})");
  set("node=ET-8.1.1&object=cloud%2Fcore-dr",
      R"({"status":"non_compliant","plan":{"action":"encrypt","owner":"lee","due":"2027-06-30","status":"open"}})");
  const auto cycles = [&] { return Json::parse(send("GET", "/api/reports").body)["cycles"]; };
  EXPECT_TRUE(Json::parse(send("GET", "/api/reports").body)["may_start_cycle"]);

  const Response preview =
      send("POST", "/reports/start-cycle",
           "csrf=" + csrf() + "&cycle_name=2028&cycle_due=&action=preview", same_site);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_NE(preview.body.find("would archive and reset 1 results and carry over 1"),
            std::string::npos)
      << preview.body;
  EXPECT_NE(preview.body.find(R"(value="2028")"), std::string::npos);  // kept in the form
  EXPECT_EQ(cycles().size(), 1U);                                      // nothing changed
  const Json dry = Json::parse(send("POST", "/api/reports/start-cycle",
                                    R"({"name":"2028","dry_run":true})", {{"x-csrf-token", csrf()}})
                                   .body);
  EXPECT_EQ(dry["schema"], "etguard.cycle");
  EXPECT_EQ(dry["cycle"]["results_reset"], 1);
  EXPECT_EQ(dry["cycle"]["carried_over"], 1);
  EXPECT_TRUE(dry["cycle"]["dry_run"]);
  EXPECT_EQ(send("POST", "/api/reports/start-cycle", R"({"name":"2028","dry_run":"maybe"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            400);
  EXPECT_EQ(send("POST", "/reports/start-cycle", "cycle_name=2028&action=start", same_site).status,
            403);  // no CSRF token

  // Later the start asks for the password and code again; a preview does not.
  clock_.advance(std::chrono::minutes(6));
  EXPECT_EQ(
      send("POST", "/api/reports/start-cycle", R"({"name":"2028"})", {{"x-csrf-token", csrf()}})
          .status,
      403);
  EXPECT_EQ(send("POST", "/api/reports/start-cycle", R"({"name":"2028","dry_run":true})",
                 {{"x-csrf-token", csrf()}})
                .status,
            200);
  EXPECT_EQ(cycles().size(), 1U);
  become("mei");  // a login confirms as much as /reauth
  const Response started =
      send("POST", "/reports/start-cycle",
           "csrf=" + csrf() + "&cycle_name=2028&cycle_due=2028-03-31&action=start", same_site);
  ASSERT_EQ(started.status, 303) << started.body;
  EXPECT_NE(send("GET", header_of(started, "Location")).body.find("Cycle 2028 started"),
            std::string::npos);
  ASSERT_EQ(cycles().size(), 2U);
  EXPECT_EQ(cycles()[1]["name"], "2028");
  EXPECT_EQ(cycles()[1]["due_on"], "2028-03-31");
  EXPECT_EQ(cycles()[1]["started_by"], "mei");
  EXPECT_EQ(
      Json::parse(
          send("GET", "/api/result?node=ET-8.3.5&object=cloud%2Fcore-dr").body)["result"]["status"],
      "not_assessed");
  EXPECT_EQ(
      Json::parse(
          send("GET", "/api/result?node=ET-8.1.1&object=cloud%2Fcore-dr").body)["result"]["status"],
      "non_compliant");  // carried over
  const Response again =
      send("POST", "/api/reports/start-cycle", R"({"name":"2028"})", {{"x-csrf-token", csrf()}});
  EXPECT_EQ(again.status, 400);  // a cycle of that name exists
  EXPECT_NE(again.body.find("exists already"), std::string::npos);

  for (const std::string who : {"lee", "audit", "chair"}) {
    become(who);
    EXPECT_FALSE(Json::parse(send("GET", "/api/reports").body)["may_start_cycle"]) << who;
    EXPECT_EQ(send("GET", "/reports").body.find("/reports/start-cycle"), std::string::npos) << who;
    EXPECT_EQ(send("POST", "/api/reports/start-cycle", R"({"name":"2029","dry_run":true})",
                   {{"x-csrf-token", csrf()}})
                  .status,
              403)
        << who;
  }
  EXPECT_EQ(cycles().size(), 2U);
}

// Evidence as a team handles it: the owner uploads for their line, an
// officer approves it; no one reviews what they added (four eyes); files come
// back only as attachments; every review is in the ledger, which verifies.
TEST_F(SiteTest, EvidenceUploadedByOneIsReviewedByAnotherAndNeverByItsAuthor) {
  add_admin();
  const std::string line = "node=ET-8.3.5&object=cloud%2Fcore-dr";
  const auto upload = [&](const std::string& query, std::string body, std::string name) {
    return send("POST", "/api/evidence/upload?" + query, std::move(body),
                {{"x-csrf-token", csrf()}, {"x-file-name", std::move(name)}});
  };
  become("lee");
  const Response added = upload(line + "&from=2027-01-01&to=2027-12-31", "log retention policy v3",
                                url_encode("C:\\policies\\retention 政策.pdf"));
  ASSERT_EQ(added.status, 201) << added.body;
  const Json record = Json::parse(added.body)["record"];
  EXPECT_EQ(record["name"], "retention 政策.pdf");
  EXPECT_EQ(record["added_by"], "lee");
  const std::string id = std::to_string(record["id"].get<std::int64_t>());
  EXPECT_EQ(upload("node=ET-3.1&object=cloud%2Fhr-saas", "x", "a.pdf").status, 403);  // not theirs
  EXPECT_EQ(upload(line, "x", "..").status, 400);
  EXPECT_EQ(send("POST", "/api/evidence/upload?" + line, "x", {{"x-file-name", "a.pdf"}}).status,
            403);  // no CSRF token
  const Response file = send("GET", "/evidence/file?id=" + id);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "log retention policy v3");
  EXPECT_EQ(file.content_type, "application/octet-stream");
  EXPECT_TRUE(header_of(file, "Content-Disposition").starts_with("attachment;"));
  EXPECT_EQ(send("POST", "/api/evidence/review", R"({"id":)" + id + R"(,"decision":"approve"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            403);  // an owner reviews nothing
  const Response owner_page = send("GET", "/assessment/result?" + line);
  EXPECT_NE(owner_page.body.find(R"(<form class="upload edit")"), std::string::npos);
  EXPECT_NE(owner_page.body.find("retention 政策.pdf"), std::string::npos);

  become("mei");
  const Response own = upload("node=ET-4.1&object=org", "cloud policy 2027", "cloud-policy.pdf");
  ASSERT_EQ(own.status, 201) << own.body;
  const std::string own_id =
      std::to_string(Json::parse(own.body)["record"]["id"].get<std::int64_t>());
  Json queue = Json::parse(send("GET", "/api/evidence?pending=1").body);
  EXPECT_EQ(queue["schema"], "etguard.evidence");
  ASSERT_EQ(queue["records"].size(), 2U);
  EXPECT_FALSE(queue["records"][0]["may_review"]);  // mei's own, newest first
  EXPECT_TRUE(queue["records"][1]["may_review"]);
  const Response four_eyes =
      send("POST", "/api/evidence/review", R"({"id":)" + own_id + R"(,"decision":"approve"})",
           {{"x-csrf-token", csrf()}});
  EXPECT_EQ(four_eyes.status, 403);
  EXPECT_NE(four_eyes.body.find("four eyes"), std::string::npos);
  EXPECT_EQ(send("POST", "/api/evidence/review", R"({"id":)" + id + R"(,"decision":"reject"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            400);  // a rejection says why
  const std::map<std::string, std::string, std::less<>> same_site = {
      {"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}};
  const Response approved = send("POST", "/evidence/review",
                                 "csrf=" + csrf() + "&id=" + id + "&decision=approve&comment=" +
                                     url_encode("matches <b>DMS</b>"),
                                 same_site);
  ASSERT_EQ(approved.status, 303) << approved.body;
  const Response page = send("GET", header_of(approved, "Location"));
  EXPECT_NE(page.body.find(R"(role="status")"), std::string::npos);
  Json all = Json::parse(send("GET", "/api/evidence").body);
  ASSERT_EQ(all["records"].size(), 2U);
  EXPECT_EQ(all["records"][1]["review"], "approved");
  EXPECT_EQ(all["records"][1]["reviewed_by"], "mei");
  EXPECT_EQ(all["records"][1]["review_comment"], "matches <b>DMS</b>");
  EXPECT_EQ(send("GET", "/evidence").body.find("<b>DMS"), std::string::npos);  // escaped
  EXPECT_EQ(send("POST", "/api/evidence/review",
                 R"({"id":)" + id + R"(,"decision":"reject","comment":"changed my mind"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            400);  // a review is final

  become("root");
  ASSERT_EQ(send("POST", "/api/evidence/review",
                 R"({"id":)" + own_id + R"(,"decision":"reject","comment":"unsigned draft"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            200);
  become("audit");
  EXPECT_EQ(send("GET", "/evidence/file?id=" + own_id).status, 200);
  EXPECT_EQ(send("POST", "/api/evidence/review", R"({"id":)" + own_id + R"(,"decision":"approve"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            403);
  EXPECT_EQ(send("GET", "/assessment/result?" + line).body.find(R"(<form class="upload)"),
            std::string::npos);
  const Json ledger = Json::parse(send("GET", "/api/ledger?limit=30").body);
  EXPECT_TRUE(ledger["verifies"]) << ledger["problem"];
  int reviews = 0;
  for (const Json& entry : ledger["latest"]) {
    reviews += entry["action"] == "evidence.review" ? 1 : 0;
  }
  EXPECT_EQ(reviews, 2);
  become("chair");
  EXPECT_EQ(send("GET", "/api/evidence").status, 403);
  EXPECT_EQ(send("GET", "/evidence/file?id=" + id).status, 403);
}

// The site keeps the current snapshot between requests: a change through the
// site, or by another process on the same workspace, shows on the next read.
TEST_F(SiteTest, AKeptSnapshotGivesWayToEveryChangeWhoeverMakesIt) {
  become("mei");
  const auto compliant = [&] {
    return Json::parse(send("GET", "/api/dashboard").body)["counts"]["compliant"].get<int>();
  };
  const int before = compliant();
  EXPECT_EQ(compliant(), before);  // read again: the same
  ASSERT_EQ(send("POST", "/api/result?node=ET-8.3.5&object=cloud%2Fcore-dr",
                 R"({"status":"compliant"})", {{"x-csrf-token", csrf()}})
                .status,
            200);
  EXPECT_EQ(compliant(), before + 1);
  {
    // Another process: the terminal, on the same workspace.
    auto session = app::Session::open(dir_, {&clock_, "someone at the terminal", &random_});
    ASSERT_TRUE(session);
    app::ResultChange change;
    change.node_id = "ET-4.1";
    change.object = "org";
    change.status = assess::ResultStatus::kCompliant;
    ASSERT_TRUE(app::change_result(*session, change));
  }
  EXPECT_EQ(compliant(), before + 2);
  clock_.advance(std::chrono::hours(24 * 40));  // another day: counted as of it
  become("mei");
  EXPECT_GT(Json::parse(send("GET", "/api/dashboard").body)["counts"]["overdue"].get<int>(), 0);
}

TEST_F(SiteTest, WhoeverMayChangeALineCommentsOnItAndNoOneElse) {
  const std::map<std::string, std::string, std::less<>> same_site = {
      {"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}};
  const std::string line = "node=ET-8.3.5&object=cloud%2Fcore-dr";
  become("mei");
  const std::string payload = "<img src=x onerror=alert(1)> ask the vendor\r\nfor the key log";
  const Response posted =
      send("POST", "/assessment/comment", line + "&csrf=" + csrf() + "&body=" + url_encode(payload),
           same_site);
  ASSERT_EQ(posted.status, 303) << posted.body;
  const Response page = send("GET", header_of(posted, "Location"));
  EXPECT_NE(page.body.find("&lt;img src=x onerror=alert(1)&gt; ask the vendor\nfor the key log"),
            std::string::npos);
  EXPECT_EQ(page.body.find("<img src=x"), std::string::npos);
  // Empty: refused, with the page again; a comment needs the CSRF token.
  EXPECT_EQ(
      send("POST", "/assessment/comment", line + "&csrf=" + csrf() + "&body=+", same_site).status,
      400);
  EXPECT_EQ(send("POST", "/assessment/comment", line + "&body=forged", same_site).status, 403);
  const Response too_long =
      send("POST", "/assessment/comment",
           line + "&csrf=" + csrf() + "&body=" + std::string(4001, 'x'), same_site);
  EXPECT_EQ(too_long.status, 400);
  EXPECT_NE(too_long.body.find(std::string(4001, 'x')), std::string::npos);  // kept in the box

  become("lee");  // the owner of cloud/core-dr: their line, not the organization's
  const Response api = send("POST", "/api/comments?" + line, R"({"body":"done on 3 March"})",
                            {{"x-csrf-token", csrf()}});
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(Json::parse(api.body)["schema"], "etguard.comment");
  EXPECT_EQ(Json::parse(api.body)["author"], "lee");
  EXPECT_EQ(send("POST", "/api/comments?node=ET-41&object=org", R"({"body":"not mine"})",
                 {{"x-csrf-token", csrf()}})
                .status,
            403);
  for (const std::string name : {"audit", "chair"}) {
    become(name);
    EXPECT_EQ(
        send("POST", "/api/comments?" + line, R"({"body":"a word"})", {{"x-csrf-token", csrf()}})
            .status,
        403)
        << name;
  }
  become("audit");  // reads them, with no box to add one
  const Json read = Json::parse(send("GET", "/api/result?" + line).body);
  EXPECT_EQ(read["version"], "1.1");
  ASSERT_EQ(read["comments"].size(), 2U);
  EXPECT_EQ(read["comments"][0]["author"], "mei");
  EXPECT_EQ(read["comments"][1]["body"], "done on 3 March");
  EXPECT_EQ(send("GET", "/assessment/result?" + line).body.find(R"(action="/assessment/comment")"),
            std::string::npos);
  // Each comment is in the ledger, and the ledger verifies.
  auto session = app::Session::open(dir_, {&clock_, "test", &random_}).value();
  const auto latest = app::latest_ledger_lines(session, 20).value();
  const auto commented = std::ranges::find(latest | std::views::reverse, std::string("comment.add"),
                                           &store::LedgerLine::action);
  ASSERT_NE(commented, (latest | std::views::reverse).end());
  EXPECT_EQ(commented->actor, "lee");
  EXPECT_EQ(commented->object, "ET-8.3.5 cloud/core-dr");
  EXPECT_TRUE(app::verify_ledger(session, "").value().ok());
}

// Every route for every role, as a table: what each may open is decided by
// the application layer (app/access.h), and the server answers the same for
// the page and its API. A new route must be added here.
TEST_F(SiteTest, EachRoleReachesExactlyTheRoutesItsPermissionsAllow) {
  add_admin();
  struct Route {
    std::string_view target;
    int board;  // the status each role gets
    int others;
    int owner = 0;  // 0: as the others
    int admin = 0;  // 0: as the others
  };
  const Route routes[] = {
      {"/", 200, 200},
      {"/api/dashboard", 200, 200},
      {"/api/session", 200, 200},
      {"/api/openapi.json", 200, 200},
      {"/assessment", 403, 200},
      {"/assessment?chapter=2&due=30", 403, 200},
      {"/api/assessment", 403, 200},
      {"/ledger", 403, 200, 403},
      {"/api/ledger?limit=5", 403, 200, 403},
      {"/assessment/result?node=ET-8.3.5&object=cloud%2Fcore-dr", 403, 200},
      {"/api/result?node=ET-8.3.5&object=cloud%2Fcore-dr", 403, 200},
      {"/catalog", 403, 200},
      {"/catalog/articles/35", 403, 200},
      {"/catalog/search?q=OTP", 403, 200},
      {"/api/catalog", 403, 200},
      {"/api/catalog/articles/35", 403, 200},
      {"/api/catalog/search?q=OTP", 403, 200},
      {"/evidence", 403, 200},
      {"/api/evidence?pending=1", 403, 200},
      {"/findings", 403, 200},
      {"/api/findings?object=org", 403, 200},
      {"/security-keys", 200, 200},
      {"/api/security-keys", 200, 200},
      {"/reports", 200, 200},
      {"/api/reports", 200, 200},
      {"/reports/download?what=report&format=html&lang=en", 403, 200, 403},
      {"/api/reports/download?what=soa&format=html", 403, 200, 403},
      {"/users", 403, 403, 0, 200},
      {"/api/users", 403, 403, 0, 200},
      {"/no/such/page", 404, 404},
      {"/api/no-such-route", 404, 404},
  };
  for (const std::string name : {"root", "mei", "lee", "audit", "chair"}) {
    become(name);
    for (const Route& route : routes) {
      const int expected = name == "chair"                      ? route.board
                           : name == "lee" && route.owner != 0  ? route.owner
                           : name == "root" && route.admin != 0 ? route.admin
                                                                : route.others;
      EXPECT_EQ(send("GET", std::string(route.target)).status, expected)
          << name << " " << route.target;
    }
    // A changing request without the session's CSRF token is refused for everyone.
    EXPECT_EQ(send("POST", "/logout", "csrf=forged",
                   {{"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}})
                  .status,
              403)
        << name;
  }
  cookie_.clear();
  for (const Route& route : routes) {
    const int status = send("GET", std::string(route.target)).status;
    if (route.target.starts_with("/api/")) {
      EXPECT_EQ(status, 401) << route.target;
    } else {
      EXPECT_EQ(status, 303) << route.target;  // to the login page
    }
  }
}

TEST_F(SiteTest, SecurityKeysAreOfferedOnTheirOriginAndACodelessLoginWithoutOneIsAWrongCode) {
  // No origin yet: keys can be neither added nor used, and the login says why.
  const Response without_origin =
      send("POST", "/login", "name=mei&password=" + url_encode(kPassword) + "&code=",
           {{"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}});
  EXPECT_EQ(without_origin.status, 401);
  EXPECT_NE(without_origin.body.find("serve --origin"), std::string::npos);
  EXPECT_FALSE(site_->use_origin("https://127.0.0.1:8443"));  // an IP address cannot be one
  ASSERT_TRUE(site_->use_origin("https://localhost:8443"));

  // mei has no key: leaving the code empty is refused and counted as a wrong code.
  const Response codeless =
      send("POST", "/login", "name=mei&password=" + url_encode(kPassword) + "&code=",
           {{"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}});
  EXPECT_EQ(codeless.status, 401);
  EXPECT_EQ(header_of(codeless, "Set-Cookie"), "");
  auto session = app::Session::open(dir_, {&clock_, "admin-on-terminal", &random_}).value();
  const auto listed = app::Users::open(session).value().list().value();
  const auto mei = std::ranges::find(listed, "mei", &app::UserSummary::name);
  ASSERT_NE(mei, listed.end());
  EXPECT_EQ(mei->failures, 1);

  // The keys page: none yet, the form to add one (just logged in), the
  // script; the JSON answer; the options carry a challenge for localhost.
  become("mei");
  const Response page = send("GET", "/security-keys");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"key-add\""), std::string::npos);
  EXPECT_NE(page.body.find("/static/security-keys.js"), std::string::npos);
  EXPECT_EQ(send("GET", "/static/security-keys.js").status, 200);
  const Json keys = Json::parse(send("GET", "/api/security-keys").body);
  EXPECT_EQ(keys["schema"], "etguard.security_keys");
  EXPECT_TRUE(keys["keys"].empty());
  const Response options = send("POST", "/api/security-keys/options", "{}",
                                {{"origin", "https://127.0.0.1:8443"},
                                 {"sec-fetch-site", "same-origin"},
                                 {"x-csrf-token", csrf()}});
  ASSERT_EQ(options.status, 200) << options.body;
  EXPECT_EQ(Json::parse(options.body)["rp_id"], "localhost");
  EXPECT_EQ(Json::parse(options.body)["challenge"].get<std::string>().size(), 64U);
  // A made-up answer is refused with its reason, and nothing is added.
  const Response forged = send(
      "POST", "/api/security-keys/add",
      R"({"name": "fake", "credential_id": "00", "client_data": "7b7d", "authenticator_data": "00", "public_key": "00", "algorithm": "-7"})",
      {{"origin", "https://127.0.0.1:8443"},
       {"sec-fetch-site", "same-origin"},
       {"x-csrf-token", csrf()}});
  EXPECT_EQ(forged.status, 400) << forged.body;
  EXPECT_NE(forged.body.find("not for a registration"), std::string::npos) << forged.body;
  EXPECT_TRUE(Json::parse(send("GET", "/api/security-keys").body)["keys"].empty());

  // Ten minutes later the login is no longer fresh: the page asks for the
  // password and code first, and the API refuses.
  clock_.advance(std::chrono::minutes(10));
  EXPECT_NE(send("GET", "/security-keys").body.find("action=\"/reauth\""), std::string::npos);
  EXPECT_EQ(send("POST", "/api/security-keys/options", "{}",
                 {{"origin", "https://127.0.0.1:8443"},
                  {"sec-fetch-site", "same-origin"},
                  {"x-csrf-token", csrf()}})
                .status,
            403);
}

TEST_F(SiteTest, FindingsAreShownPerObjectLatestFirstAndOnlyToWhoReachesTheObject) {
  {
    auto session = app::Session::open(dir_, {&clock_, "ci-pipeline", &random_}).value();
    ASSERT_TRUE(app::import_findings(
        session,
        {{test_support::tls_finding("trade.example:443", Verdict::kPass)}, "trading/web"}));
    clock_.advance(std::chrono::minutes(1));
    ASSERT_TRUE(app::import_findings(
        session,
        {{test_support::tls_finding("trade.example:443", Verdict::kFail, "2027-03-01T09:01:00Z")},
         "trading/web"}));
  }
  become("mei");
  const Json seen = Json::parse(send("GET", "/api/findings").body);
  EXPECT_EQ(seen["schema"], "etguard.object_findings");
  ASSERT_EQ(seen["objects"].size(), 1U);
  const Json& web = seen["objects"][0];
  EXPECT_EQ(web["object"], "trading/web");
  EXPECT_EQ(web["name"], "網路下單系統");
  ASSERT_EQ(web["checks"].size(), 1U);  // the latest of the two
  EXPECT_EQ(web["checks"][0]["check_id"], "tls.protocol");
  EXPECT_EQ(web["checks"][0]["verdict"], "fail");
  EXPECT_EQ(web["checks"][0]["recorded_by"], "ci-pipeline");
  EXPECT_FALSE(web["checks"][0]["requirements"].empty());
  EXPECT_EQ(web["failed"], 1);
  const Response page = send("GET", "/findings?object=trading%2Fweb");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(R"(<rect class="noncompliant" x="0.0" y="0" width="100.0")"),
            std::string::npos);  // the whole bar failed
  EXPECT_NE(page.body.find("/assessment/result?node=ET-"), std::string::npos);
  // lee owns cloud/core-dr only: nothing of trading/web, by page or API.
  become("lee");
  EXPECT_TRUE(Json::parse(send("GET", "/api/findings").body)["objects"].empty());
  EXPECT_EQ(send("GET", "/findings?object=trading%2Fweb").body.find("tls.protocol"),
            std::string::npos);
  // The board sees no findings at all.
  become("chair");
  EXPECT_EQ(send("GET", "/api/findings").status, 403);
}

TEST_F(SiteTest, AnAdministratorSeesEveryonesKeysAndRemovesALostOne) {
  add_admin();
  {
    auto session = app::Session::open(dir_, {&clock_, "admin-on-terminal", &random_}).value();
    const workspace::SecurityKey key{.id = "5a0102",
                                     .name = "mei's <b>key</b>",
                                     .public_key = "3059",
                                     .algorithm = -7,
                                     .sign_count = 3,
                                     .rp_id = "localhost",
                                     .added_at = "2027-03-01T09:00:00Z"};
    ASSERT_TRUE(session.workspace().update_user(
        "mei", "user.key_add",
        [&](store::UserRecord& user) -> Status {
          user.security_keys = workspace::security_keys_text({key});
          return {};
        },
        "mei"));
  }
  const auto remove = [&](const std::string& user) {
    return send("POST", "/security-keys/remove", "csrf=" + csrf() + "&user=" + user + "&id=5a0102",
                {{"origin", "https://127.0.0.1:8443"}, {"sec-fetch-site", "same-origin"}});
  };
  become("lee");  // not an administrator: not someone else's key
  EXPECT_EQ(remove("mei").status, 403);
  become("root");
  const Response page = send("GET", "/users");
  EXPECT_NE(page.body.find("mei&#39;s &lt;b&gt;key&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(page.body.find(R"(action="/security-keys/remove")"), std::string::npos);
  const Json listed = Json::parse(send("GET", "/api/users").body);
  EXPECT_EQ(listed["version"], "1.1");
  const Response removed = remove("mei");
  EXPECT_EQ(removed.status, 303);
  EXPECT_TRUE(header_of(removed, "Location").starts_with("/users?done="));
  for (const Json& user : Json::parse(send("GET", "/api/users").body)["users"]) {
    EXPECT_TRUE(user["security_keys"].empty()) << user["name"];
  }
  auto session = app::Session::open(dir_, {&clock_, "admin-on-terminal", &random_}).value();
  EXPECT_TRUE(session.workspace().verify_state().value().empty());
}

}  // namespace
}  // namespace etguard::server
