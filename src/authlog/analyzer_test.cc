// Every rule of docs/authlog.md on both sides of its thresholds, through the
// same path as the CLI: JSON lines -> JsonlParser -> Analyzer.
#include "authlog/analyzer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "authlog/fields.h"
#include "authlog/parse_jsonl.h"
#include "authlog/parse_syslog.h"

namespace etguard::authlog {
namespace {

constexpr std::int64_t kDay = 1741737600000;  // 2025-03-12T00:00:00Z
constexpr std::int64_t kMinute = 60'000;

class Day {
 public:
  // Names only for the actions the analyzer says it reads, as a scan does:
  // every rule below is judged without the others' names.
  explicit Day(Policy policy = {})
      : analyzer_(strings_, std::move(policy)), parser_(strings_, Analyzer::actions_with_names()) {}

  void account(const std::string& name, bool locked = false, int failures = 0,
               std::int64_t password_changed = kDay - 10 * 86'400'000LL) {
    AccountSnapshot snapshot;
    snapshot.locked = locked;
    snapshot.consecutive_failures = static_cast<std::uint16_t>(failures);
    snapshot.customer = true;
    snapshot.password_changed_ms = password_changed;
    analyzer_.set_account(strings_.intern(name), snapshot);
  }

  // A login; returns its event id.
  std::uint64_t login(std::int64_t at, const std::string& user, bool success,
                      const std::string& reason = "bad_password", const std::string& ip = "1.2.3.4",
                      const std::string& factors = R"("password","sms_otp")", bool existing = true,
                      const std::string& service = "eb-web",
                      std::int64_t password_changed = kDay - 10 * 86'400'000LL) {
    const std::uint64_t id = ++next_id_;
    std::string line = fmt::format(
        R"({{"@timestamp":"{}","event":{{"id":"{:016x}","action":"login","outcome":"{}"{}}},)"
        R"("service":{{"name":"{}"}},"user":{{"name":"{}"{}}},"source":{{"ip":"{}"}},)"
        R"("auth":{{"factors":[{}]{}}}}})",
        format_time(at), id, success ? "success" : "failure",
        success ? "" : fmt::format(R"(,"reason":"{}")", reason), service, user,
        existing ? fmt::format(R"(,"id":"9800-1","type":"{}")",
                               service == "core-trading" ? "employee" : "customer")
                 : "",
        ip, factors,
        success ? fmt::format(R"(,"password_last_changed":"{}")", format_time(password_changed))
                : "");
    feed(line);
    return id;
  }
  std::uint64_t event(std::int64_t at, const std::string& user, const std::string& action,
                      const std::string& extra = "") {
    const std::uint64_t id = ++next_id_;
    feed(fmt::format(
        R"({{"@timestamp":"{}","event":{{"id":"{:016x}","action":"{}","outcome":"success"}},)"
        R"("user":{{"name":"{}","id":"9800-1","type":"customer"}}{}}})",
        format_time(at), id, action, user, extra));
    return id;
  }
  void notify(std::int64_t at, const std::string& user, std::uint64_t ref,
              const std::string& status = "sent") {
    event(at, user, "notification_sent",
          fmt::format(R"(,"notification":{{"kind":"login","status":"{}"}},)"
                      R"("labels":{{"ref_event_id":"{:016x}"}})",
                      status, ref));
  }
  void unlock(std::int64_t at, const std::string& user, const std::string& verification) {
    event(at, user, "account_unlock", verification.empty() ? "" : ",\"auth\":" + verification);
  }

  std::vector<Finding> run() {
    analyzer_.finish();
    return analyzer_.findings();
  }
  int count(const std::string& type) {
    if (!finished_) {
      findings_ = run();
      finished_ = true;
    }
    int n = 0;
    for (const Finding& finding : findings_) {
      n += finding.type == type ? 1 : 0;
    }
    return n;
  }
  const DailySummary& summary() const { return analyzer_.summary(); }

 private:
  void feed(const std::string& line) {
    std::string padded = line + std::string(JsonlParser::kPadding, ' ');
    std::string problem;
    ASSERT_TRUE(parser_.parse(std::string_view(padded.data(), line.size()), padded.size(), problem))
        << problem << "\n"
        << line;
    while (const Event* parsed = parser_.next(true)) {
      analyzer_.add(*parsed);
    }
  }

