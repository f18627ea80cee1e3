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
  EXPECT_NE(html.find("<td>ET-41</td><td>org</td>"), std::string::npos);  // due 2026-10-01
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
  EXPECT_NE(html.find("<tr class=\"fail\"><td>2026-11-25</td><td>tls.cipher</td><td>ET-41</td>"),
            std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
}

TEST(EscapeHtml, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(escape_html("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(escape_html("雲端"), "雲端");
}

}  // namespace
}  // namespace etguard::report
