#include "catalog/export/csv_export.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/data/embedded.h"
#include "catalog/export/table.h"

namespace etguard::catalog {
namespace {

// Splits RFC 4180 CSV into records of fields (test helper).
std::vector<std::vector<std::string>> split_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (records.back().empty()) {
    records.pop_back();
  }
  return records;
}

TEST(CsvExport, StartsWithAByteOrderMarkAndUsesCrlf) {
  const std::string csv = catalog_to_csv(embedded_catalog(), Lang::kEn);
  ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBF"));
  EXPECT_TRUE(csv.ends_with("\r\n"));
}

TEST(CsvExport, HasOneRowPerNodeWithEveryColumn) {
  for (Lang lang : {Lang::kEn, Lang::kZhTw}) {
    const std::string csv = catalog_to_csv(embedded_catalog(), lang);
    const auto records = split_csv(std::string_view(csv).substr(3));
    ASSERT_EQ(records.size(), 203U);  // header + 202 nodes
    const std::size_t columns = catalog_columns(lang).size() + 1;
    for (const auto& record : records) {
      ASSERT_EQ(record.size(), columns) << record.at(0);
    }
    EXPECT_EQ(records[0][0], lang == Lang::kEn ? "Chapter" : "章");
    EXPECT_EQ(records[1].back(), "etguard.catalog.csv/1.0");
  }
}

TEST(CsvExport, QuotedFieldsSurviveTheRoundTrip) {
  const std::string csv = catalog_to_csv(embedded_catalog(), Lang::kEn);
  const auto records = split_csv(std::string_view(csv).substr(3));
  const auto rows = catalog_rows(embedded_catalog(), Lang::kEn);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t col = 0; col < rows[i].cells.size(); ++col) {
      EXPECT_EQ(records[i + 1][col], rows[i].cells[col]) << rows[i].cells[3] << " column " << col;
    }
  }
  // ET-2.5 quotes instrument titles: its English text contains '"' and ','.
  const auto found = std::ranges::find_if(records, [](const auto& r) { return r[3] == "ET-2.5"; });
  ASSERT_NE(found, records.end());
  EXPECT_NE((*found)[14].find("\"Directions for Securities Firms"), std::string::npos);
}

}  // namespace
}  // namespace etguard::catalog
