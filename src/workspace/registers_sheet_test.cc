#include "workspace/registers_sheet.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>

#include "catalog/data/embedded.h"
#include "core/atomic_file.h"
#include "tabular/workbook.h"

namespace etguard::workspace {
namespace {

std::filesystem::path temp(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("etg-regsheet-" + std::to_string(::getpid()) + "-" + name);
}

TEST(RegistersSheet, RoundTripsTheDemoFirm) {
  const auto& catalog = catalog::embedded_catalog();
  const auto demo = assess::read_registers_yaml(
      std::filesystem::path(ETG_SOURCE_DIR) / "examples/demo-firm/registers.yaml", catalog);
  ASSERT_TRUE(demo.problems.empty());
  const auto path = temp("demo.xlsx");
  ASSERT_TRUE(write_registers_xlsx(demo.registers, catalog, path));
  const auto back = read_registers_xlsx(path, catalog);
  ASSERT_TRUE(back.problems.empty()) << format_problems(back.problems);
  EXPECT_EQ(assess::write_registers_yaml(back.registers),
            assess::write_registers_yaml(demo.registers));
  std::filesystem::remove(path);
}

TEST(RegistersSheet, ProblemsAreNamedBySheetAndRow) {
  const auto path = temp("bad.xlsx");
  {
    tabular::Workbook book(path);
    constexpr std::array<double, 6> kWidths = {10, 10, 10, 10, 10, 10};
    book.add_table("profile", {"field", "value"},
                   {{"name", "Example Securities"}, {"sector", "securities"}}, kWidths);
    book.add_table("cloud", {"id", "name", "fact:material", "fact:sparkly", "date:contract_start"},
                   {{"crm", "CRM", "yes", "", "46096"},        // row 2: fine (yes, Excel date)
                    {"hr", "HR", "maybe", "", ""},             // row 3: not a boolean
                    {"ops", "Ops", "false", "true", "soon"}},  // row 4: unknown fact, bad date
                   kWidths);
    ASSERT_TRUE(book.close(path));
  }
  const auto read = read_registers_xlsx(path, catalog::embedded_catalog());
  const std::string problems = format_problems(read.problems);
  EXPECT_NE(problems.find(path.string() + ":cloud!3: bad-value"), std::string::npos) << problems;
  EXPECT_NE(problems.find(path.string() + ":cloud!4: unknown-fact"), std::string::npos) << problems;
  EXPECT_NE(
      problems.find(path.string() + ":cloud!4: bad-value: cloud/ops: dates.contract_start 'soon'"),
      std::string::npos)
      << problems;
  EXPECT_EQ(problems.find("cloud!2"), std::string::npos) << problems;
  std::filesystem::remove(path);
}

TEST(RegistersCsv, RoundTripsTheDemoFirmAndNamesLines) {
  const auto& catalog = catalog::embedded_catalog();
  const auto demo = assess::read_registers_yaml(
      std::filesystem::path(ETG_SOURCE_DIR) / "examples/demo-firm/registers.yaml", catalog);
  const auto path = temp("demo.csv");
  ASSERT_TRUE(write_file_atomically(path, registers_csv(demo.registers)));
  const auto back = read_registers_csv(path, catalog);
  ASSERT_TRUE(back.problems.empty()) << format_problems(back.problems);
  EXPECT_EQ(assess::write_registers_yaml(back.registers),
            assess::write_registers_yaml(demo.registers));

  // Another system's export: quoted commas, an unknown fact and a bad date, each at its line.
  ASSERT_TRUE(write_file_atomically(path,
                                    "register,id,name,owner,field,value\r\n"
                                    "profile,,,,name,\"Example, Securities\"\r\n"
                                    "profile,,,,sector,securities\r\n"
                                    "cloud,crm,CRM,IT,fact:used,true\r\n"
                                    "cloud,crm,CRM,IT,fact:sparkly,true\r\n"
                                    "cloud,crm,CRM,IT,date:contract_start,soon\r\n"));
  const auto bad = read_registers_csv(path, catalog);
  const std::string problems = format_problems(bad.problems);
  EXPECT_NE(problems.find(path.string() + ":5: unknown-fact"), std::string::npos) << problems;
  EXPECT_NE(problems.find(path.string() + ":6: bad-value"), std::string::npos) << problems;
  ASSERT_TRUE(write_file_atomically(path, "register,id,name\nprofile,,\n"));
  EXPECT_EQ(read_registers_csv(path, catalog).problems.at(0).code, "bad-header");
  ASSERT_TRUE(
      write_file_atomically(path, "register,id,name,owner,field,value\ncloud,a,\"unterminated\n"));
  EXPECT_EQ(read_registers_csv(path, catalog).problems.at(0).code, "bad-csv");
  std::filesystem::remove(path);
}

// Issue 15.7: a CSV saved in Big5 (Excel's "CSV" on zh-TW Windows) is refused
// where the first foreign byte stands, never imported as U+FFFD.
TEST(RegistersCsv, ALegacyEncodingIsRefusedWithItsPlace) {
  const auto path = temp("big5.csv");
  ASSERT_TRUE(write_file_atomically(path,
                                    "register,id,name,owner,field,value\r\n"
                                    "profile,,,,name,\xA4\xB8\xA4\x6A\xC3\xD2\xA8\xE9\r\n"));
  const auto read = read_registers_csv(path, catalog::embedded_catalog());
  ASSERT_EQ(read.problems.size(), 1U);
  EXPECT_EQ(read.problems[0].code, "bad-encoding");
  EXPECT_EQ(read.problems[0].where.line, 2);
  EXPECT_EQ(read.problems[0].where.column, 17);
  EXPECT_NE(read.problems[0].message.find("CSV UTF-8"), std::string::npos);
  std::filesystem::remove(path);
}

// Issue 15.10: a value given twice is refused at the second, in every format,
// instead of the last one winning.
TEST(RegistersCsv, AFieldGivenTwiceIsRefused) {
  const auto path = temp("twice.csv");
  ASSERT_TRUE(write_file_atomically(path,
                                    "register,id,name,owner,field,value\r\n"
                                    "profile,,,,name,Example\r\n"
                                    "profile,,,,sector,securities\r\n"
                                    "cloud,crm,CRM,IT,fact:material,true\r\n"
                                    "cloud,crm,CRM,IT,fact:material,false\r\n"));
  const auto read = read_registers_csv(path, catalog::embedded_catalog());
  ASSERT_EQ(read.problems.size(), 1U) << format_problems(read.problems);
  EXPECT_EQ(read.problems[0].code, "duplicate-field");
  EXPECT_EQ(read.problems[0].where.line, 5);
  EXPECT_NE(read.problems[0].message.find("already given at line 4"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(RegistersSheet, AColumnGivenTwiceIsRefusedAtItsRow) {
  const auto path = temp("twice.xlsx");
  {
    tabular::Workbook book(path);
    constexpr std::array<double, 4> kWidths = {10, 10, 10, 10};
    book.add_table("profile", {"field", "value"},
                   {{"name", "Example Securities"}, {"sector", "securities"}}, kWidths);
    book.add_table("cloud", {"id", "name", "fact:material", "fact:material"},
                   {{"crm", "CRM", "true", "false"}}, kWidths);
    ASSERT_TRUE(book.close(path));
  }
  const auto read = read_registers_xlsx(path, catalog::embedded_catalog());
  const std::string problems = format_problems(read.problems);
  EXPECT_NE(problems.find(path.string() + ":cloud!2: duplicate-key"), std::string::npos)
      << problems;
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace etguard::workspace