  Interner strings_;
  Analyzer analyzer_;
  JsonlParser parser_;
  std::uint64_t next_id_ = 0;
  bool finished_ = false;
  std::vector<Finding> findings_;
};

// A sent notification for every customer login, so only the rule under test fires.
std::uint64_t notified_login(Day& day, std::int64_t at, const std::string& user,
                             const std::string& factors = R"("password","sms_otp")") {
  const std::uint64_t id = day.login(at, user, true, "", "1.2.3.4", factors);
  day.notify(at + 5000, user, id);
  return id;
}

TEST(Lockout, TheSixthConsecutiveBadPasswordIsAViolationTheFifthIsNot) {
  Day five;
  Day six;
  for (int i = 0; i < 6; ++i) {
    if (i < 5) {
      five.login(kDay + i * kMinute, "A1", false);
    }
    six.login(kDay + i * kMinute, "A1", false);
  }
  EXPECT_EQ(five.count("lockout_not_enforced"), 0);
  EXPECT_EQ(six.count("lockout_not_enforced"), 1);
}

TEST(Rules, TheThresholdsAreTheRulesNotConstants) {
  Policy strict;
  strict.lock_threshold = 3;
  strict.attacks.brute_short = 4;
  Day day(strict);
  for (int i = 0; i < 4; ++i) {
    day.login(kDay + i * kMinute, "A1", false);
  }
  EXPECT_EQ(day.count("lockout_not_enforced"), 1);  // the 4th, with a threshold of 3
  EXPECT_EQ(day.count("brute_force"), 1);           // 4 in 10 minutes

  Policy channels;
  channels.customer_channels = {"branch-terminal"};
  Day other(channels);
  Day usual;
  for (int i = 0; i < 60; ++i) {  // quiet sources on eb-web: stuffing only where it is a channel
    const std::string ip = "10.0." + std::to_string(i) + ".1";
    for (const std::string& name : {"U" + std::to_string(2 * i), "U" + std::to_string(2 * i + 1)}) {
      other.login(kDay + i * 1000, name, false, "unknown_user", ip);
      usual.login(kDay + i * 1000, name, false, "unknown_user", ip);
    }
  }
  EXPECT_EQ(usual.count("credential_stuffing"), 1);
  EXPECT_EQ(other.count("credential_stuffing"), 0);
}

TEST(Lockout, TheSnapshotCountCarriesOverAndOtherFailuresNeitherCountNorReset) {
  Day day;
  day.account("A1", false, 3);
  day.login(kDay, "A1", false);
  day.login(kDay + kMinute, "A1", false, "account_locked");
  day.login(kDay + 2 * kMinute, "A1", false, "bad_otp");
  day.login(kDay + 3 * kMinute, "A1", false);
  EXPECT_EQ(day.count("lockout_not_enforced"), 0);  // 5 so far
  Day more;
  more.account("A1", false, 3);
  for (int i = 0; i < 3; ++i) {
    more.login(kDay + i * kMinute, "A1", false);
  }
  EXPECT_EQ(more.count("lockout_not_enforced"), 1);  // 3 + 3 = 6
}

TEST(Lockout, OneFindingPerStreakAndASuccessResets) {
  Day day;
  for (int i = 0; i < 8; ++i) {
    day.login(kDay + i * kMinute, "A1", false);
  }
  notified_login(day, kDay + 20 * kMinute, "A1");
  for (int i = 0; i < 5; ++i) {
    day.login(kDay + (30 + i) * kMinute, "A1", false);
  }
  EXPECT_EQ(day.count("lockout_not_enforced"), 1);
}

TEST(SuccessWithoutUnlock, LockedOrFiveFailuresThenSuccess) {
  Day locked;
  locked.event(kDay, "A1", "account_lock");
  notified_login(locked, kDay + kMinute, "A1");
  EXPECT_EQ(locked.count("success_without_unlock"), 1);

  Day unlocked;
  unlocked.event(kDay, "A1", "account_lock");
  unlocked.unlock(kDay + kMinute, "A1",
                  R"({"verification":{"method":"video_kyc","result":"success"}})");
  notified_login(unlocked, kDay + 2 * kMinute, "A1");
  EXPECT_EQ(unlocked.count("success_without_unlock"), 0);

  Day five;
  Day four;
  for (int i = 0; i < 5; ++i) {
    five.login(kDay + i * kMinute, "A1", false);
    if (i < 4) {
      four.login(kDay + i * kMinute, "A1", false);
    }
  }
  notified_login(five, kDay + 10 * kMinute, "A1");
  notified_login(four, kDay + 10 * kMinute, "A1");
  EXPECT_EQ(five.count("success_without_unlock"), 1);
  EXPECT_EQ(four.count("success_without_unlock"), 0);

  Day carried;
  carried.account("A1", true);
  notified_login(carried, kDay, "A1");
  EXPECT_EQ(carried.count("success_without_unlock"), 1);
}

TEST(UnlockWithoutVerification, MissingUnknownOrFailedVerification) {
  for (const auto& [verification, expected] : std::vector<std::pair<std::string, int>>{
           {"", 1},
           {R"({"verification":{"method":"agent_override","result":"success"}})", 1},
           {R"({"verification":{"method":"branch_id_check","result":"failed"}})", 1},
           {R"({"verification":{"method":"branch_id_check","result":"success"}})", 0},
           {R"({"verification":{"method":"it_helpdesk_in_person","result":"success"}})", 0}}) {
    Day day;
    day.unlock(kDay, "A1", verification);
    EXPECT_EQ(day.count("unlock_without_verification"), expected) << verification;
  }
}

TEST(SingleFactor, FactorTypesNotFactorCount) {
  for (const auto& [factors, expected] :
       std::vector<std::pair<std::string, int>>{{R"("password")", 1},
                                                {R"("password","pin")", 1},
                                                {R"("sms_otp","device_binding")", 1},
                                                {R"("password","sms_otp")", 0},
                                                {R"("face_id","device_binding")", 0}}) {
    Day day;
    notified_login(day, kDay, "A1", factors);
    EXPECT_EQ(day.count("single_factor_login"), expected) << factors;
  }
}

TEST(Notification, WithinThreeHundredSecondsAndSent) {
  for (const auto& [delay_s, status, expected] : std::vector<std::tuple<int, std::string, int>>{
           {299, "sent", 0}, {-299, "sent", 0}, {301, "sent", 1}, {10, "failed", 1}}) {
    Day day;
    const std::uint64_t id = day.login(kDay, "A1", true, "", "1.2.3.4");
    day.notify(kDay + delay_s * 1000LL, "A1", id, status);
    EXPECT_EQ(day.count("login_without_notification"), expected) << delay_s << status;
  }
  Day trade;
  const std::uint64_t order = trade.event(kDay, "A1", "trade_order");
  trade.event(kDay + kMinute, "A1", "trade_order");
  trade.notify(kDay + 1000, "A1", order);
  EXPECT_EQ(trade.count("trade_without_notification"), 1);  // the second order
}

// Answers that come before their login are kept, every one of them: a failed
// and a sent notification and a prompt for the same login, and one too early.
TEST(Notification, EveryAnswerBeforeItsLoginCounts) {
  for (const auto& [sent_s, prompt_s, missing_notice, missing_prompt] :
       std::vector<std::tuple<int, int, int, int>>{
           {-100, -30, 0, 0}, {-100, -90, 0, 1}, {-301, -30, 1, 0}, {-301, -90, 1, 1}}) {
    Day day;
    const std::uint64_t id = day.login(kDay, "A1", true, "", "1.2.3.4", R"("password","sms_otp")",
                                       true, "eb-web", kDay - 91 * 86'400'000LL);
    day.notify(kDay - 200'000, "A1", id, "failed");
    day.notify(kDay + sent_s * 1000LL, "A1", id);
    day.event(kDay + prompt_s * 1000LL, "A1", "password_change_prompt",
              fmt::format(R"(,"labels":{{"ref_event_id":"{:016x}"}})", id));
    day.notify(kDay - 250'000, "A1", id + 1);  // answers another event
    EXPECT_EQ(day.count("login_without_notification"), missing_notice) << sent_s << " " << prompt_s;
    EXPECT_EQ(day.count("stale_password_not_prompted"), missing_prompt)
        << sent_s << " " << prompt_s;
  }
}

TEST(Notification, EmployeesAreNotCustomers) {
  Day day;
  day.login(kDay, "e10001", true, "", "10.0.0.1", R"("password","client_cert")", true,
            "core-trading");
  EXPECT_EQ(day.count("login_without_notification"), 0);
  Day customer;
  customer.login(kDay, "A1", true, "", "1.2.3.4");
  EXPECT_EQ(customer.count("login_without_notification"), 1);
}

TEST(StalePassword, OverNinetyDaysNeedsAPromptWithinSixtySeconds) {
  for (const auto& [age_days, prompt_s, expected] :
       std::vector<std::tuple<int, int, int>>{{91, -1, 1}, {91, 59, 0}, {91, 61, 1}, {89, -1, 0}}) {
    Day day;
    const std::uint64_t id = day.login(kDay, "A1", true, "", "1.2.3.4", R"("password","sms_otp")",
                                       true, "eb-web", kDay - age_days * 86'400'000LL);
    day.notify(kDay + 1000, "A1", id);
    if (prompt_s >= 0) {
      day.event(kDay + prompt_s * 1000LL, "A1", "password_change_prompt",
                fmt::format(R"(,"labels":{{"ref_event_id":"{:016x}"}})", id));
    }
    EXPECT_EQ(day.count("stale_password_not_prompted"), expected) << age_days << " " << prompt_s;
  }
}

TEST(BruteForce, TenInTenMinutesOrTwentyInAnHour) {
  for (const auto& [attempts, spacing_s, expected] : std::vector<std::tuple<int, int, int>>{
           {10, 30, 1}, {9, 30, 0}, {20, 170, 1}, {19, 170, 0}}) {
    Day day;
    for (int i = 0; i < attempts; ++i) {
      day.login(kDay + i * spacing_s * 1000LL, "A1", false, "account_locked", "5.6.7.8");
    }
    EXPECT_EQ(day.count("brute_force"), expected) << attempts << "x" << spacing_s;
  }
}

TEST(BruteForce, AnIpv6SlashSixtyFourIsOneSource) {
  Day day;
  for (int i = 0; i < 10; ++i) {
    day.login(kDay + i * 30'000LL, "A1", false, "account_locked",
              fmt::format("2001:db8:1:2::{:x}", i + 1));
  }
  EXPECT_EQ(day.count("brute_force"), 1);
}

TEST(Enumeration, TwentyUnknownNamesInAnHour) {
  for (const int names : {20, 19}) {
    Day day;
    for (int i = 0; i < names; ++i) {
      day.login(kDay + i * 60'000LL, fmt::format("nobody{}", i), false, "unknown_user", "9.9.9.9",
                R"("password")", false);
    }
    EXPECT_EQ(day.count("account_enumeration"), names == 20 ? 1 : 0) << names;
  }
}

TEST(Spray, TwentyAccountsInAnHourFromOneSourceThatMostlyFails) {
  for (const auto& [accounts, successes, expected] :
       std::vector<std::tuple<int, int, int>>{{20, 0, 1}, {19, 0, 0}, {20, 10, 0}}) {
    Day day;
    for (int i = 0; i < accounts; ++i) {
      day.login(kDay + i * 60'000LL, fmt::format("A{}", i), false, "bad_password", "7.7.7.7");
    }
    for (int i = 0; i < successes; ++i) {
      const std::uint64_t id =
          day.login(kDay + (40 + i) * 60'000LL, fmt::format("B{}", i), true, "", "7.7.7.7");
      day.notify(kDay + (40 + i) * 60'000LL + 1000, fmt::format("B{}", i), id);
    }
    EXPECT_EQ(day.count("password_spray"), expected) << accounts << " " << successes;
  }
}

TEST(DistributedBruteForce, TwentyFailuresFromFiveSourcesNoneDominant) {
  for (const auto& [sources, expected] : std::vector<std::pair<int, int>>{{5, 1}, {4, 0}}) {
    Day day;
    for (int i = 0; i < 20; ++i) {
      day.login(kDay + i * 60'000LL, "A1", false, "account_locked",
                fmt::format("8.8.{}.1", i % sources));
    }
    EXPECT_EQ(day.count("distributed_brute_force"), expected) << sources;
  }
  Day dominant;
  for (int i = 0; i < 20; ++i) {
    dominant.login(kDay + i * 60'000LL, "A1", false, "account_locked",
                   i < 11 ? "8.8.0.1" : fmt::format("8.8.{}.1", i));
  }
  EXPECT_EQ(dominant.count("distributed_brute_force"), 0);
}

TEST(CredentialStuffing, FiftyQuietSourcesAndAHundredNamesInABucket) {
  for (const int sources : {50, 49}) {
    Day day;
    int name = 0;
    for (int s = 0; s < sources; ++s) {
      for (int k = 0; k < 3; ++k) {
        day.login(kDay + (s * 3 + k) * 5'000LL, fmt::format("C{}", name++), false, "bad_password",
                  fmt::format("100.64.{}.{}", s / 250, s % 250 + 1));
      }
    }
    EXPECT_EQ(day.count("credential_stuffing"), sources == 50 ? 1 : 0) << sources;
  }
}

TEST(Reorder, EventsLateWithinTheWindowAreTakenInTimeOrder) {
  Day day;
  // The success arrives before the failures that precede it in time.
  day.login(kDay + 10 * kMinute, "A1", true, "", "1.2.3.4");
  for (int i = 0; i < 5; ++i) {
    day.login(kDay + 8 * kMinute + i * 1000, "A1", false);
  }
  EXPECT_EQ(day.count("success_without_unlock"), 1);
}

TEST(Reorder, EventsLaterThanTheWindowAreCounted) {
  Interner strings;
  Analyzer analyzer(strings, Policy{});
  Event event;
  event.action = Action::kLogout;
  for (const std::int64_t at : {kDay + 20 * kMinute, kDay + 14 * kMinute, kDay + 5 * kMinute}) {
    event.time_ms = at;
    analyzer.add(event);
  }
  // 14 min arrives within the window of the newest (20 min); 5 min arrives after
  // 14 min was already taken, so it can no longer be put in order.
  EXPECT_EQ(analyzer.reordered_too_late(), 1U);
}

// Issue 15.13: one event a year ahead (a wrong clock) is kept aside until the
// end of the day; the events after it are taken in order, not late.
TEST(Reorder, OneEventFarAheadDoesNotMakeTheRestLate) {
  Interner strings;
  Analyzer analyzer(strings, Policy{});
  std::vector<std::int64_t> order;
  analyzer.on_processed([&](const Event& event) { order.push_back(event.time_ms); });
  Event event;
  event.action = Action::kLogout;
  const std::int64_t year_ahead = kDay + 365 * 86'400'000LL;
  for (const std::int64_t at : {kDay + kMinute, year_ahead, kDay + 2 * kMinute, kDay + 30 * kMinute,
                                kDay + 29 * kMinute, kDay + 90 * kMinute}) {
    event.time_ms = at;
    analyzer.add(event);
  }
  analyzer.finish();
  EXPECT_EQ(analyzer.reordered_too_late(), 0U);
  EXPECT_EQ(analyzer.far_ahead(), 1U);
  EXPECT_TRUE(std::ranges::is_sorted(order));
  EXPECT_EQ(order.back(), year_ahead);
  // A quiet hour followed by more events is a gap, not a wrong clock.
  Analyzer gap(strings, Policy{});
  for (const std::int64_t at : {kDay, kDay + 3 * 60 * kMinute, kDay + 3 * 60 * kMinute + 1000,
                                kDay + 3 * 60 * kMinute + 2000, kDay + 3 * 60 * kMinute + 500}) {
    event.time_ms = at;
    gap.add(event);
  }
  gap.finish();
  EXPECT_EQ(gap.far_ahead(), 0U);
  EXPECT_EQ(gap.reordered_too_late(), 0U);
}

TEST(Summary, CountsOfTheDay) {
  Day day;
  day.login(kDay, "A1", false, "bad_password", "1.1.1.1", R"("password")", true, "eb-web");
  day.login(kDay + 1000, "ghost", false, "unknown_user", "2.2.2.2", R"("password")", false,
            "eb-api");
  day.login(kDay + 2000, "ghost", false, "unknown_user", "3.3.3.3", R"("password")", false,
            "eb-api");
  day.login(kDay + 3000, "A1", true, "", "1.1.1.1");
  day.event(kDay + 4000, "A2", "account_lock");
  day.unlock(kDay + 5000, "A2", R"({"verification":{"method":"video_kyc","result":"success"}})");
  day.run();
  const DailySummary& summary = day.summary();
  EXPECT_EQ(summary.login_success_total, 1U);
  EXPECT_EQ(summary.login_failure_total, 3U);
  EXPECT_EQ(summary.failure_by_reason.at("unknown_user"), 2U);
  EXPECT_EQ(summary.failure_by_service.at("eb-api"), 2U);
  EXPECT_EQ(summary.unknown_account_attempts, 2U);
  EXPECT_EQ(summary.unknown_account_distinct_names, 1U);
  EXPECT_EQ(summary.unknown_account_distinct_ips, 2U);
  EXPECT_EQ(summary.account_locks, 1U);
  EXPECT_EQ(summary.account_unlocks, 1U);
}

TEST(Parser, MalformedLinesSayWhy) {
  Interner strings;
  JsonlParser parser(strings);
  std::string problem;
  for (const auto& [line, expected] : std::vector<std::pair<std::string, std::string>>{
           {R"({"event":{"action":"login"}})", "no @timestamp"},
           {R"({"@timestamp":"yesterday","event":{"action":"login"}})", "ISO-8601"},
           {R"({"@timestamp":"2025-03-12T00:00:00Z","event":{"action":"dance"}})", "action"},
           {R"({"@timestamp":)", "not a JSON event"}}) {
    const std::string padded = line + std::string(JsonlParser::kPadding, ' ');
    EXPECT_FALSE(parser.parse(std::string_view(padded.data(), line.size()), padded.size(), problem))
        << line;
    EXPECT_EQ(parser.next(true), nullptr) << line;
    EXPECT_NE(problem.find(expected), std::string::npos) << problem;
  }
}

// Names are interned only for the actions asked for; the rest keep 0.
TEST(Parser, OnlyTheNamedActionsGetNames) {
  Interner strings;
  JsonlParser parser(strings, action_bit(Action::kLogin));
  std::string problem;
  std::vector<std::tuple<Action, std::string, std::string>> seen;
  for (const std::string action : {"login", "notification_sent", "logout", "login"}) {
    const std::string line = fmt::format(
        R"({{"@timestamp":"2025-03-12T00:00:00Z","event":{{"action":"{}","outcome":"success"}},)"
        R"("user":{{"name":"{}-user"}},"source":{{"ip":"10.0.0.{}"}}}})",
        action, action, seen.size() + 1);
    const std::string padded = line + std::string(JsonlParser::kPadding, ' ');
    ASSERT_TRUE(parser.parse(std::string_view(padded.data(), line.size()), padded.size(), problem))
        << problem;
    while (const Event* event = parser.next(true)) {
      seen.emplace_back(event->action, strings.text(event->user), strings.text(event->address));
    }
  }
  ASSERT_EQ(seen.size(), 4U);
  EXPECT_EQ(seen[0],
            std::make_tuple(Action::kLogin, std::string("login-user"), std::string("10.0.0.1")));
  EXPECT_EQ(seen[1], std::make_tuple(Action::kNotification, std::string(), std::string()));
  EXPECT_EQ(seen[2], std::make_tuple(Action::kLogout, std::string(), std::string()));
  EXPECT_EQ(seen[3],
            std::make_tuple(Action::kLogin, std::string("login-user"), std::string("10.0.0.4")));
  // Never interned: interning them now adds them.
  for (const std::string name : {"notification_sent-user", "logout-user", "10.0.0.2", "10.0.0.3"}) {
    const std::size_t before = strings.size();
    strings.intern(name);
    EXPECT_EQ(strings.size(), before + 1) << name;
  }
}

// The parser keeps events back while their names are fetched (parse_jsonl.h):
// they come out in input order, each with its own names, rejected lines
// leave no gap, and draining gives out the rest.
TEST(Parser, KeptEventsComeOutInOrderWithTheirNames) {
  Interner strings;
  JsonlParser parser(strings);
  std::string problem;
  std::vector<int> expected;
  std::vector<std::pair<std::string, std::string>> names;  // user, address
  const auto take = [&](bool drain) {
    while (const Event* event = parser.next(drain)) {
      names.emplace_back(strings.text(event->user), strings.text(event->address));
    }
  };
  for (int i = 0; i < 50; ++i) {
    const std::string line =
        i % 7 == 3 ? R"({"@timestamp":"2025-03-12T00:00:00Z","event":{"action":"dance"}})"
                   : fmt::format(R"({{"@timestamp":"2025-03-12T00:00:{:02}Z","event":{{"action":)"
                                 R"("login","outcome":"failure"}},"user":{{"name":"u{}"}},)"
                                 R"("source":{{"ip":"10.0.0.{}"}}}})",
                                 i, i, i);
    const std::string padded = line + std::string(JsonlParser::kPadding, ' ');
    const bool parsed =
        parser.parse(std::string_view(padded.data(), line.size()), padded.size(), problem);
    EXPECT_EQ(parsed, i % 7 != 3) << line;
    if (parsed) {
      expected.push_back(i);
    }
    take(false);
    if (expected.size() < 16) {
      EXPECT_TRUE(names.empty()) << "given out before the pipeline was full, at line " << i;
    }
  }
  EXPECT_LT(names.size(), expected.size());
  take(true);
  ASSERT_EQ(names.size(), expected.size());
  for (std::size_t n = 0; n < expected.size(); ++n) {
    EXPECT_EQ(names[n].first, fmt::format("u{}", expected[n]));
    EXPECT_EQ(names[n].second, fmt::format("10.0.0.{}", expected[n]));
  }
  EXPECT_EQ(parser.next(true), nullptr);
}

TEST(Syslog, SshdLinesBecomeEvents) {
  SyslogDates dates;
  Interner strings;
  Event event;
  std::string problem;
  ASSERT_EQ(parse_syslog("2025-03-12T09:01:02.123000+08:00 auth-web-1 sshd[4242]: Failed password "
                         "for invalid user admin from 1.2.3.4 port 51234 ssh2",
                         dates, strings, event, problem),
            SyslogLine::kEvent);
  EXPECT_EQ(event.time_ms, kDay + 3'662'123);
  EXPECT_FALSE(event.success);
  EXPECT_FALSE(event.user_exists);
  EXPECT_EQ(strings.text(event.reason), "unknown_user");
  EXPECT_EQ(strings.text(event.source), "1.2.3.4");
  ASSERT_EQ(parse_syslog("2025-03-12T09:01:02+08:00 h sshd[1]: Accepted password for A1 from "
                         "2001:db8::7 port 22 ssh2",
                         dates, strings, event, problem),
            SyslogLine::kEvent);
  EXPECT_TRUE(event.success);
  EXPECT_EQ(event.factor_types, kKnowledge);
  EXPECT_EQ(strings.text(event.source), "2001:db8::/64");
  ASSERT_EQ(parse_syslog("2025-03-12T09:01:02+08:00 h sshd[1]: pam_faillock(sshd:auth): "
                         "Consecutive login failures for user A1 account temporarily locked",
                         dates, strings, event, problem),
            SyslogLine::kEvent);
  EXPECT_EQ(event.action, Action::kLock);
  EXPECT_EQ(parse_syslog("2025-03-12T09:01:02+08:00 h CRON[7]: (root) CMD (true)", dates, strings,
                         event, problem),
            SyslogLine::kIgnored);
  EXPECT_EQ(parse_syslog("yesterday h sshd[1]: Failed password for A1 from 1.2.3.4 port 1 ssh2",
                         dates, strings, event, problem),
            SyslogLine::kBad);
  EXPECT_EQ(parse_syslog("2025-03-12T09:01:02+08:00 h sshd[1]: Failed password for A1 from "
                         "somewhere port 1 ssh2",
                         dates, strings, event, problem),
            SyslogLine::kBad);
}

// Issue 17: Debian's default auth.log (classic BSD timestamps) and RFC 5424
// lines are read, not skipped; a classic line's year and zone come from the
// caller, and a month after the file's is the year before.
TEST(Syslog, ClassicAndRfc5424HeadersAreRead) {
  Interner strings;
  Event event;
  std::string problem;
  SyslogDates dates;
  dates.year = 2025;
  dates.month = 3;
  dates.utc_offset_minutes = 8 * 60;
  ASSERT_EQ(parse_syslog("Mar 12 09:01:02 auth-web-1 sshd[4242]: Failed password for invalid "
                         "user admin from 1.2.3.4 port 51234 ssh2",
                         dates, strings, event, problem),
            SyslogLine::kEvent)
      << problem;
  EXPECT_EQ(event.time_ms, kDay + 3'662'000);
  EXPECT_EQ(strings.text(event.reason), "unknown_user");
  ASSERT_EQ(parse_syslog("Mar  2 09:01:02 h sshd[1]: Accepted password for A1 from 1.2.3.4 port 1 "
                         "ssh2",
                         dates, strings, event, problem),
            SyslogLine::kEvent)
      << problem;
  EXPECT_EQ(event.time_ms, kDay - 10 * 86'400'000LL + 3'662'000);
  // December lines in a file last written in March are from the year before.
  ASSERT_EQ(parse_syslog("Dec 31 23:59:59 h sshd[1]: Accepted password for A1 from 1.2.3.4 port 1 "
                         "ssh2",
                         dates, strings, event, problem),
            SyslogLine::kEvent);
  EXPECT_EQ(format_time(event.time_ms).substr(0, 10), "2024-12-31");
  EXPECT_EQ(dates.classic_lines, 3U);
  EXPECT_EQ(parse_syslog("Feb 30 09:01:02 h sshd[1]: Accepted password for A1 from 1.2.3.4 port "
                         "1 ssh2",
                         dates, strings, event, problem),
            SyslogLine::kBad);
  EXPECT_EQ(
      parse_syslog("Mar 12 09:01:02 h CRON[7]: (root) CMD (true)", dates, strings, event, problem),
      SyslogLine::kIgnored);
  // RFC 5424, with structured data holding an escaped ']' and a BOM.
  ASSERT_EQ(parse_syslog("<38>1 2025-03-12T01:01:02.5Z auth-web-1 sshd 4242 - "
                         "[origin ip=\"10.0.0.1\" note=\"a\\]b\"] \xEF\xBB\xBF"
                         "Failed password "
                         "for A1 from 1.2.3.4 port 1 ssh2",
                         dates, strings, event, problem),
            SyslogLine::kEvent)
      << problem;
  EXPECT_EQ(event.time_ms, kDay + 3'662'500);
  EXPECT_EQ(strings.text(event.reason), "bad_password");
  EXPECT_EQ(parse_syslog("<86>1 2025-03-12T01:01:02Z h CRON 7 - - (root) CMD (true)", dates,
                         strings, event, problem),
            SyslogLine::kIgnored);
  // A <PRI> before a classic header, as forwarded over UDP.
  EXPECT_EQ(parse_syslog("<38>Mar 12 09:01:02 h sshd[1]: Accepted password for A1 from 1.2.3.4 "
                         "port 1 ssh2",
                         dates, strings, event, problem),
            SyslogLine::kEvent);
}

TEST(Syslog, OnlyTheRulesAuthLogCanProve) {
  SyslogDates dates;
  Interner strings;
  Analyzer analyzer(strings, Policy{});
  Event event;
  std::string problem;
  // Twelve rejections of one account from one address: brute force. sshd writes
  // rejections of a locked account as bad passwords, so no lockout finding.
  for (int i = 0; i < 12; ++i) {
    const std::string line =
        fmt::format("{} h sshd[1]: Failed password for A1 from 5.6.7.8 port 1 ssh2",
                    format_time(kDay + i * 20'000));
    ASSERT_EQ(parse_syslog(line, dates, strings, event, problem), SyslogLine::kEvent) << problem;
    analyzer.add(event);
  }
  analyzer.finish();
  std::vector<std::string> types;
  for (const Finding& finding : analyzer.findings()) {
    types.push_back(finding.type);
  }
  EXPECT_EQ(types, std::vector<std::string>{"brute_force"});
}

TEST(Time, RoundTripsAndOffsets) {
  std::int64_t ms = 0;
  ASSERT_TRUE(parse_time("2025-03-12T00:00:00.123Z", ms));
  EXPECT_EQ(ms, kDay + 123);
  EXPECT_EQ(format_time(ms), "2025-03-12T00:00:00.123Z");
  ASSERT_TRUE(parse_time("2025-03-12T08:00:00+08:00", ms));
  EXPECT_EQ(ms, kDay);
  EXPECT_FALSE(parse_time("2025-13-12T00:00:00Z", ms));
  // Issue 15, item 13: impossible dates and placeholder years were accepted.
  EXPECT_FALSE(parse_time("2026-02-30T00:00:00Z", ms));
  EXPECT_FALSE(parse_time("2026-04-31T00:00:00Z", ms));
  EXPECT_FALSE(parse_time("2025-02-29T00:00:00Z", ms));
  EXPECT_TRUE(parse_time("2024-02-29T00:00:00Z", ms));  // a leap day
  EXPECT_TRUE(parse_time("2000-02-29T00:00:00Z", ms));
  EXPECT_FALSE(parse_time("1900-02-29T00:00:00Z", ms));
  EXPECT_FALSE(parse_time("0001-01-01T00:00:00Z", ms));
  EXPECT_FALSE(parse_time("9999-12-31T23:59:59Z", ms));
  // The last date read is remembered: a valid one must not let a broken time through.
  EXPECT_TRUE(parse_time("2024-02-29T23:59:59Z", ms));
  EXPECT_FALSE(parse_time("2024-02-29T24:00:00Z", ms));
  EXPECT_FALSE(parse_time("2024-02-29X00:00:00Z", ms));
  EXPECT_FALSE(parse_time("2024-02-29T0a:00:00Z", ms));
  EXPECT_FALSE(parse_time("2024-02-2", ms));
  ASSERT_TRUE(parse_time("2024-02-29T12:00:00Z", ms));
  EXPECT_EQ(ms, 1709208000000);
  ASSERT_TRUE(parse_time("2024-03-01T00:00:00.5Z", ms));
  EXPECT_EQ(ms, 1709251200500);
  EXPECT_EQ(hex_id("d144990021122139"), 0xd144990021122139U);
  EXPECT_EQ(hex_id("D144990021122139"), 0xd144990021122139U);
  EXPECT_EQ(hex_id("00d144990021122139"), 0xd144990021122139U);
  EXPECT_EQ(hex_id("1d144990021122139"), 0U);  // 17 digits: too large
  EXPECT_EQ(hex_id("2a"), 42U);
  EXPECT_EQ(hex_id(""), 0U);
  EXPECT_EQ(hex_id("12 4"), 0U);
  EXPECT_EQ(hex_id("0x2a"), 0U);
  EXPECT_EQ(hex_id("-2a"), 0U);
  EXPECT_EQ(hex_id("g"), 0U);
  EXPECT_EQ(source_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(source_key("10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(source_key("not-an-ip"), "");
}

}  // namespace
}  // namespace etguard::authlog
