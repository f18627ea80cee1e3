#include "catalog/export/xlsx_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <ranges>

#include "catalog/data/embedded.h"
#include "catalog/export/json_export.h"
#include "catalog/export/table.h"

namespace etguard::catalog {
namespace {

// One member of the workbook's zip archive, read with Debian's unzip.
std::string unzip(const std::filesystem::path& archive, const std::string& member) {
  const std::string command = "unzip -p '" + archive.string() + "' '" + member + "'";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string out;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    out.append(buffer, n);
  }
  EXPECT_EQ(::pclose(pipe), 0) << command;
  return out;
}

// "C12" -> column 2 (0-based).
std::size_t column_of(std::string_view reference) {
  std::size_t column = 0;
  for (const char c : reference) {
    if (c < 'A' || c > 'Z') {
      break;
    }
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  return column - 1;
}

class XlsxExport : public ::testing::TestWithParam<Lang> {
 protected:
  void SetUp() override {
    // Unique per process and test: ctest runs the tests of this fixture in parallel.
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::ranges::replace(name, '/', '-');  // parameterized names contain '/'
    path_ = std::filesystem::temp_directory_path() /
            ("etg-catalog-" + std::to_string(::getpid()) + "-" + name + ".xlsx");
    ASSERT_TRUE(write_catalog_xlsx(embedded_catalog(), GetParam(), path_));
    pugi::xml_document strings;
    ASSERT_TRUE(strings.load_string(unzip(path_, "xl/sharedStrings.xml").c_str()));
    for (pugi::xml_node item : strings.child("sst").children("si")) {
      std::string text;
      for (pugi::xml_node run :
           item.select_nodes(".//t") | std::views::transform([](auto x) { return x.node(); })) {
        text += run.text().get();
      }
      shared_.push_back(text);
    }
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // The cells of worksheet `index` (1-based), row by row.
  std::vector<std::vector<std::string>> sheet(int index) {
    pugi::xml_document xml;
    EXPECT_TRUE(xml.load_string(
        unzip(path_, "xl/worksheets/sheet" + std::to_string(index) + ".xml").c_str()));
    std::vector<std::vector<std::string>> rows;
    for (pugi::xml_node row : xml.child("worksheet").child("sheetData").children("row")) {
      std::vector<std::string> cells;
      for (pugi::xml_node cell : row.children("c")) {
        const std::size_t column = column_of(cell.attribute("r").value());
        cells.resize(column + 1);
        const std::string value = cell.child("v").text().get();
        cells[column] = std::string(cell.attribute("t").value()) == "s"
                            ? shared_.at(static_cast<std::size_t>(std::stoul(value)))
                            : value;
      }
      rows.push_back(cells);
    }
    return rows;
  }

  std::filesystem::path path_;
  std::vector<std::string> shared_;
};

TEST_P(XlsxExport, HasAnAboutSheetAndOneSheetPerChapter) {
  pugi::xml_document book;
  ASSERT_TRUE(book.load_string(unzip(path_, "xl/workbook.xml").c_str()));
  std::vector<std::string> names;
  for (pugi::xml_node each : book.child("workbook").child("sheets").children("sheet")) {
    names.emplace_back(each.attribute("name").value());
  }
  ASSERT_EQ(names.size(), 9U);
  EXPECT_EQ(names[0], GetParam() == Lang::kEn ? "About" : "說明");
  EXPECT_TRUE(names[2].starts_with(GetParam() == Lang::kEn ? "Chapter 2" : "第二章")) << names[2];
  const auto about = sheet(1);
  EXPECT_EQ(about.back()[1], "etguard.catalog.xlsx/1.0");
}

TEST_P(XlsxExport, ChapterSheetsMatchTheJsonExport) {
  const auto json = catalog_to_json(embedded_catalog());
  const auto columns = catalog_columns(GetParam());
  for (const auto& chapter : json["chapters"]) {
    const int number = chapter["number"];
    const auto rows = sheet(number + 1);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], columns);
    std::size_t next = 1;
    for (const auto& article : json["articles"]) {
      if (article["chapter"] != number) {
        continue;
      }
      for (const auto& node : article["nodes"]) {
        ASSERT_LT(next, rows.size());
        std::vector<std::string> row = rows[next++];
        row.resize(columns.size());
        EXPECT_EQ(row[1], std::to_string(article["number"].get<int>()));
        EXPECT_EQ(row[3], node["id"].get<std::string>());
        EXPECT_EQ(row[13], node["text_zh"].get<std::string>());
        EXPECT_EQ(row[14], node["text_en"].get<std::string>());
        const std::string obligation = node["obligation"];
        EXPECT_EQ(
            row[6],
            std::string(describe(parse_obligation(obligation).value_or(Obligation::kInformative))
                            .in(GetParam())));
      }
    }
    EXPECT_EQ(next, rows.size()) << "chapter " << number;
  }
}

TEST_P(XlsxExport, FreezesTheHeaderAndWrapsText) {
  const std::string sheet_xml = unzip(path_, "xl/worksheets/sheet2.xml");
  EXPECT_NE(sheet_xml.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet_xml.find("ySplit=\"1\""), std::string::npos);
  EXPECT_NE(sheet_xml.find("<autoFilter"), std::string::npos);
  EXPECT_NE(unzip(path_, "xl/styles.xml").find("wrapText=\"1\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(BothLanguages, XlsxExport, ::testing::Values(Lang::kEn, Lang::kZhTw));

}  // namespace
}  // namespace etguard::catalog
