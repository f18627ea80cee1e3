#include "assess/registers_yaml.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "catalog/data/embedded.h"
#include "core/atomic_file.h"

namespace etguard::assess {
namespace {

const std::filesystem::path kFirm =
    std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml";

class RegistersYaml : public ::testing::Test {
 protected:
  // Writes the fixture with `from` replaced by `to` and reads it back.
  RegistersRead read_changed(std::string_view from, std::string_view to) {
    std::string text = read_file(kFirm).value();
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) {
      text.replace(at, from.size(), to);
      line_ = 1 + static_cast<int>(
                      std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    }
    path_ = std::filesystem::temp_directory_path() /
            ("etg-registers-" + std::to_string(::getpid()) + ".yaml");
    EXPECT_TRUE(write_file_atomically(path_, text));
    return read_registers_yaml(path_, catalog::embedded_catalog());
  }
  void TearDown() override { std::filesystem::remove(path_); }

  static void expect_code(const RegistersRead& read, std::string_view code, int line) {
    for (const Problem& problem : read.problems) {
      if (problem.code == code) {
        EXPECT_EQ(problem.where.line, line) << problem.message;
        EXPECT_TRUE(read.registers.entries.empty()) << "a file with problems yields nothing";
        return;
      }
    }
    ADD_FAILURE() << "no " << code << " among:\n" << format_problems(read.problems);
  }

