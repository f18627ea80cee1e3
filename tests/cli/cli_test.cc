// End-to-end tests: run the built etguard binary as a user would and check
// its output, exit codes and files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_etguard.h"

namespace {

using Outcome = etguard::testing::RunOutcome;
using etguard::testing::slurp;

Outcome etguard(const std::string& arguments, const std::string& environment = "LANG=C.UTF-8") {
  return etguard::testing::run_etguard(arguments, environment);
}

TEST(Cli, HelpListsTheCatalogCommandsWithExamples) {
  const Outcome run = etguard("catalog --help");
  EXPECT_EQ(run.exit_code, 0);
  for (const char* command : {"list", "show", "search", "export", "stats", "verify-source"}) {
    EXPECT_NE(run.out.find(command), std::string::npos) << command;
  }
  const Outcome show = etguard("catalog show --help");
  EXPECT_NE(show.out.find("Examples:"), std::string::npos);
}

TEST(Cli, AnUnknownIdExitsTwoWithTheClosestIds) {
  const Outcome run = etguard("catalog show ET-8.9");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("unknown requirement ID 'ET-8.9'"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("ET-8."), std::string::npos) << run.err;
  const Outcome zh = etguard("catalog show ET-8.9 --lang zh-TW");
  EXPECT_NE(zh.err.find("找不到編號"), std::string::npos) << zh.err;
}

TEST(Cli, ShowListsTheChecksThatProveTheClause) {
  const auto run = etguard("catalog show ET-34.1 --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto checks = nlohmann::json::parse(run.out)["checks"];
  EXPECT_NE(std::find(checks.begin(), checks.end(), "tls.protocol"), checks.end()) << checks;
  const auto manual = etguard("catalog show ET-41 --json");
  EXPECT_TRUE(nlohmann::json::parse(manual.out)["checks"].empty());
  EXPECT_NE(etguard("--lang zh-TW catalog show ET-34.1").out.find("自動檢測"), std::string::npos);
}

TEST(Cli, CoverageCountsEveryRequirementByChapter) {
  const auto run = etguard("catalog coverage --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  ASSERT_EQ(doc["chapters"].size(), 7U);  // chapters 2 to 8 hold requirements
  int total = 0;
  for (const auto& chapter : doc["chapters"]) {
    total += chapter["automated"].get<int>() + chapter["partly_automated"].get<int>() +
             chapter["manual"].get<int>();
  }
  int requirements = 0;  // shall, should and may: everything but informative text
  const auto stats = nlohmann::json::parse(etguard("catalog stats --json").out);
  for (const auto& chapter : stats["by_chapter"]) {
    requirements +=
        chapter["shall"].get<int>() + chapter["should"].get<int>() + chapter["may"].get<int>();
  }
  EXPECT_EQ(total, requirements);
  EXPECT_NE(etguard("catalog coverage").out.find("ET-34.1"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(etguard("catalog list --obligation must").exit_code, 2);
  EXPECT_EQ(etguard("catalog list --condition nope.fact").exit_code, 2);
  EXPECT_EQ(etguard("catalog export --format pdf").exit_code, 2);
  EXPECT_EQ(etguard("catalog stats --lang fr").exit_code, 2);
  EXPECT_EQ(etguard("catalog bogus").exit_code, 2);
  EXPECT_EQ(etguard("").exit_code, 2);
}

TEST(Cli, TheLanguageComesFromLangOrTheFlag) {
  EXPECT_NE(etguard("catalog stats", "LANG=zh_TW.UTF-8").out.find("8 章、54 條"),
            std::string::npos);
  EXPECT_NE(etguard("catalog stats").out.find("8 chapters, 54 articles"), std::string::npos);
  EXPECT_NE(etguard("catalog stats --lang zh-TW").out.find("8 章、54 條"), std::string::npos);
  EXPECT_NE(etguard("--lang en catalog stats", "LANG=zh_TW.UTF-8").out.find("8 chapters"),
            std::string::npos);
}

TEST(Cli, StatsJsonCountsTheWholeCatalog) {
  const Outcome run = etguard("catalog stats --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["format_version"], "1.0");
  EXPECT_EQ(doc["chapters"], 8);
  EXPECT_EQ(doc["articles"], 54);
  EXPECT_EQ(doc["nodes"], 202);
  int total = 0;
  for (const auto& [name, count] : doc["by_obligation"].items()) {
    total += count.get<int>();
  }
  EXPECT_EQ(total, 202);
}

TEST(Cli, ShowJsonHasTheNodeItsAncestorsAndChildren) {
  const auto doc = nlohmann::json::parse(etguard("catalog show ET-8.6.3 --json").out);
  EXPECT_EQ(doc["node"]["obligation"], "shall");
  EXPECT_EQ(doc["ancestors"], nlohmann::json::array({"ET-8", "ET-8.6"}));
  EXPECT_EQ(doc["children"], nlohmann::json::array({"ET-8.6.3.1", "ET-8.6.3.2", "ET-8.6.3.3"}));
}

TEST(Cli, SearchFindsTheMfaClausesInEveryLanguage) {
  for (const char* query : {"多因子", "MFA", "multi-factor"}) {
    const auto doc =
        nlohmann::json::parse(etguard(std::string("catalog search ") + query + " --json").out);
    ASSERT_GE(doc["nodes"].size(), 2U) << query;
    EXPECT_EQ(doc["nodes"][0]["id"], "ET-8.2.1") << query;
    EXPECT_EQ(doc["nodes"][1]["id"], "ET-8.2.3") << query;
  }
  const auto five_years = nlohmann::json::parse(etguard("catalog search 五年 --json").out);
  EXPECT_EQ(five_years["nodes"][0]["id"], "ET-37.1");
}

TEST(Cli, ListFiltersByChapterObligationAndCondition) {
  const auto doc =
      nlohmann::json::parse(etguard("catalog list --condition cloud.material --json").out);
  ASSERT_GT(doc["count"].get<int>(), 0);
  for (const auto& node : doc["nodes"]) {
    const auto& conditions = node["effective_conditions"];
    EXPECT_NE(std::find(conditions.begin(), conditions.end(), "cloud.material"), conditions.end())
        << node["id"];
  }
  const auto daily = nlohmann::json::parse(etguard("catalog list --recurrence daily --json").out);
  ASSERT_EQ(daily["count"], 1);
  EXPECT_EQ(daily["nodes"][0]["id"], "ET-36.7");
  const auto should =
      nlohmann::json::parse(etguard("catalog list --chapter 8 --obligation should --json").out);
  for (const auto& node : should["nodes"]) {
    EXPECT_EQ(node["obligation"], "should");
    EXPECT_GE(std::stoi(node["id"].get<std::string>().substr(3)), 42);
  }
}

TEST(Cli, TheTableFitsTheTerminalWidthCountingCjkAsDouble) {
  const Outcome run = etguard("catalog list --chapter 6 --lang zh-TW", "LANG=C.UTF-8 COLUMNS=60");
  ASSERT_EQ(run.exit_code, 0);
  ASSERT_NE(run.out.find("ET-36.5"),
            std::string::npos);  // rows were printed, so the width check means something
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size();) {
      const auto byte = static_cast<unsigned char>(line[i]);
      const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
      width += length == 3 && line.compare(i, 3, "…") != 0 ? 2U : 1U;
      i += length;
    }
    EXPECT_LE(width, 60U) << line;
  }
}

TEST(Cli, ExportWritesEachFormatToAFile) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("etg-cli-export-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* format : {"json", "csv", "xlsx", "oscal"}) {
    const auto out = dir / (std::string("catalog.") + format);
    const Outcome run =
        etguard(std::string("catalog export --format ") + format + " --out " + out.string());
    EXPECT_EQ(run.exit_code, 0) << format << ": " << run.err;
    EXPECT_GT(std::filesystem::file_size(out), 1000U) << format;
  }
  const auto json = nlohmann::json::parse(slurp(dir / "catalog.json"));
  EXPECT_EQ(json["articles"].size(), 54U);
  EXPECT_TRUE(slurp(dir / "catalog.xlsx").starts_with("PK"));                 // a zip archive
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 4);  // no temporaries left
  std::filesystem::remove_all(dir);
}

TEST(Cli, ExportToAMissingDirectoryFailsWithoutWriting) {
  const Outcome run = etguard("catalog export --format json --out /nonexistent-dir/catalog.json");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("/nonexistent-dir/"), std::string::npos) << run.err;
}

TEST(Cli, VerifySourceAcceptsTheGuidelineAndRejectsAnAlteredCopy) {
  const std::string source =
      std::string(ETG_SOURCE_DIR) + "/catalog/etg/2024-12-27/source/zh-TW.txt";
  EXPECT_EQ(etguard("catalog verify-source " + source).exit_code, 0);
  std::string text = slurp(source);
  const std::string five_years = "存五年";
  ASSERT_NE(text.find(five_years), std::string::npos);
  text.replace(text.find(five_years), five_years.size(), "存三年");
  const auto altered = std::filesystem::temp_directory_path() /
                       ("etg-altered-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(altered) << text;
  const Outcome run = etguard("catalog verify-source " + altered.string() + " --json");
  std::filesystem::remove(altered);
  EXPECT_EQ(run.exit_code, 1);
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_FALSE(doc["match"].get<bool>());
  EXPECT_EQ(doc["problems"][0]["where"], "Article 37");
  EXPECT_EQ(etguard("catalog verify-source /nonexistent.txt").exit_code, 2);
}

}  // namespace

namespace {

TEST(Cli, TermsAndFactsListTheVocabularies) {
  const auto terms = nlohmann::json::parse(etguard("catalog terms --json").out);
  const auto deepfake = std::find_if(terms["terms"].begin(), terms["terms"].end(),
                                     [](const auto& t) { return t["id"] == "deepfake"; });
  ASSERT_NE(deepfake, terms["terms"].end());
  EXPECT_EQ((*deepfake)["defined_by"], "ET-38");
  EXPECT_NE(std::find((*deepfake)["used_in"].begin(), (*deepfake)["used_in"].end(), "ET-41"),
            (*deepfake)["used_in"].end());
  const auto facts = nlohmann::json::parse(etguard("catalog facts --json").out);
  bool derived = false;
  for (const auto& fact : facts["facts"]) {
    if (fact["id"] == "ai.in_scope") {
      derived = fact["any_of"].size() == 3;
    }
  }
  EXPECT_TRUE(derived);
  EXPECT_NE(etguard("catalog facts --lang zh-TW").out.find("cloud.material"), std::string::npos);
}

}  // namespace
