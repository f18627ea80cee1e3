// The use cases on a real workspace, with a fixed clock and a named actor.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "app/assessment.h"
#include "app/coverage.h"
#include "app/cycles.h"
#include "app/findings.h"
#include "app/ledger.h"
#include "app/registers.h"
#include "app/reminders.h"
#include "app/result_view.h"
#include "app/session.h"
#include "app/session_pool.h"
#include "app/snapshot_cache.h"
#include "app/users.h"
#include "catalog/data/embedded.h"
#include "checks/registry.h"
#include "core/atomic_file.h"

namespace etguard::app {
namespace {

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-app-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    session_.emplace(Session::create(dir_, "", {&clock_, "officer"}).value());
    ASSERT_TRUE(import_registers_file(
        *session_, std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml"));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Session& session() { return *session_; }
  std::int64_t ledger_head() {
    const auto lines = latest_ledger_lines(session(), 1).value();
    return lines.empty() ? 0 : lines.back().seq;
  }
  std::int64_t checkpoints() { return verify_ledger(session(), "").value().checkpoints; }

  // A finding of the first TLS check, failing, for `target`.
  static check::Finding tls_finding(const std::string& target) {
    check::Finding finding;
    finding.check = &checks::tls_checks().front().metadata();
    finding.target = target;
    finding.assessment.verdict = Verdict::kFail;
    finding.started_at = "2027-03-01T02:00:00.000Z";
    finding.finished_at = finding.started_at;
    return finding;
  }

  FixedClock clock_ = FixedClock::at("2027-03-01T09:00:00Z");
  std::filesystem::path dir_;
  std::optional<Session> session_;
};

TEST_F(AppTest, TheClockGivenIsTheTimeRecorded) {
  ASSERT_TRUE(set_result(session(),
                         {"ET-41", "org", assess::ResultStatus::kCompliant, "hr", "", "", "", ""}));
  const auto results = session().workspace().load_results().value();
  ASSERT_EQ(results.size(), 1U);
  EXPECT_EQ(results[0].assessed_on, "2027-03-01");  // today, by the injected clock
  const auto lines = latest_ledger_lines(session(), 1).value();
  EXPECT_EQ(lines.back().time, "2027-03-01T09:00:00.000Z");
  EXPECT_EQ(lines.back().actor, "officer");
}

TEST_F(AppTest, ImportingManyFindingsWritesOneCheckpoint) {
  const std::int64_t before = checkpoints();
  FindingsImport request;
  request.object = "trading/web";
  for (int i = 0; i < 25; ++i) {
    request.findings.push_back(tls_finding("trade.example:" + std::to_string(8000 + i)));
  }
  const FindingsImported imported = import_findings(session(), request).value();
  EXPECT_GE(imported.added.size(), 25U);
  EXPECT_EQ(checkpoints(), before + 1);
  for (const assess::Evidence& evidence : imported.added) {
    EXPECT_EQ(evidence.verdict, Verdict::kFail);  // typed end to end
    EXPECT_EQ(evidence.kind, "scan");
    EXPECT_EQ(evidence.effective_from, "2027-03-01");
  }
  EXPECT_TRUE(verify_ledger(session(), "").value().ok());
}

TEST_F(AppTest, AFindingForNoObjectRecordsNothing) {
  const std::int64_t head = ledger_head();
  FindingsImport request;  // no --object, and no entry lists the endpoint
  request.findings.push_back(tls_finding("unknown.example:443"));
  const auto refused = import_findings(session(), request);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("details.endpoints"), std::string::npos);
  EXPECT_EQ(ledger_head(), head);
  EXPECT_TRUE(session().workspace().load_evidence().value().empty());
}

TEST_F(AppTest, AnEditKeepsWhatItDoesNotName) {
  const auto before = session().workspace().load_registers().value();
  const auto& entry = before.entries.front();
  ASSERT_TRUE(
      set_entry(session(), {entry.key(), std::nullopt, std::string("new owner"), {}, {}, {}}));
  const auto after = session().workspace().load_registers().value();
  EXPECT_EQ(after.entries.front().owner, "new owner");
  EXPECT_EQ(after.entries.front().name, entry.name);
  EXPECT_EQ(after.entries.front().facts, entry.facts);
  EXPECT_EQ(after.entries.size(), before.entries.size());
}

TEST_F(AppTest, AnEditThatBreaksTheRulesChangesNothing) {
  const std::int64_t head = ledger_head();
  const auto refused = set_entry(
      session(), {"cloud/new", std::string("New"), std::nullopt, {{"no_such_fact", true}}, {}, {}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kInput);
  EXPECT_EQ(ledger_head(), head);
}

// Issue 15.25: a link that would run script in a report is refused.
TEST_F(AppTest, ScriptingLinksAreRefused) {
  for (const char* link :
       {"javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:msgbox"}) {
    const auto refused = add_evidence(session(), {"ET-41", "org", {}, link, "policy", "", ""});
    ASSERT_FALSE(refused) << link;
    EXPECT_EQ(refused.error().kind, ErrorKind::kUsage);
  }
  EXPECT_TRUE(
      add_evidence(session(), {"ET-41", "org", {}, "https://intranet/policy", "policy", "", ""}));
  EXPECT_TRUE(add_evidence(session(), {"ET-41", "org", {}, "dms://policies/41", "", "", ""}));
}

TEST_F(AppTest, ACycleStartsOnTheClocksToday) {
  const CycleStarted started = start_cycle(session(), {"2027", "", "", false}).value();
  EXPECT_EQ(started.started_on, "2027-03-01");
  const auto cycles = list_cycles(session()).value();
  ASSERT_EQ(cycles.size(), 1U);
  EXPECT_EQ(cycles[0].started_by, "officer");
}

}  // namespace
}  // namespace etguard::app

namespace etguard::app {
namespace {

TEST_F(AppTest, AKeptSessionReadsWhatWasCommittedSinceAndActsForItsNewCaller) {
  SnapshotCache snapshots;
  SessionPool pool(
      session().root(),
      {.clock = &clock_, .actor = {}, .random = &system_random(), .snapshots = &snapshots}, 1);
  const Session* first = nullptr;
  std::size_t seen = 0;
  {
    auto lease = pool.lease("mei", false).value();
    first = &lease.get();
    EXPECT_EQ(lease.get().actor(), "mei");
    seen = lease.get().current_snapshot().value()->results.size();
  }
  // A change committed elsewhere (here: the terminal's session) after the
  // kept session answered.
  ASSERT_TRUE(set_result(session(),
                         {"ET-41", "org", assess::ResultStatus::kCompliant, "hr", "", "", "", ""}));
  auto again = pool.lease("lee", false).value();
  EXPECT_EQ(&again.get(), first);  // the same session, kept
  EXPECT_EQ(again.get().actor(), "lee");
  EXPECT_EQ(again.get().current_snapshot().value()->results.size(), seen + 1);
  // A session that writes is opened for its caller and not kept.
  auto writer = pool.lease("mei", true).value();
  EXPECT_NE(&writer.get(), first);
  EXPECT_TRUE(set_result(
      writer.get(), {"ET-41", "org", assess::ResultStatus::kNonCompliant, "hr", "", "", "", ""}));
  EXPECT_EQ(latest_ledger_lines(session(), 1).value().back().actor, "mei");
}

TEST(SnapshotCacheTest, CallersAskingTogetherWaitForOneLoad) {
  SnapshotCache cache;
  std::atomic<int> loads = 0;
  const SnapshotCache::Loader load = [&]() -> Result<std::shared_ptr<const Snapshot>> {
    ++loads;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return std::make_shared<const Snapshot>();
  };
  std::vector<std::shared_ptr<const Snapshot>> got(8);
  {
    std::vector<std::jthread> callers;
    for (std::size_t i = 0; i < got.size(); ++i) {
      callers.emplace_back([&, i] { got[i] = cache.at({1, "h1", "2027-03-01"}, load).value(); });
    }
  }
  EXPECT_EQ(loads, 1);
  for (const auto& snapshot : got) {
    EXPECT_EQ(snapshot, got.front());
  }
  // Another state loads again; an older one loaded late does not replace it.
  const auto newer = cache.at({2, "h2", "2027-03-01"}, load).value();
  EXPECT_EQ(loads, 2);
  EXPECT_NE(newer, got.front());
  (void)cache.at({1, "h1", "2027-03-01"}, load).value();
  EXPECT_EQ(cache.at({2, "h2", "2027-03-01"}, load).value(), newer);
  EXPECT_EQ(loads, 3);
}

TEST_F(AppTest, ALoginLeavesTheSnapshotStandingAndAChangeDoesNot) {
  SnapshotCache snapshots;
  SessionPool pool(
      session().root(),
      {.clock = &clock_, .actor = {}, .random = &system_random(), .snapshots = &snapshots});
  auto users = Users::open(session()).value();
  ASSERT_TRUE(users.add({"mei", "Mei <mei@broker.example>", "officer", {}},
                        "correct horse battery staple 2027"));
  auto reader = pool.lease("mei", false).value();
  const auto before = reader.get().current_snapshot().value();
  // A failed login is a ledger entry, and changes nothing a snapshot holds.
  EXPECT_FALSE(users.log_in("mei", "not the password at all", "000000", "127.0.0.1"));
  ASSERT_EQ(latest_ledger_lines(session(), 1).value().back().action, "login.failure");
  EXPECT_EQ(reader.get().current_snapshot().value(), before);
  ASSERT_TRUE(set_result(session(),
                         {"ET-41", "org", assess::ResultStatus::kCompliant, "hr", "", "", "", ""}));
  EXPECT_NE(reader.get().current_snapshot().value(), before);
}

// A kept snapshot patched with a few changed results is the snapshot a whole
// load gives: every line and every result the same; any other change (here
// a new cycle) loads it whole again.
TEST_F(AppTest, APatchedSnapshotIsTheOneAWholeLoadGives) {
  SnapshotCache snapshots;
  SessionPool pool(
      session().root(),
      {.clock = &clock_, .actor = {}, .random = &system_random(), .snapshots = &snapshots});
  ASSERT_TRUE(start_cycle(session(), {.name = "2027", .today = {}, .due_on = "2027-03-20"}));
  ASSERT_TRUE(set_result(session(),
                         {"ET-41", "org", assess::ResultStatus::kCompliant, "hr", "", "", "", ""}));
  auto reader = pool.lease("mei", false).value();
  const auto before = reader.get().current_snapshot().value();
  EXPECT_EQ(snapshots.counts().loaded, 1U);
  const auto change = [&](ResultChange wanted) {
    auto changed = change_result(session(), wanted);
    ASSERT_TRUE(changed) << wanted.node_id << " " << wanted.object << ": "
                         << changed.error().message;
  };
  // A new line, a changed one, an open problem with its plan, a
  // justification, a hand-set due date, and a comment.
  change({.node_id = "ET-8.3.5",
          .object = "cloud/core-dr",
          .status = assess::ResultStatus::kCompliant});
  change({.node_id = "ET-41",
          .object = "org",
          .status = assess::ResultStatus::kNonCompliant,
          .plan_action = "train everyone",
          .plan_owner = "hr",
          .plan_due = "2027-04-30"});
  change({.node_id = "ET-20.3",
          .object = "mobile_app/trade-app",
          .status = assess::ResultStatus::kPartiallyCompliant,
          .due_date = "2027-03-10"});
  change({.node_id = "ET-8.1.1",
          .object = "cloud/core-dr",
          .status = assess::ResultStatus::kNotApplicable,
          .justification = "no customer data"});
  ASSERT_TRUE(comment_as(session(),
                         {.name = "officer", .display = "", .role = Role::kOfficer, .objects = {}},
                         "ET-41", "org", "due to HR"));
  const auto patched = reader.get().current_snapshot().value();
  EXPECT_EQ(snapshots.counts().patched, 1U);
  EXPECT_EQ(snapshots.counts().loaded, 1U);
  const Snapshot whole = session().snapshot().value();
  ASSERT_EQ(patched->lines.size(), whole.lines.size());
  for (std::size_t i = 0; i < whole.lines.size(); ++i) {
    const assess::StatusLine& a = patched->lines[i];
    const assess::StatusLine& b = whole.lines[i];
    const std::string at = std::string(b.node->id) + " " + b.object;
    EXPECT_EQ(a.node, b.node) << at;
    EXPECT_EQ(a.object, b.object) << at;
    EXPECT_EQ(a.status, b.status) << at;
    EXPECT_EQ(a.owner, b.owner) << at;
    EXPECT_EQ(a.due, b.due) << at;
    EXPECT_EQ(a.state, b.state) << at;
    EXPECT_EQ(a.plan, b.plan) << at;
    EXPECT_EQ(a.days_left, b.days_left) << at;
  }
  const auto sorted = [](std::vector<assess::Result> results) {
    std::ranges::sort(results, {},
                      [](const assess::Result& r) { return std::pair(r.node_id, r.object); });
    std::vector<std::string> out;
    for (const assess::Result& r : results) {
      out.push_back(fmt::format("{} {} {} {} {} {} {} {} {}", r.node_id, r.object,
                                assess::to_string(r.status), r.owner, r.justification, r.due_date,
                                r.assessed_on, r.plan.action, r.plan.due_on));
    }
    return out;
  };
  EXPECT_EQ(sorted(patched->results), sorted(whole.results));
  EXPECT_NE(sorted(patched->results), sorted(before->results));
  // A change a patch does not cover: loaded whole.
  ASSERT_TRUE(start_cycle(session(), {.name = "2028", .today = {}, .due_on = "2027-06-30"}));
  const auto reloaded = reader.get().current_snapshot().value();
  EXPECT_EQ(snapshots.counts().loaded, 2U);
  EXPECT_EQ(reloaded->cycle, "2028");
}

TEST(CoverageTest, TheChecksBehindAClauseComeFromTheRegistry) {
  std::set<std::string_view> ids;
  for (const check::CheckInfo* info : checks_proving("ET-34.1")) {
    ids.insert(info->id);
  }
  EXPECT_TRUE(ids.contains("tls.protocol"));
  EXPECT_TRUE(checks_proving("ET-41").empty());  // training: an officer's judgement
}

TEST(CoverageTest, EveryRequirementIsCountedOnceAndCitedOnesAreAutomated) {
  const auto& catalog = catalog::embedded_catalog();
  int requirements = 0;
  for (const catalog::Node* node : catalog.all_nodes()) {
    requirements += node->obligation != catalog::Obligation::kInformative ? 1 : 0;
  }
  int counted = 0;
  for (const ChapterCoverage& row : coverage(catalog)) {
    counted += row.automated + row.partly + row.manual;
    for (std::string_view id : row.automated_ids) {
      EXPECT_EQ(automation_of(catalog, *catalog.node(id)), Automation::kAutomated) << id;
    }
  }
  EXPECT_EQ(counted, requirements);
  EXPECT_EQ(automation_of(catalog, *catalog.node("ET-34.1")), Automation::kAutomated);
  EXPECT_EQ(automation_of(catalog, *catalog.node("ET-41")), Automation::kManual);
}

}  // namespace
}  // namespace etguard::app

namespace etguard::app {
namespace {

// The ledger key is drawn from the randomness the environment gives.
TEST(SessionTest, TheLedgerKeyComesFromTheInjectedRandomness) {
  const auto base =
      std::filesystem::temp_directory_path() / ("etg-app-random-" + std::to_string(::getpid()));
  std::filesystem::remove_all(base);
  const FixedClock clock = FixedClock::at("2027-01-01");
  const auto key = [&](const char* name, std::uint64_t seed) {
    const SeededRandom random(seed);
    return Session::create(base / name, "", {&clock, "officer", &random})
        .value()
        .workspace()
        .public_key_hex();
  };
  const std::string first = key("a", 42);
  EXPECT_EQ(key("b", 42), first);
  EXPECT_NE(key("c", 43), first);
  std::filesystem::remove_all(base);
}

// Issue 14.7: evidence withdrawn after a cycle closed is shown in that
// cycle's report as it stood then; the current one shows it withdrawn.
TEST_F(AppTest, AClosedCycleShowsEvidenceAsItStoodWhenItClosed) {
  ASSERT_TRUE(start_cycle(session(), {"2027", "2027-01-04", "", false}));
  ASSERT_TRUE(add_evidence(session(), {"ET-41", "org", {}, "dms://training/2027", "plan", "", ""}));
  ASSERT_TRUE(start_cycle(session(), {"2028", "2027-03-02", "", false}));
  clock_.advance(std::chrono::hours(24 * 3));  // 2027-03-04
  ASSERT_TRUE(withdraw_evidence(session(), 1, "replaced by the 2028 plan"));
  const auto closed = session().snapshot({}, "2027").value();
  ASSERT_EQ(closed.evidence.size(), 1U);
  EXPECT_FALSE(closed.evidence[0].withdrawn());
  const auto current = session().snapshot().value();
  ASSERT_EQ(current.evidence.size(), 1U);
  EXPECT_EQ(current.evidence[0].withdrawn_reason, "replaced by the 2028 plan");
  EXPECT_EQ(current.evidence[0].withdrawn_at.substr(0, 10), "2027-03-04");
  // Withdrawn before the close: the closed cycle shows it withdrawn too.
  ASSERT_TRUE(add_evidence(session(), {"ET-41", "org", {}, "dms://training/b", "b", "", ""}));
  ASSERT_TRUE(withdraw_evidence(session(), 2, "duplicate"));
  ASSERT_TRUE(start_cycle(session(), {"2029", "2027-03-05", "", false}));
  const auto closed_2028 = session().snapshot({}, "2028").value();
  ASSERT_EQ(closed_2028.evidence.size(), 2U);
  EXPECT_TRUE(closed_2028.evidence[1].withdrawn());
}

}  // namespace
}  // namespace etguard::app

namespace etguard::app {
namespace {

TEST(DigestDueTest, TheDigestHourIsUtcAndCountsFromItsStartToTheDaysEnd) {
  const auto at = [](const char* iso) { return *parse_utc(iso); };
  EXPECT_FALSE(digest_due(8, at("2027-01-15T07:59:59Z")));
  EXPECT_TRUE(digest_due(8, at("2027-01-15T08:00:00Z")));
  EXPECT_TRUE(digest_due(8, at("2027-01-15T23:59:59Z")));  // a server started late still sends
  EXPECT_TRUE(digest_due(0, at("2027-01-15T00:00:00Z")));
  EXPECT_FALSE(digest_due(23, at("2027-01-15T22:30:00Z")));
}

}  // namespace
}  // namespace etguard::app
