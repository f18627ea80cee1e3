// etguard answers export | import, YAML and XLSX, all or nothing.
#include <gtest/gtest.h>

#include <array>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_etguard.h"
#include "tabular/workbook.h"

namespace {

using etguard::testing::run_etguard;

class AnswersCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("etg-answers-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    ASSERT_EQ(run_etguard("init " + (dir_ / "ws").string()).exit_code, 0);
    ASSERT_EQ(run("registers import " + std::string(ETG_SOURCE_DIR) +
                  "/examples/demo-firm/registers.yaml")
                  .exit_code,
              0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  etguard::testing::RunOutcome run(const std::string& arguments) {
    return run_etguard("--workspace " + (dir_ / "ws").string() + " " + arguments);
  }
  int entries() { return nlohmann::json::parse(run("ledger verify --json").out)["entries"]; }
  std::filesystem::path dir_;
};

// Fills in fields of the answer for `requirement` and `object` in exported YAML.
std::string answer(std::string yaml, const std::string& requirement, const std::string& object,
                   const std::vector<std::pair<std::string, std::string>>& fields) {
  const std::string anchor = "  - requirement: " + requirement + "\n    object: " + object + "\n";
  const std::size_t at = yaml.find(anchor);
  EXPECT_NE(at, std::string::npos) << requirement << " " << object;
  for (const auto& [name, value] : fields) {
    const std::string blank = "    " + name + ": \"\"\n";
    const std::size_t field = yaml.find(blank, at);
    yaml.replace(field, blank.size(), "    " + name + ": " + value + "\n");
  }
  return yaml;
}

TEST_F(AnswersCli, YamlRoundTripRecordsTheAnsweredRowsOnly) {
  const auto exported = run("answers export");
  ASSERT_EQ(exported.exit_code, 0);
  std::string yaml = answer(exported.out, "ET-34.1", "trading/web-trading",
                            {{"status", "compliant"}, {"assessed_on", "2026-11-20"}});
  yaml = answer(yaml, "ET-34.1", "trading/mobile-trading",
                {{"status", "non_compliant"}, {"due", "2026-12-31"}});
  const auto file = dir_ / "answers.yaml";
  std::ofstream(file) << yaml;
  const int before = entries();
  const auto imported = run("answers import " + file.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported 2"), std::string::npos) << imported.out;
  EXPECT_EQ(entries(), before + 2);
  // Importing the same file again changes nothing and records nothing.
  ASSERT_EQ(run("answers import " + file.string()).exit_code, 0);
  EXPECT_EQ(entries(), before + 2);
  const auto again = run("answers export");
  EXPECT_NE(again.out.find(
                "status: compliant\n    owner: 資訊處 交易系統部\n    assessed_on: 2026-11-20"),
            std::string::npos);
}

// Issue 14.10: colleagues write the status in Chinese, or as the label reads.
TEST_F(AnswersCli, StatusWordsOfEitherLanguageAreAccepted) {
  std::string yaml = answer(run("answers export").out, "ET-34.1", "trading/web-trading",
                            {{"status", "符合"}, {"assessed_on", "2026-11-20"}});
  yaml = answer(yaml, "ET-34.1", "trading/mobile-trading",
                {{"status", "Partially compliant"}, {"assessed_on", "2026-11-20"}});
  const auto file = dir_ / "zh.yaml";
  std::ofstream(file) << yaml;
  const auto imported = run("answers import " + file.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto again = run("answers export").out;
  EXPECT_NE(again.find("status: compliant\n"), std::string::npos);
  EXPECT_NE(again.find("status: partially_compliant\n"), std::string::npos);
}

// Issue 14.4: the sheet carries remediation plans both ways; a sheet without
// the plan columns (an older export) leaves the plans as they are.
TEST_F(AnswersCli, PlansTravelInTheSheetAndAnOlderSheetKeepsThem) {
  std::string yaml = answer(run("answers export").out, "ET-34.1", "trading/mobile-trading",
                            {{"status", "non_compliant"},
                             {"assessed_on", "2026-11-20"},
                             {"plan", "導入 TLS 1.3"},
                             {"plan_owner", "交易系統部"},
                             {"plan_due", "2027-03-31"},
                             {"plan_status", "進行中"}});
  const auto file = dir_ / "plans.yaml";
  std::ofstream(file) << yaml;
  const auto imported = run("answers import " + file.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const std::string exported = run("answers export").out;
  EXPECT_NE(exported.find("plan: 導入 TLS 1.3\n    plan_owner: 交易系統部\n    plan_due: "
                          "2027-03-31\n    plan_status: in_progress"),
            std::string::npos)
      << exported;
  // The same answer from a sheet without plan columns: the plan stays.
  std::string older;
  std::istringstream lines(exported);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("    plan", 0) != 0) {
      older += line + "\n";
    }
  }
  older = answer(older, "ET-34.1", "trading/web-trading", {{"status", "compliant"}});
  std::ofstream(file) << older;
  ASSERT_EQ(run("answers import " + file.string()).exit_code, 0);
  EXPECT_NE(run("answers export").out.find("plan: 導入 TLS 1.3"), std::string::npos);
  // A plan status nobody knows is located and refused.
  std::ofstream(file) << answer(
      run("answers export").out, "ET-34.1", "trading/web-trading",
      {{"plan", "x"}, {"plan_due", "2027-01-01"}, {"plan_status", "soon"}});
  const auto bad = run("answers import " + file.string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown plan_status 'soon'"), std::string::npos) << bad.err;
}

TEST_F(AnswersCli, AnyProblemImportsNothingAndEveryProblemIsLocated) {
  std::string yaml = answer(run("answers export").out, "ET-34.1", "trading/web-trading",
                            {{"status", "compliant"}});
  yaml = answer(yaml, "ET-34.1", "trading/mobile-trading",
                {{"status", "not_applicable"}});                          // no justification
  yaml = answer(yaml, "ET-3.1", "cloud/crm-saas", {{"status", "done"}});  // unknown status
  const auto file = dir_ / "bad.yaml";
  std::ofstream(file) << yaml;
  const int before = entries();
  const auto imported = run("answers import " + file.string());
  EXPECT_EQ(imported.exit_code, 2);
  EXPECT_NE(imported.err.find("unknown status 'done'"), std::string::npos) << imported.err;
  const std::size_t at = imported.err.find("bad.yaml:");
  ASSERT_NE(at, std::string::npos) << imported.err;
  const std::size_t digits = imported.err.find_first_not_of("0123456789", at + 9);
  ASSERT_NE(digits, std::string::npos) << imported.err;
  EXPECT_GT(digits, at + 9) << imported.err;  // bad.yaml:LINE: unknown status
  EXPECT_EQ(imported.err.compare(digits, 16, ": unknown status"), 0) << imported.err;
  EXPECT_EQ(entries(), before);
  // Structural problems are found first; then the rules: both rows are named.
  yaml = answer(run("answers export").out, "ET-34.1", "trading/mobile-trading",
                {{"status", "not_applicable"}});
  yaml = answer(yaml, "ET-34.1", "trading/web-trading",
                {{"status", "compliant"}, {"assessed_on", "2026-13-40"}});
  std::ofstream(file) << yaml;
  const auto dated = run("answers import " + file.string());
  EXPECT_EQ(dated.exit_code, 2);
  EXPECT_NE(dated.err.find("assessed_on '2026-13-40' is not a date"), std::string::npos)
      << dated.err;
  yaml = answer(run("answers export").out, "ET-34.1", "trading/mobile-trading",
                {{"status", "not_applicable"}});
  std::ofstream(file) << yaml;
  const auto rules = run("answers import " + file.string());
  EXPECT_EQ(rules.exit_code, 2);
  EXPECT_NE(rules.err.find("needs --justification"), std::string::npos) << rules.err;
  EXPECT_NE(rules.err.find("nothing was imported"), std::string::npos);
  EXPECT_EQ(entries(), before);
}

// Issue 14.10: the details of every problem in Traditional Chinese too.
TEST_F(AnswersCli, ProblemDetailsAreInTheUsersLanguage) {
  std::string yaml = answer(run("answers export").out, "ET-3.1", "cloud/crm-saas",
                            {{"status", "完成"}, {"assessed_on", "2026-13-40"}});
  const auto file = dir_ / "bad.yaml";
  std::ofstream(file) << yaml;
  const auto structural = run("--lang zh-TW answers import " + file.string());
  EXPECT_EQ(structural.exit_code, 2);
  EXPECT_NE(structural.err.find("未知的狀態 '完成'"), std::string::npos) << structural.err;
  EXPECT_NE(structural.err.find("'2026-13-40' 不是日期"), std::string::npos) << structural.err;
  EXPECT_EQ(structural.err.find("unknown"), std::string::npos) << structural.err;
  yaml = answer(run("answers export").out, "ET-34.1", "trading/mobile-trading",
                {{"status", "不適用"}});
  yaml = answer(yaml, "ET-34.1", "trading/web-trading",
                {{"status", "符合"}, {"assessed_on", "2099-01-01"}});
  std::ofstream(file) << yaml;
  const auto rules = run("--lang zh-TW answers import " + file.string());
  EXPECT_EQ(rules.exit_code, 2);
  EXPECT_NE(rules.err.find("不適用須填寫 --justification 理由"), std::string::npos) << rules.err;
  EXPECT_NE(rules.err.find("評估日期 2099-01-01 在未來"), std::string::npos) << rules.err;
  EXPECT_NE(rules.err.find("共 2 個問題"), std::string::npos) << rules.err;
  EXPECT_EQ(rules.err.find("needs"), std::string::npos) << rules.err;
}

TEST_F(AnswersCli, EveryStructuralProblemHasItsCodeAndPlace) {
  const auto file = dir_ / "odd.yaml";
  std::ofstream(file) << "format: etguard.answers\nanswers:\n"
                         "  - requirement: ET-41\n    object: org\n    colour: red\n"
                         "  - requirement: ET-41\n    status: ~\n"
                         "  - requirement: ET-41\n    status: [compliant]\n";
  const auto imported = run("answers import " + file.string());
  EXPECT_EQ(imported.exit_code, 2);
  EXPECT_NE(imported.err.find("odd.yaml:5:5: unknown-key: unknown field 'colour'"),
            std::string::npos)
      << imported.err;
  EXPECT_NE(imported.err.find("odd.yaml:9:13: bad-type:"), std::string::npos) << imported.err;
  // Issue 15.10 and 15.18: a field given twice, a second document, a complex
  // key: each refused where it stands, never the last one winning.
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::string>>{
           {"answers:\n  - requirement: ET-41\n    status: compliant\n    status: "
            "non_compliant\n",
            "odd.yaml:5:5: duplicate-key:"},
           {"answers: []\n---\nanswers: []\n", "odd.yaml:4:1: second-document:"},
           {"answers:\n  - ? [a, b]\n    : compliant\n", "odd.yaml:3:7: complex-key:"}}) {
    std::ofstream(file) << "format: etguard.answers\n" << text;
    const auto refused = run("answers import " + file.string());
    EXPECT_EQ(refused.exit_code, 2) << text;
    EXPECT_NE(refused.err.find(expected), std::string::npos) << refused.err;
  }
  std::ofstream(file) << "format: etguard.registers\nanswers: []\n";
  EXPECT_NE(run("answers import " + file.string()).err.find("odd.yaml:1:9: bad-value:"),
            std::string::npos);
  std::ofstream(file) << "answers: []\n";  // a file that does not say what it is
  EXPECT_NE(run("answers import " + file.string()).err.find("odd.yaml:1:1: missing-key:"),
            std::string::npos);
}

TEST_F(AnswersCli, AnXlsxSheetFilledInBySomeoneElse) {
  ASSERT_EQ(run("answers export --format xlsx --out " + (dir_ / "blank.xlsx").string()).exit_code,
            0);
  // A sheet as a colleague returns it: columns reordered, a typed date, an extra blank row.
  const auto file = dir_ / "filled.xlsx";
  etguard::tabular::Workbook book(file);
  constexpr std::array<double, 5> kWidths = {10, 10, 10, 10, 10};
  book.add_table("Answers", {"object", "requirement", "status", "assessed_on", "justification"},
                 {{"trading/web-trading", "ET-34.1", "compliant", "46346", ""},
                  {"", "", "", "", ""},
                  {"trading/dma", "ET-36.2", "not_applicable", "", "專線不經網際網路"}},
                 kWidths);
  ASSERT_TRUE(book.close(file));
  const auto imported = run("answers import " + file.string());
  // ET-36.2 does not apply to the DMA line (not internet): located by sheet row.
  EXPECT_EQ(imported.exit_code, 2);
  EXPECT_NE(imported.err.find("filled.xlsx:Answers!4: ET-36.2 does not apply to 'trading/dma'"),
            std::string::npos)
      << imported.err;
  // Without the bad row it imports, and the typed date (an Excel serial) becomes a date.
  const auto fixed = dir_ / "fixed.xlsx";
  etguard::tabular::Workbook corrected(fixed);
  corrected.add_table("Answers", {"object", "requirement", "status", "assessed_on"},
                      {{"trading/web-trading", "ET-34.1", "compliant", "46346"}}, kWidths);
  ASSERT_TRUE(corrected.close(fixed));
  const auto accepted = run("answers import " + fixed.string());
  ASSERT_EQ(accepted.exit_code, 0) << accepted.err;
  const std::string after = run("answers export").out;
  const std::size_t row = after.find("requirement: ET-34.1\n    object: trading/web-trading");
  ASSERT_NE(row, std::string::npos);
  EXPECT_NE(after.find("assessed_on: 2026-11-20", row), std::string::npos);
}

// Issue 15.10 and 15.18: a column or an answer given twice, and an assessment
// dated in the future, are refused where they stand; nothing is imported.
TEST_F(AnswersCli, TwiceGivenAndFutureAnswersAreRefused) {
  const int before = entries();
  constexpr std::array<double, 4> kWidths = {10, 10, 10, 10};
  const auto columns = dir_ / "columns.xlsx";
  {
    etguard::tabular::Workbook book(columns);
    book.add_table("Answers", {"object", "requirement", "status", "status"},
                   {{"trading/web-trading", "ET-34.1", "non_compliant", "compliant"}}, kWidths);
    ASSERT_TRUE(book.close(columns));
  }
  const auto two_columns = run("answers import " + columns.string());
  EXPECT_EQ(two_columns.exit_code, 2);
  EXPECT_NE(two_columns.err.find("columns.xlsx:Answers!1: duplicate-column: 'status' is given "
                                 "twice (column 4)"),
            std::string::npos)
      << two_columns.err;
  const auto rows = dir_ / "rows.xlsx";
  {
    etguard::tabular::Workbook book(rows);
    book.add_table("Answers", {"object", "requirement", "status", "assessed_on"},
                   {{"trading/web-trading", "ET-34.1", "non_compliant", ""},
                    {"trading/web-trading", "ET-34.1", "compliant", ""},
                    {"trading/web-trading", "ET-34.2", "compliant", "2999-01-01"}},
                   kWidths);
    ASSERT_TRUE(book.close(rows));
  }
  const auto two_rows = run("answers import " + rows.string());
  EXPECT_EQ(two_rows.exit_code, 2);
  EXPECT_NE(two_rows.err.find("rows.xlsx:Answers!3: duplicate-answer: ET-34.1 for "
                              "trading/web-trading is already answered at "),
            std::string::npos)
      << two_rows.err;
  EXPECT_NE(two_rows.err.find("rows.xlsx:Answers!4: assessed_on 2999-01-01 is in the future"),
            std::string::npos)
      << two_rows.err;
  EXPECT_EQ(entries(), before);
}

// Issue 15.19: a note, owner or justification that would rewrite the
// terminal (an escape sequence) or reorder the text (a bidi override) is
// refused, typed or imported.
TEST_F(AnswersCli, ControlCharactersInNotesAreRefused) {
  const int before = entries();
  const auto typed =
      run("result set ET-41 --status compliant --note \"$(printf 'x\\033[31mred')\"");
  EXPECT_EQ(typed.exit_code, 2) << typed.err;
  EXPECT_NE(typed.err.find("bad-character: note holds U+001B at character 2"), std::string::npos)
      << typed.err;
  const auto file = dir_ / "escape.yaml";
  std::ofstream(file) << "format: etguard.answers\nanswers:\n  - requirement: ET-41\n"
                         "    object: org\n    status: compliant\n    owner: \"Ann\\u202Egnol\"\n";
  const auto imported = run("answers import " + file.string());
  EXPECT_EQ(imported.exit_code, 2) << imported.err;
  EXPECT_NE(imported.err.find("escape.yaml:3: bad-character: owner holds U+202E"),
            std::string::npos)
      << imported.err;
  EXPECT_EQ(entries(), before);
}

}  // namespace
