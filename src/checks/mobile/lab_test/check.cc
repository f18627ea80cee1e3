// mobile.lab_test: a customer app passed an accredited laboratory's test
// within the year before this release. Fails when the register records no
// test (dates.last_lab_test), a test after the release date, or one more than
// 12 months before it. Apps not used by customers are not bound (Art. 20.3
// asks them only to follow the baseline in design): not applicable. Without
// a register entry the test cannot be judged (error). Partly ET-20.3: the
// date shows a test happened, not that it was TAF-accredited and covered
// the baseline (the report is the evidence for that).
#include "checks/mobile/lab_test/check.h"

#include <fmt/format.h>

#include "core/clock.h"

namespace etguard::mobile_checks::lab_test {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-20.3"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "mobile.lab_test",
      .title = {.zh = "客戶使用之行動應用程式一年內通過認證實驗室檢測",
                .en = "A customer app passed an accredited lab test within the year"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh =
               "第二十條第三項：客戶使用之行動應用程式，於初次上架前及每年應委由經 TAF 認證之第三方"
               "檢測實驗室依行動應用程式基本資安檢測基準進行檢測並通過。",
           .en = "Art. 20.3: a customer app is tested and passed by a TAF-accredited laboratory "
                 "against the mobile application basic security baseline before its first "
                 "release and every year."},
      .remediation =
          {.zh =
               "委託經 TAF 認證之實驗室檢測，通過後將日期記入清冊（dates.last_lab_test）並附報告。",
           .en = "Have a TAF-accredited laboratory test the app, then record the date of the "
                 "pass in the register (dates.last_lab_test) and attach the report."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AppEvidence& evidence) {
  if (!evidence.has_package() || evidence.policy == nullptr) {
    return std::nullopt;
  }
  if (evidence.registered == nullptr) {
    return cannot_judge({"APP_NOT_REGISTERED",
                         "not compared with a register entry (give --object mobile_app/ID)",
                         "未與清冊項目比對（請以 --object mobile_app/ID 指定）"});
  }
  const mobile::RegisteredApp& app = *evidence.registered;
  const std::string& today = evidence.policy->today;
  nlohmann::ordered_json record = nlohmann::ordered_json::object();
  if (evidence.with_evidence) {
    record = {{"customer_facing", app.customer_facing},
              {"last_lab_test", app.last_lab_test},
              {"release_date", today}};
  }
  if (!app.customer_facing) {
    check::Assessment assessment;
    assessment.verdict = Verdict::kNotApplicable;
    assessment.add(
        {"APP_NOT_CUSTOMER_FACING",
         fmt::format("mobile_app/{} is not used by customers: Art. 20.3 asks only that it follows "
                     "the baseline in design",
                     app.id),
         fmt::format("mobile_app/{} 非客戶使用：第二十條第三項僅要求開發設計時參考檢測基準",
                     app.id),
         true});
    assessment.evidence = std::move(record);
    return assessment;
  }
  std::vector<check::Reason> reasons;
  const std::string oldest = add_months(today, -12);
  if (app.last_lab_test.empty()) {
    reasons.push_back(
        {"APP_NO_LAB_TEST",
         fmt::format("mobile_app/{} records no lab test (dates.last_lab_test)", app.id),
         fmt::format("mobile_app/{} 未記載實驗室檢測日期（dates.last_lab_test）", app.id)});
  } else if (app.last_lab_test > today) {
    reasons.push_back(
        {"APP_LAB_TEST_FUTURE",
         fmt::format("lab test dated {}, after the release date {}", app.last_lab_test, today),
         fmt::format("實驗室檢測日期 {} 晚於上架日期 {}", app.last_lab_test, today)});
  } else if (app.last_lab_test < oldest) {
    reasons.push_back(
        {"APP_LAB_TEST_EXPIRED",
         fmt::format("last lab test {}, more than a year before the release date {}",
                     app.last_lab_test, today),
         fmt::format("最近實驗室檢測於 {}，距上架日期 {} 已逾一年", app.last_lab_test, today)});
  }
  return check::Assessment::from_reasons(std::move(reasons), std::move(record));
}

}  // namespace etguard::mobile_checks::lab_test