  std::filesystem::path path_;
  int line_ = 0;
};

TEST_F(RegistersYaml, ReadsTheFixture) {
  const RegistersRead read = read_registers_yaml(kFirm, catalog::embedded_catalog());
  ASSERT_TRUE(read.problems.empty()) << format_problems(read.problems);
  EXPECT_EQ(read.registers.profile.name, "測試證券股份有限公司");
  EXPECT_EQ(read.registers.entries.size(), 8U);
  const RegisterEntry& core = read.registers.entries[1];  // sorted: ai/..., ai/..., cloud/core-dr
  EXPECT_EQ(core.key(), "ai/robo-advisor");
  EXPECT_EQ(read.registers.entries[2].details.at("data_locations"), "Taipei, Taichung");
}

TEST_F(RegistersYaml, WritingAndReadingAgainGivesTheSameRegisters) {
  const Registers first = read_registers_yaml(kFirm, catalog::embedded_catalog()).registers;
  path_ = std::filesystem::temp_directory_path() /
          ("etg-roundtrip-" + std::to_string(::getpid()) + ".yaml");
  ASSERT_TRUE(write_file_atomically(path_, write_registers_yaml(first)));
  const RegistersRead second = read_registers_yaml(path_, catalog::embedded_catalog());
  ASSERT_TRUE(second.problems.empty()) << format_problems(second.problems);
  EXPECT_EQ(canonical(second.registers.profile), canonical(first.profile));
  ASSERT_EQ(second.registers.entries.size(), first.entries.size());
  for (std::size_t i = 0; i < first.entries.size(); ++i) {
    EXPECT_EQ(canonical(second.registers.entries[i]), canonical(first.entries[i]));
  }
}

TEST_F(RegistersYaml, AnUnknownFactIsReportedWithItsLine) {
  const auto read = read_changed("customer_facing: true, sends", "customer_facin: true, sends");
  expect_code(read, "unknown-fact", line_);
}

TEST_F(RegistersYaml, ADerivedFactCannotBeSetByHand) {
  const auto read =
      read_changed("      facts: {used: true}\n", "      facts: {used: true, in_scope: true}\n");
  expect_code(read, "unknown-fact", line_);
}

// Issue 17: a fact set true whose implication is set false is refused where
// the false one stands, naming the implication; nothing silently wins.
TEST_F(RegistersYaml, AContradictionOfAnImplicationIsReportedWhereTheFalseFactStands) {
  const RegistersRead in_scope_unused =
      read_changed("facts: {used: true, in_scope: false}", "facts: {used: false, in_scope: true}");
  expect_code(in_scope_unused, "contradiction", line_);
  ASSERT_EQ(in_scope_unused.problems.size(), 1U);
  EXPECT_EQ(in_scope_unused.problems[0].where.column, 21);  // the `false` of used
  EXPECT_NE(in_scope_unused.problems[0].message.find("in_scope is true, which implies used"),
            std::string::npos)
      << in_scope_unused.problems[0].message;
  // Implications chain: material_natural_person implies material; customer
  // advice implies customer_facing (each read before its line is asked for).
  const RegistersRead natural_person_immaterial =
      read_changed("material: true, customer_data: true, material_natural_person: true",
                   "material: false, customer_data: true, material_natural_person: true");
  expect_code(natural_person_immaterial, "contradiction", line_);
  const RegistersRead advice_not_facing =
      read_changed("customer_advice: true, customer_facing: true",
                   "customer_advice: true, customer_facing: false");
  expect_code(advice_not_facing, "contradiction", line_);
}

TEST_F(RegistersYaml, AnImpossibleDateIsReported) {
  const auto read = read_changed("last_lab_test: 2026-02-10", "last_lab_test: 2026-02-30");
  expect_code(read, "bad-value", line_);
}

// Issue 15, item 19: control characters and bidi overrides in names were
// printed raw to terminals (an override makes "txt.exe" read as "exe.txt").
TEST_F(RegistersYaml, ControlAndBidiOverrideCharactersInNamesAreRefused) {
  const auto bidi = read_changed("name: 人資 SaaS", "name: \"人資 \u202ESaaS\"");
  expect_code(bidi, "bad-character", line_);
  EXPECT_NE(format_problems(bidi.problems).find("U+202E at character 4"), std::string::npos)
      << format_problems(bidi.problems);
  const auto escape = read_changed("name: 人資 SaaS", "name: \"人資\\e[31mSaaS\"");
  expect_code(escape, "bad-character", line_);
}

TEST_F(RegistersYaml, ADuplicateIdIsReported) {
  const auto read = read_changed("- id: staff-app", "- id: trade-app");
  expect_code(read, "duplicate-id", line_);
}

TEST_F(RegistersYaml, AnUnknownRegisterIsReported) {
  const auto read = read_changed("  phone_trading:\n", "  phone:\n");
  expect_code(read, "unknown-register", line_);
}

TEST_F(RegistersYaml, ABadSectorAndAMissingNameAreBothReported) {
  std::string text = read_file(kFirm).value();
  text.replace(text.find("sector: securities"), 18, "sector: banking");
  const std::string name_line = "      name: 人資 SaaS\n";
  text.replace(text.find(name_line), name_line.size(), "");
  path_ =
      std::filesystem::temp_directory_path() / ("etg-two-" + std::to_string(::getpid()) + ".yaml");
  ASSERT_TRUE(write_file_atomically(path_, text));
  const RegistersRead read = read_registers_yaml(path_, catalog::embedded_catalog());
  EXPECT_GE(read.problems.size(), 2U);
  const std::string all = format_problems(read.problems);
  EXPECT_NE(all.find("banking"), std::string::npos) << all;
  EXPECT_NE(all.find("lacks 'name'"), std::string::npos) << all;
}

TEST_F(RegistersYaml, ASyntaxErrorIsReported) {
  const auto read = read_changed("  ai:\n", "  ai: [\n");
  ASSERT_FALSE(read.problems.empty());
  EXPECT_EQ(read.problems.front().code, "yaml-syntax");
}

TEST(RegistersYamlFile, InvalidUtf8IsLocatedNotStored) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("etg-badutf8-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path)
      << "format: etguard.registers\nformat_version: \"1.0\"\nprofile:\n  name: Bad\xFF Name\n";
  const RegistersRead read = read_registers_yaml(path, catalog::embedded_catalog());
  ASSERT_EQ(read.problems.size(), 1U);
  EXPECT_EQ(read.problems[0].code, "bad-encoding");
  EXPECT_EQ(read.problems[0].where.line, 4);
  EXPECT_EQ(read.problems[0].where.column, 12);
  std::filesystem::remove(path);
}

TEST(RegistersYamlFile, AMissingProfileIsAProblemNotACrash) {
  // Found by the XLSX fuzz target (now fuzz/importers.cc): an absent 'profile' used to throw.
  const auto path = std::filesystem::temp_directory_path() /
                    ("etg-noprofile-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path)
      << "format: etguard.registers\nformat_version: \"1.0\"\nregisters:\n  cloud: []\n";
  const RegistersRead read = read_registers_yaml(path, catalog::embedded_catalog());
  ASSERT_EQ(read.problems.size(), 1U);
  EXPECT_EQ(read.problems[0].code, "missing-key");
  EXPECT_EQ(read.problems[0].where.line, 1);
  std::filesystem::remove(path);
}

// Issue 15.10 and 15.18.
TEST(RegistersYamlText, KeysGivenTwiceAndNestedListsAreRefusedWhereTheyStand) {
  const auto read = read_registers_yaml_text(
      "format: etguard.registers\nformat_version: \"1.0\"\n"
      "profile: {name: X, sector: securities}\n"
      "registers:\n"
      "  cloud:\n"
      "    - id: crm\n      name: CRM\n      facts: {material: true, material: false}\n"
      "  cloud:\n"
      "    - id: hr\n      name: HR\n",
      "twice.yaml", catalog::embedded_catalog());
  const std::string problems = format_problems(read.problems);
  EXPECT_NE(problems.find("twice.yaml:8:31: duplicate-key"), std::string::npos) << problems;
  EXPECT_NE(problems.find("twice.yaml:9:3: duplicate-key"), std::string::npos) << problems;
  const auto nested = read_registers_yaml_text(
      "format: etguard.registers\nformat_version: \"1.0\"\n"
      "profile: {name: X, sector: securities}\n"
      "registers:\n  cloud:\n    - {id: hr, name: HR, details: {regions: [[tw, jp]]}}\n",
      "nested.yaml", catalog::embedded_catalog());
  EXPECT_NE(format_problems(nested.problems).find("nested.yaml:6:46: bad-type"), std::string::npos)
      << format_problems(nested.problems);
}

}  // namespace
}  // namespace etguard::assess
