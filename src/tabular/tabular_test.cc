#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <array>
#include <fstream>
#include <map>

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

// Issue 15.17: a device or a FIFO is refused before it is read.
TEST(Xlsx, ADeviceOrAFifoIsRefused) {
  const auto fifo = temp("fifo.xlsx");
  std::filesystem::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::filesystem::path& path : {std::filesystem::path("/dev/zero"), fifo}) {
    auto sheets = read_xlsx(path);
    ASSERT_FALSE(sheets);
    EXPECT_NE(sheets.error().message.find((path == fifo ? "' is a FIFO: " : "' is a device: ") +
                                          std::string("inputs are read from regular files")),
              std::string::npos)
        << sheets.error().message;
  }
  std::filesystem::remove(fifo);
}

TEST(Xlsx, NotAWorkbookSaysSo) {
  const auto path = temp("not.xlsx");
  std::ofstream(path) << "name,status\n";
  auto sheets = read_xlsx(path);
  ASSERT_FALSE(sheets);
  EXPECT_NE(sheets.error().message.find("not an XLSX workbook"), std::string::npos);
  std::filesystem::remove(path);
}

// Issue 15.8: serial 1 is 1900-01-01; 60 is Excel's 1900-02-29, which is no
// day; the 1904 date system counts from 1904-01-01.
TEST(Xlsx, ExcelSerialDatesBecomeIsoDates) {
  EXPECT_EQ(excel_date("46096"), "2026-03-15");
  EXPECT_EQ(excel_date("1"), "1900-01-01");
  EXPECT_EQ(excel_date("59"), "1900-02-28");
  EXPECT_EQ(excel_date("60"), "60");
  EXPECT_EQ(excel_date("61"), "1900-03-01");
  EXPECT_EQ(excel_date("44634", true), "2026-03-15");
  EXPECT_EQ(excel_date("0", true), "1904-01-01");
  EXPECT_EQ(excel_date("0"), "0");
  EXPECT_EQ(excel_date("2026-03-15"), "2026-03-15");
  EXPECT_EQ(excel_date("soon"), "soon");
}

// A workbook written part by part, as a hostile or unusual producer would.
class CraftedWorkbook : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(path_); }

  static std::string sheet_xml(const std::string& rows, const std::string& extra = "") {
    return "<worksheet><sheetData>" + rows + "</sheetData>" + extra + "</worksheet>";
  }

  // Sheets named S1.. each backed by the part given (default: its own).
  void write(const std::vector<std::string>& sheets, const std::string& workbook_extra = "",
             const std::vector<std::string>& targets = {}) {
    std::map<std::string, std::string> parts;
    std::string listed;
    std::string relations;
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      const std::string n = std::to_string(i + 1);
      const std::string target = i < targets.size() ? targets[i] : "worksheets/sheet" + n + ".xml";
      listed += "<sheet name=\"S" + n + "\" sheetId=\"" + n + "\" r:id=\"r" + n + "\"/>";
      relations += "<Relationship Id=\"r" + n + "\" Target=\"" + target + "\"/>";
      parts["xl/" + target] = sheets[i];
    }
    parts["xl/workbook.xml"] =
        "<workbook>" + workbook_extra + "<sheets>" + listed + "</sheets></workbook>";
    parts["xl/_rels/workbook.xml.rels"] = "<Relationships>" + relations + "</Relationships>";
    std::filesystem::remove(path_);
    int error = 0;
    zip_t* archive = zip_open(path_.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    ASSERT_NE(archive, nullptr);
    for (const auto& [name, text] : parts) {
      zip_source_t* source = zip_source_buffer(archive, text.data(), text.size(), 0);
      ASSERT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
    }
    ASSERT_EQ(zip_close(archive), 0);  // copies the buffers, which `parts` still holds
  }

  std::filesystem::path path_ = temp("crafted.xlsx");
};

TEST_F(CraftedWorkbook, The1904DateSystemIsReported) {
  write({sheet_xml("<row r=\"1\"><c r=\"A1\"><v>44634</v></c></row>")},
        "<workbookPr date1904=\"1\"/>");
  auto sheets = read_xlsx(path_);
  ASSERT_TRUE(sheets) << sheets.error().message;
  ASSERT_TRUE((*sheets)[0].date1904);
  EXPECT_EQ(excel_date((*sheets)[0].rows[0][0], (*sheets)[0].date1904), "2026-03-15");
}

// Issue 15.9: a formula never calculated is refused, naming the cell.
TEST_F(CraftedWorkbook, AFormulaWithoutASavedValueIsRefused) {
  write(
      {sheet_xml("<row r=\"1\"><c r=\"A1\" t=\"str\"><f>B1</f><v>x</v></c>"
                 "<c r=\"C1\"><f>1+1</f></c></row>")});
  auto sheets = read_xlsx(path_);
  ASSERT_FALSE(sheets);
  EXPECT_NE(sheets.error().message.find("sheet 'S1', row 1, column 3: a formula without a saved"),
            std::string::npos)
      << sheets.error().message;
}

// Issue 15.20: cells without `r` follow the one before; a merged range shows
// its value in every cell it covers.
TEST_F(CraftedWorkbook, CellsWithoutReferencesAndMergedRanges) {
  write(
      {sheet_xml("<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>2</v></c></row>"
                 "<row><c r=\"B2\"><v>3</v></c><c><v>4</v></c></row>"
                 "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>merged</t></is></c></row>",
                 "<mergeCells count=\"1\"><mergeCell ref=\"A4:B5\"/></mergeCells>")});
  auto sheets = read_xlsx(path_);
  ASSERT_TRUE(sheets) << sheets.error().message;
  const auto& rows = (*sheets)[0].rows;
  ASSERT_EQ(rows.size(), 5U);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "2"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"", "3", "4"}));
  EXPECT_TRUE(rows[2].empty());
  EXPECT_EQ(rows[3], (std::vector<std::string>{"merged", "merged"}));
  EXPECT_EQ(rows[4], (std::vector<std::string>{"merged", "merged"}));
}

// Issue 15.16: one cell at column XFD per row, many sheets on one part, and
// parts inflating past the budget are refused with a clear error.
TEST_F(CraftedWorkbook, AmplificationIsRefused) {
  std::string far;
  for (int r = 1; r <= 300; ++r) {
    far += "<row r=\"" + std::to_string(r) + "\"><c r=\"XFD" + std::to_string(r) +
           "\"><v>1</v></c></row>";
  }
  write({sheet_xml(far)});
  auto wide = read_xlsx(path_);
  ASSERT_FALSE(wide);
  EXPECT_NE(wide.error().message.find("more than 4000000 cells"), std::string::npos)
      << wide.error().message;

  const std::string one = sheet_xml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  write({one, one, one}, "", {"worksheets/sheet1.xml", "worksheets/sheet1.xml"});
  auto shared = read_xlsx(path_);
  ASSERT_FALSE(shared);
  EXPECT_NE(shared.error().message.find("sheet 'S2' points at xl/worksheets/sheet1.xml"),
            std::string::npos)
      << shared.error().message;

  write({sheet_xml(std::string(10000, ' '))});
  XlsxLimits small;
  small.inflated_bytes = 4096;
  auto inflated = read_xlsx(path_, small);
  ASSERT_FALSE(inflated);
  EXPECT_NE(inflated.error().message.find("inflate to more than"), std::string::npos);
  XlsxLimits few;
  few.elements = 3;
  auto elements = read_xlsx(path_, few);
  ASSERT_FALSE(elements);
  EXPECT_NE(elements.error().message.find("more than 3 XML elements"), std::string::npos);
}

}  // namespace
}  // namespace etguard::tabular
