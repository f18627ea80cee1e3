#include "checks/authlog/daily_monitoring/check.h"

#include "checks/authlog/check_test_support.h"

namespace etguard::authlog_checks::daily_monitoring {
namespace {

TEST(AuthlogDailyMonitoringCheck, ItsFindingsDecideAndOthersDoNot) {
  expect_decides(&evaluate, "brute_force", "W_BRUTE_FORCE", check::Verdict::kPass);
}

TEST(AuthlogDailyMonitoringCheck, KeepsTheDailyReportAsEvidence) {
  const authlog::DailySummary summary;
  const std::vector<authlog::Finding> none;
  const nlohmann::ordered_json report = {{"format", "etguard.authlog.daily_report"}, {"events", 7}};
  DayResult day{&none, &summary, 7, 0};
  EXPECT_FALSE(evaluate(day).evidence.contains("daily_report"));
  day.report = &report;
  EXPECT_EQ(evaluate(day).evidence["daily_report"]["events"], 7);
}

}  // namespace
}  // namespace etguard::authlog_checks::daily_monitoring
