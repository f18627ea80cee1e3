#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <fstream>

#include "tabular/csv.h"
#include "tabular/workbook.h"
#include "tabular/xlsx_reader.h"

namespace etguard::tabular {
namespace {

std::filesystem::path temp(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("etg-tabular-" + std::to_string(::getpid()) + "-" + name);
}

TEST(Csv, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_document({"a", "b"}, {{"plain", "with, comma"}, {"say \"hi\"", "two\nlines"}}),
            "\xEF\xBB\xBF"
            "a,b\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
}

// Issue 15.11: cells a spreadsheet would run as formulas are written with a
// leading apostrophe (OWASP) and read back as they were.
TEST(Csv, FormulaLikeCellsAreNeutralisedAndReadBack) {
  const std::vector<std::string> cells = {
      "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tcmd", "plain", "'quoted"};
  const std::string written = csv_document({"c"}, {cells});
  EXPECT_NE(written.find("'=HYPERLINK"), std::string::npos);
  EXPECT_NE(written.find(",'+1,'-2,'@SUM(A1),"), std::string::npos) << written;
  auto records = parse_csv(written, "x.csv");
  ASSERT_TRUE(records);
  EXPECT_EQ((*records)[1].fields, cells);
}

TEST(Csv, ParsesWhatItWritesAndWhatSpreadsheetsWrite) {
  const std::string written =
      csv_document({"a", "b"}, {{"with, comma", "say \"hi\""}, {"two\nlines", ""}});
  auto records = parse_csv(written, "x.csv");
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3U);
  EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{"with, comma", "say \"hi\""}));
  EXPECT_EQ((*records)[2].fields, (std::vector<std::string>{"two\nlines", ""}));
  EXPECT_EQ((*records)[2].line, 3);
  auto lf = parse_csv("x,y\n1,2\n\n3,4", "lf.csv");  // LF endings, a blank line, no final newline
  ASSERT_TRUE(lf);
  ASSERT_EQ(lf->size(), 3U);
  EXPECT_EQ((*lf)[2].line, 4);
  auto open = parse_csv("a\n\"never closed\n", "open.csv");
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().message, "open.csv:2: a quoted field is not closed");
}

TEST(Xlsx, WhatTheWorkbookWritesTheReaderReadsBack) {
  const auto path = temp("round.xlsx");
  {
    Workbook book(path);
    ASSERT_TRUE(book.ok());
    constexpr std::array<double, 3> kWidths = {10, 10, 10};
    book.add_table(
        "回覆 answers", {"要求", "狀態", "說明"},
        {{"ET-34.1", "compliant", "全程加密, \"TLS 1.3\""}, {"ET-8.2.3", "", "no status yet"}},
        kWidths);
    book.add_table("Second", {"x"}, {{"1"}}, kWidths);
    ASSERT_TRUE(book.close(path));
  }
  auto sheets = read_xlsx(path);
  ASSERT_TRUE(sheets) << sheets.error().message;
  ASSERT_EQ(sheets->size(), 2U);
  const SheetData& first = (*sheets)[0];
  EXPECT_EQ(first.name, "回覆 answers");
  ASSERT_EQ(first.rows.size(), 3U);
  EXPECT_EQ(first.rows[0], (std::vector<std::string>{"要求", "狀態", "說明"}));
  EXPECT_EQ(first.rows[1][2], "全程加密, \"TLS 1.3\"");
  EXPECT_EQ(first.rows[2][0], "ET-8.2.3");
  EXPECT_EQ(first.rows[2][1], "");  // empty cells are not written, and read back as ""
  EXPECT_EQ((*sheets)[1].rows[1][0], "1");
  std::filesystem::remove(path);
}

TEST(Xlsx, NotAWorkbookSaysSo) {
  const auto path = temp("not.xlsx");
  std::ofstream(path) << "name,status\n";
  auto sheets = read_xlsx(path);
  ASSERT_FALSE(sheets);
  EXPECT_NE(sheets.error().message.find("not an XLSX workbook"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(Xlsx, ExcelSerialDatesBecomeIsoDates) {
  EXPECT_EQ(excel_date("46096"), "2026-03-15");
  EXPECT_EQ(excel_date("1"), "1899-12-31");
  EXPECT_EQ(excel_date("2026-03-15"), "2026-03-15");
  EXPECT_EQ(excel_date("soon"), "soon");
}

}  // namespace
}  // namespace etguard::tabular
