#include "assess/status.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "assess/registers_yaml.h"
#include "catalog/data/embedded.h"

namespace etguard::assess {
namespace {

const catalog::Node& node(std::string_view id) {
  return *catalog::embedded_catalog().node(id);
}

TEST(NextDue, AYearlyReviewDoneOnTheFirstOfMarchIsDueAYearLater) {
  EXPECT_EQ(next_due(node("ET-4.1.1"), "2026-03-01"), "2027-03-01");  // 至少每年
  EXPECT_EQ(next_due(node("ET-41"), "2026-03-01"), "2027-03-01");     // 每年
  EXPECT_EQ(next_due(node("ET-4.1.1"), "2028-02-29"), "2029-02-28");  // leap day
}

TEST(NextDue, DailyMonitoringIsDueTheNextDay) {
  EXPECT_EQ(next_due(node("ET-36.7"), "2026-12-31"), "2027-01-01");
}

TEST(NextDue, EventDrivenRequirementsHaveNoCalendarDate) {
  EXPECT_EQ(next_due(node("ET-20.1"), "2026-03-01"), "");  // before each release
  EXPECT_EQ(next_due(node("ET-9.6"), "2026-03-01"), "");   // on termination
  EXPECT_EQ(next_due(node("ET-41"), "2026-13-01"), "");    // not a date
}

TEST(AddDays, CrossesMonthsAndYears) {
  EXPECT_EQ(add_days("2026-11-26", 30), "2026-12-26");
  EXPECT_EQ(add_days("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(add_days("2024-03-01", -1), "2024-02-29");
}

Registers test_firm() {
  return read_registers_yaml(
             std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml",
             catalog::embedded_catalog())
      .registers;
}

TEST(StatusLines, ClassifyOverdueSoonCurrentAndUnassessed) {
  const Registers registers = test_firm();
  const auto scope = compute_scope(catalog::embedded_catalog(), registers);
  const std::vector<Result> results = {
      {"ET-41", "org", ResultStatus::kCompliant, "hr", "", "", "",
       "2025-10-01"},  // due 2026-10-01: overdue
      {"ET-12.1", "org", ResultStatus::kCompliant, "pr", "", "", "",
       "2025-12-10"},  // due 2026-12-10: soon
      {"ET-4.1.1", "org", ResultStatus::kCompliant, "it", "", "", "", "2026-06-01"},  // current
      {"ET-36.5", "trading/web", ResultStatus::kNonCompliant, "it", "", "", "2027-01-31",
       "2026-11-01"},
      {"ET-3.1", "cloud/hr-saas", ResultStatus::kNotApplicable, "", "", "HR data only", "",
       "2026-11-01"},
  };
  const auto lines = status_lines(scope, registers, results, "2026-11-26");
  auto find = [&](std::string_view id, std::string_view object) {
    const auto at = std::ranges::find_if(
        lines, [&](const StatusLine& l) { return l.node->id == id && l.object == object; });
    EXPECT_NE(at, lines.end()) << id << " " << object;
    return *at;
  };
  EXPECT_EQ(find("ET-41", "org").state, Due::kOverdue);
  EXPECT_EQ(find("ET-41", "org").due, "2026-10-01");
  EXPECT_EQ(find("ET-12.1", "org").state, Due::kDueSoon);
  EXPECT_EQ(find("ET-4.1.1", "org").state, Due::kCurrent);
  EXPECT_EQ(find("ET-36.5", "trading/web").due, "2027-01-31");  // set by hand
  EXPECT_EQ(find("ET-3.1", "cloud/hr-saas").state, Due::kNoRecurrence);
  EXPECT_EQ(find("ET-6.3", "cloud/core-dr").state, Due::kUnassessed);
  EXPECT_EQ(find("ET-6.3", "cloud/core-dr").owner, "資訊部");  // from the register entry
  EXPECT_EQ(find("ET-41", "org").owner, "hr");
  // Informative nodes and objects a clause does not apply to have no line.
  EXPECT_TRUE(
      std::ranges::none_of(lines, [](const StatusLine& l) { return l.node->id == "ET-2.1"; }));
  EXPECT_TRUE(std::ranges::none_of(lines, [](const StatusLine& l) {
    return l.node->id == "ET-6.3" && l.object == "cloud/hr-saas";
  }));
}

TEST(ResultStatus, NamesRoundTrip) {
  for (const auto* name : {"compliant", "partially_compliant", "non_compliant", "not_applicable",
                           "compensating_control", "not_assessed"}) {
    EXPECT_EQ(to_string(parse_result_status(name).value()), name);
  }
  EXPECT_FALSE(parse_result_status("ok"));
}

// Issue 14.4: once the cycle's deadline has passed, what is still unassessed
// is overdue, and an open non-compliance without its own due date is due then.
TEST(StatusLines, TheCyclesDeadlineMakesUnassessedAndOpenItemsDue) {
  const Registers registers = test_firm();
  const auto scope = compute_scope(catalog::embedded_catalog(), registers);
  const std::vector<Result> results = {
      {"ET-12.1", "org", ResultStatus::kNonCompliant, "pr", "", "", "", "2027-01-10"},
      {"ET-41", "org", ResultStatus::kCompliant, "hr", "", "", "", "2027-01-10"},
  };
  auto find = [](const std::vector<StatusLine>& lines, std::string_view id) {
    const auto at = std::ranges::find_if(
        lines, [&](const StatusLine& l) { return l.node->id == id && l.object == "org"; });
    EXPECT_NE(at, lines.end()) << id;
    return at == lines.end() ? StatusLine{} : *at;
  };
  const auto before = status_lines(scope, registers, results, "2027-03-01", "2027-06-30");
  EXPECT_EQ(find(before, "ET-4.1.1").state, Due::kUnassessed);
  EXPECT_EQ(find(before, "ET-4.1.1").due, "2027-06-30");
  EXPECT_EQ(find(before, "ET-12.1").due, "2027-06-30");
  EXPECT_EQ(find(before, "ET-12.1").state, Due::kCurrent);
  EXPECT_EQ(find(before, "ET-4.1.1").days_left, 121);  // 2027-03-01 to 2027-06-30
  const auto after = status_lines(scope, registers, results, "2027-07-01", "2027-06-30");
  EXPECT_EQ(find(after, "ET-4.1.1").state, Due::kOverdue);
  EXPECT_EQ(find(after, "ET-12.1").state, Due::kOverdue);
  EXPECT_EQ(find(after, "ET-12.1").days_left, -1);
  EXPECT_EQ(find(after, "ET-41").state, Due::kCurrent);  // its recurrence: 2028-01-10
  // Without a deadline nothing unassessed is overdue, as before.
  EXPECT_EQ(find(status_lines(scope, registers, results, "2027-07-01"), "ET-4.1.1").state,
            Due::kUnassessed);
}

// Issue 22: the register's dates of the last due diligence and lab test make
// ET-5.1 and ET-20.3 come due a year later, assessed in etguard or not.
TEST(StatusLines, RegisterDatesOfTheLastActivityMakeItComeDue) {
  const Registers registers = test_firm();
  const auto scope = compute_scope(catalog::embedded_catalog(), registers);
  auto find = [](const std::vector<StatusLine>& lines, std::string_view id,
                 std::string_view object) {
    const auto at = std::ranges::find_if(
        lines, [&](const StatusLine& l) { return l.node->id == id && l.object == object; });
    EXPECT_NE(at, lines.end()) << id << " " << object;
    return at == lines.end() ? StatusLine{} : *at;
  };
  const auto before = status_lines(scope, registers, {}, "2026-11-26");
  EXPECT_EQ(find(before, "ET-5.1", "cloud/core-dr").due, "2027-03-01");  // last_due_diligence
  EXPECT_EQ(find(before, "ET-5.1", "cloud/core-dr").state, Due::kUnassessed);
  EXPECT_EQ(find(before, "ET-20.3", "mobile_app/trade-app").due, "2027-02-10");  // last_lab_test
  // The lab-test rule binds only customer apps (recurrence_when).
  EXPECT_EQ(find(before, "ET-20.3", "mobile_app/staff-app").due, "");
  const auto after = status_lines(scope, registers, {}, "2027-03-02");
  EXPECT_EQ(find(after, "ET-5.1", "cloud/core-dr").state, Due::kOverdue);
  // An older assessment does not move the date back; a newer one moves it on.
  const std::vector<Result> older = {
      {"ET-5.1", "cloud/core-dr", ResultStatus::kCompliant, "", "", "", "", "2025-06-01"}};
  EXPECT_EQ(
      find(status_lines(scope, registers, older, "2026-11-26"), "ET-5.1", "cloud/core-dr").due,
      "2027-03-01");
  const std::vector<Result> newer = {
      {"ET-5.1", "cloud/core-dr", ResultStatus::kCompliant, "", "", "", "", "2026-09-01"}};
  const auto assessed =
      find(status_lines(scope, registers, newer, "2026-11-26"), "ET-5.1", "cloud/core-dr");
  EXPECT_EQ(assessed.due, "2027-09-01");
  EXPECT_EQ(assessed.state, Due::kCurrent);
  // Evidence of a later period (the new due-diligence report) moves it on;
  // a withdrawn record, a scan's finding or a future period does not.
  Evidence report;
  report.kind = "file";
  report.node_id = "ET-5.1";
  report.object = "cloud/core-dr";
  report.effective_from = "2026-10-15";
  Evidence withdrawn = report;
  withdrawn.effective_from = "2026-11-20";
  withdrawn.withdrawn_at = "2026-11-21T00:00:00Z";
  Evidence scan = report;
  scan.kind = "scan";
  scan.effective_from = "2026-11-21";
  Evidence future = report;
  future.effective_from = "2026-12-01";
  EXPECT_EQ(
      find(status_lines(scope, registers, {}, "2026-11-26", {}, {report, withdrawn, scan, future}),
           "ET-5.1", "cloud/core-dr")
          .due,
      "2027-10-15");
  // The cycle's later deadline does not hide the earlier date.
  EXPECT_EQ(find(status_lines(scope, registers, {}, "2026-11-26", "2027-06-30"), "ET-5.1",
                 "cloud/core-dr")
                .due,
            "2027-03-01");
}

// Issue 22: the contract's exit terms (ET-7.2) and the exit plan (ET-9.5)
// are made once, by the guideline; the firm reviews them yearly, and the
// register's review dates make them come due on that cycle — also after a
// compliant assessment, which sets no date of its own for them.
TEST(StatusLines, ContractAndExitPlanReviewsComeDueOnTheFirmsYearlyCycle) {
  Registers registers = test_firm();
  for (RegisterEntry& entry : registers.entries) {
    if (entry.key() == "cloud/core-dr") {
      entry.dates["last_contract_review"] = "2026-01-20";
      entry.dates["last_exit_plan_review"] = "2025-05-01";
    }
  }
  const auto scope = compute_scope(catalog::embedded_catalog(), registers);
  auto find = [](const std::vector<StatusLine>& lines, std::string_view id) {
    const auto at = std::ranges::find_if(lines, [&](const StatusLine& l) {
      return l.node->id == id && l.object == "cloud/core-dr";
    });
    EXPECT_NE(at, lines.end()) << id;
    return at == lines.end() ? StatusLine{} : *at;
  };
  const auto lines = status_lines(scope, registers, {}, "2026-11-26");
  EXPECT_EQ(find(lines, "ET-7.2").due, "2027-01-20");
  EXPECT_EQ(find(lines, "ET-7.2").state, Due::kUnassessed);
  EXPECT_EQ(find(lines, "ET-9.5").due, "2026-05-01");
  EXPECT_EQ(find(lines, "ET-9.5").state, Due::kOverdue);
  const std::vector<Result> assessed = {
      {"ET-9.5", "cloud/core-dr", ResultStatus::kCompliant, "", "", "", "", "2026-06-01"}};
  const StatusLine exit_plan =
      find(status_lines(scope, registers, assessed, "2026-11-26"), "ET-9.5");
  EXPECT_EQ(exit_plan.status, ResultStatus::kCompliant);
  EXPECT_EQ(exit_plan.due, "2026-05-01");  // the review is still a year old
  EXPECT_EQ(exit_plan.state, Due::kOverdue);
  // Without a review date, a requirement made before adoption has no due date.
  Registers undated = registers;
  for (RegisterEntry& entry : undated.entries) {
    entry.dates.erase("last_exit_plan_review");
  }
  EXPECT_EQ(find(status_lines(scope, undated, assessed, "2026-11-26"), "ET-9.5").due, "");
}

// Issue 14.10: a colleague's sheet says 符合 or "Partially compliant".
TEST(StatusWords, EitherLanguageAsPeopleWriteIt) {
  EXPECT_EQ(parse_status_word("符合"), ResultStatus::kCompliant);
  EXPECT_EQ(parse_status_word(" 部分符合 "), ResultStatus::kPartiallyCompliant);
  EXPECT_EQ(parse_status_word("不符合"), ResultStatus::kNonCompliant);
  EXPECT_EQ(parse_status_word("不適用"), ResultStatus::kNotApplicable);
  EXPECT_EQ(parse_status_word("補償性措施"), ResultStatus::kCompensating);
  EXPECT_EQ(parse_status_word("未評估"), ResultStatus::kNotAssessed);
  EXPECT_EQ(parse_status_word("Partially compliant"), ResultStatus::kPartiallyCompliant);
  EXPECT_EQ(parse_status_word("NON-COMPLIANT"), ResultStatus::kNonCompliant);
  EXPECT_EQ(parse_status_word("compensating_control"), ResultStatus::kCompensating);
  EXPECT_EQ(parse_status_word("符"), std::nullopt);
  EXPECT_EQ(parse_status_word("ok"), std::nullopt);
}

}  // namespace
}  // namespace etguard::assess
