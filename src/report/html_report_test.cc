#include "report/html_report.h"

#include <gtest/gtest.h>

#include "report/report_test_support.h"

namespace etguard::report {
namespace {

constexpr std::string_view kPayload = "<script>alert('x')</script><img src=x onerror=\"alert(1)\">";

class HtmlReportTest : public ReportFixture {
 protected:
  void SetUp() override {
    registers_ = firm();
    registers_.profile.name += std::string(kPayload);
    registers_.entries[0].name = std::string(kPayload);
    registers_.entries[0].owner = std::string(kPayload);
    results_ = {{"ET-41", "org", assess::ResultStatus::kCompliant, std::string(kPayload),
                 std::string(kPayload), "", "", "2025-10-01"},
                {"ET-12.1", "org", assess::ResultStatus::kNonCompliant, "pr", "policy not reviewed",
                 "", "", "2026-11-01"}};
    evidence_ = {{1, "file", std::string(64, 'a'), 10, std::string(kPayload) + ".pdf", "", "ET-41",
                  "org", "2026-01-01", "2026-12-31", "officer", "2026-11-26T00:00:00.000Z", "",
                  std::nullopt}};
    compute_lines();
  }

  std::string render(Lang lang) const { return html_report(input(lang)); }
};

TEST_F(HtmlReportTest, EscapesEverythingUsersWrote) {
  const std::string html = render(Lang::kEn);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("onerror=\""), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  // An evidence file name is user input too.
  EXPECT_NE(html.find("onerror=&quot;alert(1)&quot;&gt;.pdf"), std::string::npos);
}

TEST_F(HtmlReportTest, IsSelfContainedWithAChart) {
  const std::string html = render(Lang::kZhTw);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_NE(html.find("lang=\"zh-TW\""), std::string::npos);
  EXPECT_NE(html.find("董事會摘要"), std::string::npos);
}

TEST_F(HtmlReportTest, ShowsOverdueItemsAndResults) {
  const std::string html = render(Lang::kEn);
  EXPECT_NE(html.find("Overdue"), std::string::npos);
  // ET-41 (due 2026-10-01) among the overdue, by title and the firm.
  const auto overdue = html.find("<h2>Overdue</h2>");
  ASSERT_NE(overdue, std::string::npos);
  EXPECT_LT(html.find("<td>ET-41 ", overdue), html.find("<h2>", overdue + 1));
  EXPECT_NE(html.find("policy not reviewed"), std::string::npos);
  EXPECT_NE(html.find("non-compliant"), std::string::npos);
}

TEST_F(HtmlReportTest, ShowsFindingsFromChecksEscaped) {
  EXPECT_EQ(render(Lang::kEn).find("Findings from checks"), std::string::npos);  // none yet
  evidence_.push_back({2, "scan", std::string(64, 'c'), 90, "tls.cipher " + std::string(kPayload),
                       "", "ET-41", "org", "2026-11-25", "2026-11-25", "officer",
                       "2026-11-25T01:00:00.000Z", "tls.cipher", Verdict::kFail});
  const std::string html = render(Lang::kZhTw);
  EXPECT_NE(html.find("檢測發現"), std::string::npos);
  EXPECT_NE(html.find("<td>未通過</td>"), std::string::npos);  // the verdict in zh-TW too
  EXPECT_NE(html.find("<tr class=\"fail\"><td><span "
                      "class=\"d\">2026-11-25</span></td><td>tls.cipher</td><td>ET-41</td>"),
            std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
}

// What a board reads: titles beside IDs, names beside entries, cards that
// add up, the open problems with their plans first, the cycle and its
// sign-off, and print CSS that numbers pages and repeats table headers.
TEST_F(HtmlReportTest, IsABoardReportABoardReads) {
  results_[1].plan = {"review the social-media policy", "PR office", "2027-01-31",
                      assess::PlanStatus::kInProgress};
  compute_lines();
  const std::vector<assess::SignOff> sign_offs = {{"2026", "report-2026.zh-TW.html",
                                                   std::string(64, 'd'), "董事會 2027-03-20 核定",
                                                   "王小明", "2027-03-20T08:00:00.000Z"}};
  ReportInput in = input(Lang::kZhTw);
  in.cycle = "2026";
  in.closed_on = "2027-01-10";
  in.sign_offs = &sign_offs;
  const std::string html = html_report(in);
  // The cycle and who signed off what.
  EXPECT_NE(html.find("評估週期 2026"), std::string::npos);
  EXPECT_NE(html.find("已結束（2027-01-10 封存）"), std::string::npos);
  EXPECT_NE(html.find("<b>王小明</b>"), std::string::npos);
  EXPECT_NE(html.find(std::string(64, 'd')), std::string::npos);
  // Titles beside IDs; the chapter's title in the chart.
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  const auto* article = catalog.article(catalog.node("ET-12.1")->article);
  EXPECT_NE(html.find("ET-12.1 " + std::string(article->title.zh)), std::string::npos);
  EXPECT_NE(html.find(std::string(catalog.chapter(3)->title.zh)), std::string::npos);
  // Open problems first, with the plan; they come before every other table.
  const auto open = html.find("不符合事項與改善計畫");
  ASSERT_NE(open, std::string::npos);
  EXPECT_LT(open, html.find("逾期項目"));
  EXPECT_LT(open, html.find("各對象評估結果"));
  EXPECT_NE(html.find("review the social-media policy"), std::string::npos);
  EXPECT_NE(html.find("進行中"), std::string::npos);
  // The six status cards add up to the total card.
  int sum = 0;
  int total = -1;
  for (std::size_t at = html.find("<div class=\"card "); at != std::string::npos;
       at = html.find("<div class=\"card ", at + 1)) {
    const auto value_at = html.find("<b>", at) + 3;
    const int value = std::stoi(html.substr(value_at));
    if (html.compare(at, 22, "<div class=\"card total") == 0) {
      total = value;
    } else {
      sum += value;
    }
  }
  EXPECT_EQ(total, static_cast<int>(lines_.size()));
  EXPECT_EQ(sum, total);
  // Printing: numbered pages, headers repeated, hashes wrapped.
  EXPECT_NE(html.find("counter(page)"), std::string::npos);
  EXPECT_NE(html.find("thead{display:table-header-group}"), std::string::npos);
  EXPECT_NE(html.find("word-break:break-all"), std::string::npos);
}

TEST_F(HtmlReportTest, SaysWhenACycleIsNotSignedOff) {
  ReportInput in = input(Lang::kEn);
  in.cycle = "2027";
  EXPECT_EQ(html_report(in).find("has not been signed off"), std::string::npos);  // to be signed
  const std::vector<assess::SignOff> none;
  in.sign_offs = &none;
  EXPECT_NE(html_report(in).find("has not been signed off"), std::string::npos);
}

}  // namespace
}  // namespace etguard::report
