// CSV exports through a column mapping: RFC 4180 quoting, the export's
// spellings, local times, a header without a mapped column, and a broken
// record reported and skipped while the next one is still read.
#include "authlog/parse_csv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace etguard::authlog {
namespace {

CsvMapping mapping() {
  CsvMapping result;
  result.columns = {{"timestamp", "when"}, {"action", "what"},   {"outcome", "result"},
                    {"user_name", "who"},  {"user_id", "staff"}, {"source_ip", "ip"},
                    {"factors", "how"},    {"event_id", "id"}};
  result.values["outcome"] = {{"成功", "success"}, {"失敗", "failure"}};
  result.values["action"] = {{"登入", "login"}};
  return result;
}

// Only the required columns and the outcome.
CsvMapping small_mapping() {
  CsvMapping result = mapping();
  std::erase_if(result.columns, [](const auto& entry) {
    return entry.first != "timestamp" && entry.first != "action" && entry.first != "outcome" &&
           entry.first != "user_name";
  });
  return result;
}

std::vector<CsvParser::Row> feed_all(CsvParser& parser, const std::vector<std::string>& lines) {
  std::vector<CsvParser::Row> rows;
  std::uint32_t number = 0;
  for (const std::string& line : lines) {
    auto fed = parser.feed(line, ++number);
    EXPECT_TRUE(fed.has_value()) << line;
    if (fed) {
      rows.insert(rows.end(), fed->begin(), fed->end());
    }
  }
  auto rest = parser.finish();
  rows.insert(rows.end(), rest.begin(), rest.end());
  return rows;
}

TEST(CsvParser, MapsColumnsValuesAndLocalTimes) {
  Interner strings;
  CsvParser parser(strings, mapping());
  const auto rows = feed_all(parser, {"id,when,what,result,who,staff,ip,how",
                                      "00000000000000a1,2025-03-12 09:00:00,登入,成功,emp1,E1,"
                                      "2001:db8:1:2:3:4:5:6,password|hardware_token"});
  ASSERT_EQ(rows.size(), 1U);
  ASSERT_TRUE(rows[0].ok) << rows[0].problem;
  const Event& event = rows[0].event;
  std::int64_t expected = 0;
  ASSERT_TRUE(parse_time("2025-03-12T01:00:00Z", expected));
  EXPECT_EQ(event.time_ms, expected);  // +08:00 by default
  EXPECT_EQ(event.action, Action::kLogin);
  EXPECT_TRUE(event.success);
  EXPECT_EQ(strings.text(event.user), "emp1");
  EXPECT_TRUE(event.user_exists);
  EXPECT_EQ(strings.text(event.source), "2001:db8:1:2::/64");
  EXPECT_EQ(event.factor_types, kKnowledge | kPossession);
  EXPECT_EQ(event.id, 0xa1U);
  EXPECT_EQ(rows[0].line, 2U);
}

TEST(CsvParser, QuotedFieldsMayHoldDelimitersQuotesAndNewlines) {
  Interner strings;
  CsvParser parser(strings, small_mapping());
  const auto rows =
      feed_all(parser, {"when,what,result,who", R"(2025-03-12T01:00:00Z,login,失敗,"a,""b)",
                        R"(c")", "2025-03-12T01:00:01Z,login,成功,plain"});
  ASSERT_EQ(rows.size(), 2U);
  ASSERT_TRUE(rows[0].ok) << rows[0].problem;
  EXPECT_EQ(strings.text(rows[0].event.user), "a,\"b\nc");
  EXPECT_EQ(rows[0].line, 3U);              // the record ends on line 3
  EXPECT_FALSE(rows[0].event.user_exists);  // user_id is not mapped
  EXPECT_FALSE(rows[0].event.success);
  EXPECT_TRUE(rows[1].ok);
}

TEST(CsvParser, ABrokenRecordIsReportedAndTheNextOneRead) {
  Interner strings;
  CsvParser parser(strings, small_mapping());
  const auto rows =
      feed_all(parser, {"when,what,result,who", "2025-03-12T01:00:00Z,login,成功,x\"y",
                        "yesterday,login,成功,z", "2025-03-12T01:00:02Z,logon,成功,z",
                        "2025-03-12T01:00:03Z,login,成功,ok"});
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_FALSE(rows[0].ok);
  EXPECT_NE(rows[0].problem.find("CSV"), std::string::npos) << rows[0].problem;
  EXPECT_FALSE(rows[1].ok);
  EXPECT_NE(rows[1].problem.find("yesterday"), std::string::npos) << rows[1].problem;
  EXPECT_FALSE(rows[2].ok);
  EXPECT_NE(rows[2].problem.find("logon"), std::string::npos) << rows[2].problem;
  EXPECT_TRUE(rows[3].ok);
  EXPECT_EQ(rows[3].line, 5U);
}

TEST(CsvParser, AnUnclosedQuoteAtTheEndIsReported) {
  Interner strings;
  CsvParser parser(strings, small_mapping());
  const auto rows =
      feed_all(parser, {"when,what,result,who", "2025-03-12T01:00:00Z,login,成功,\"x"});
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_FALSE(rows[0].ok);
  EXPECT_NE(rows[0].problem.find("quote"), std::string::npos) << rows[0].problem;
}

TEST(CsvParser, AHeaderWithoutAMappedColumnIsAnError) {
  Interner strings;
  CsvParser parser(strings, small_mapping());
  const auto fed = parser.feed("when,what,result", 1);
  ASSERT_FALSE(fed.has_value());
  EXPECT_NE(fed.error().message.find("'who'"), std::string::npos) << fed.error().message;
  EXPECT_NE(fed.error().message.find("line 1"), std::string::npos) << fed.error().message;
}

class CsvMappingFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("etg-csv-map-" + std::to_string(::getpid()) + ".yaml");
  }
  void TearDown() override { std::filesystem::remove(path_); }
  Result<CsvMapping> load(const std::string& text) {
    std::ofstream(path_) << text;
    return load_csv_mapping(path_.string());
  }
  std::filesystem::path path_;
};

TEST_F(CsvMappingFile, ReadsColumnsValuesAndOptions) {
  const auto loaded = load(
      "delimiter: ';'\ntimezone: Z\nfactor_separator: '+'\ncolumns:\n  timestamp: t\n  action: "
      "a\n  user_name: u\nvalues:\n  outcome: {OK: success}\n");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->delimiter, ';');
  EXPECT_EQ(loaded->timezone, "Z");
  EXPECT_EQ(loaded->factor_separator, '+');
  EXPECT_EQ(loaded->columns.at("user_name"), "u");
  EXPECT_EQ(loaded->values.at("outcome").at("OK"), "success");
}

TEST_F(CsvMappingFile, ErrorsNameTheFileLineAndProblem) {
  const auto unknown = load("columns:\n  timestamp: t\n  action: a\n  user_name: u\n  colour: c\n");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find(path_.string() + ":5:3: unknown field 'colour'"),
            std::string::npos)
      << unknown.error().message;
  const auto missing = load("columns:\n  timestamp: t\n  action: a\n");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("'user_name'"), std::string::npos);
  const auto zone =
      load("timezone: Taipei\ncolumns:\n  timestamp: t\n  action: a\n  user_name: u\n");
  ASSERT_FALSE(zone.has_value());
  EXPECT_NE(zone.error().message.find(":1:11: 'timezone'"), std::string::npos)
      << zone.error().message;
  EXPECT_FALSE(load("columns: [unclosed\n").has_value());
}

}  // namespace
}  // namespace etguard::authlog
