#include "catalog/loader/loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "catalog/data/embedded.h"
#include "core/atomic_file.h"

namespace etguard::catalog {
namespace {

std::filesystem::path catalog_dir() {
  return std::filesystem::path(ETG_SOURCE_DIR) / "catalog/etg/2024-12-27";
}

// A copy of the real catalog that one test breaks in one place.
class BrokenCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-catalog-" + std::to_string(::getpid()) + "-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::copy(catalog_dir(), dir_, std::filesystem::copy_options::recursive);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Replaces the first `from` in `file` by `to`; returns the 1-based line of the change.
  int mutate(const std::string& file, std::string_view from, std::string_view to) {
    if (from.empty()) {
      ADD_FAILURE() << "nothing to replace";
      return 0;
    }
    std::string text = read_file(dir_ / file).value();
    const std::size_t at = text.find(from);
    if (at == std::string::npos) {
      ADD_FAILURE() << file << " does not contain: " << from;
      return 0;
    }
    text.replace(at, from.size(), to);
    EXPECT_TRUE(write_file_atomically(dir_ / file, text));
    return 1 +
           static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  }

  // The problems of the broken copy; fails the test unless one has `code` in `file`.
  const Problem& expect_problem(std::string_view code, std::string_view file) {
    outcome_ = load_catalog(dir_);
    for (const Problem& problem : outcome_.problems) {
      if (problem.code == code && problem.where.file == file) {
        return problem;
      }
    }
    ADD_FAILURE() << "no " << code << " in " << file << "; got:\n"
                  << format_problems(outcome_.problems);
    static const Problem none;
    return none;
  }

  std::filesystem::path dir_;
  LoadOutcome outcome_;
};

TEST(LoadCatalog, TheRepositoryCatalogIsValidAndEqualsTheEmbeddedOne) {
  const LoadOutcome outcome = load_catalog(catalog_dir());
  ASSERT_TRUE(outcome.problems.empty()) << format_problems(outcome.problems);
  const CatalogData& loaded = outcome.catalog->data();
  const CatalogData& embedded = embedded_catalog_data();
  ASSERT_EQ(loaded.articles.size(), embedded.articles.size());
  for (std::size_t a = 0; a < loaded.articles.size(); ++a) {
    ASSERT_EQ(loaded.articles[a].nodes.size(), embedded.articles[a].nodes.size());
    for (std::size_t n = 0; n < loaded.articles[a].nodes.size(); ++n) {
      const Node& x = loaded.articles[a].nodes[n];
      const Node& y = embedded.articles[a].nodes[n];
      EXPECT_EQ(x.id, y.id);
      EXPECT_EQ(x.text.zh, y.text.zh);
      EXPECT_EQ(x.text.en, y.text.en);
      EXPECT_EQ(x.obligation, y.obligation);
      EXPECT_EQ(x.evidence.size(), y.evidence.size());
    }
  }
  EXPECT_EQ(loaded.source_text, embedded.source_text);
}

TEST_F(BrokenCatalog, AnUnknownKeyIsReportedWithItsLine) {
  const int line = mutate("articles/08.yaml", "  obligation: should\n", "  obligaton: should\n");
  const Problem& problem = expect_problem("unknown-key", "articles/08.yaml");
  EXPECT_EQ(problem.where.line, line);
  EXPECT_NE(problem.message.find("obligaton"), std::string::npos);
}

TEST_F(BrokenCatalog, ADuplicateIdIsReported) {
  const int line = mutate("articles/08.yaml", "- id: ET-8.3.5\n", "- id: ET-8.3.4\n");
  const Problem& problem = expect_problem("duplicate-id", "articles/08.yaml");
  EXPECT_EQ(problem.where.line, line);
}

TEST_F(BrokenCatalog, AMalformedIdIsReported) {
  mutate("articles/36.yaml", "- id: ET-36.5\n", "- id: ET-36.05\n");
  EXPECT_NE(expect_problem("bad-id", "articles/36.yaml").message.find("ET-36.05"),
            std::string::npos);
}

TEST_F(BrokenCatalog, ANodeOutOfOrderIsReported) {
  mutate("articles/36.yaml", "- id: ET-36.5\n", "- id: ET-36.6\n");
  expect_problem("order", "articles/36.yaml");
}

TEST_F(BrokenCatalog, ADanglingReferenceIsReported) {
  mutate("articles/30.yaml", "see: [ET-22,", "see: [ET-99,");
  const Problem& problem = expect_problem("dangling-reference", "articles/30.yaml");
  // Reported at the node that holds the reference.
  const int node_line = mutate("articles/30.yaml", "- id: ET-30\n", "- id: ET-30\n");
  EXPECT_EQ(problem.where.line, node_line);
  EXPECT_NE(problem.message.find("ET-99"), std::string::npos);
}

TEST_F(BrokenCatalog, AnUnknownConditionFactIsReported) {
  mutate("articles/06.yaml", "conditions: [cloud.material]", "conditions: [cloud.materiality]");
  EXPECT_NE(
      expect_problem("dangling-reference", "articles/06.yaml").message.find("cloud.materiality"),
      std::string::npos);
}

TEST_F(BrokenCatalog, AMissingTranslationIsReported) {
  mutate("articles/41.yaml", "title_en: Deepfake prevention control\n", "");
  expect_problem("missing-translation", "articles/41.yaml");
}

TEST_F(BrokenCatalog, AMissingEnglishTextIsReported) {
  mutate(
      "articles/39.yaml",
      "  text_en: When a principal places orders by voice, the caller number shall be recorded, "
      "using the calling line identification display offered by the telecommunications carrier.\n",
      "");
  expect_problem("missing-translation", "articles/39.yaml");
}

TEST_F(BrokenCatalog, AnUnknownObligationIsReported) {
  mutate("articles/41.yaml", "obligation: shall", "obligation: must");
  expect_problem("bad-value", "articles/41.yaml");
}

TEST_F(BrokenCatalog, AnObligationThatContradictsTheWordingIsReported) {
  // ET-8.3.4 says 宜 (should); declaring it shall without a note is refused.
  mutate("articles/08.yaml", "  obligation: should\n  evidence:\n  - zh: 集中式",
         "  obligation: shall\n  evidence:\n  - zh: 集中式");
  EXPECT_NE(expect_problem("obligation-wording", "articles/08.yaml").message.find("ET-8.3.4"),
            std::string::npos);
}

// Issue 17: a clause that forbids (不得, 應避免) must be listed as a prohibition.
TEST_F(BrokenCatalog, AProhibitionNotDeclaredAsOneIsReported) {
  mutate("articles/53.yaml", "  polarity: prohibition\n", "");
  EXPECT_NE(expect_problem("polarity-wording", "articles/53.yaml").message.find("ET-53.1"),
            std::string::npos);
}

// Issue 17: implications must stay within one subject and never loop back.
TEST_F(BrokenCatalog, AnImplicationThatLoopsOrCrossesRegistersIsReported) {
  mutate("facts.yaml", "    implies: [iot.device]\n    source: [ET-30]",
         "    implies: [iot.device, cloud.used]\n    source: [ET-30]");
  EXPECT_NE(expect_problem("bad-value", "facts.yaml").message.find("iot.unmanaged_sensor implies"),
            std::string::npos);
}

TEST_F(BrokenCatalog, AControlWithoutEvidenceIsReported) {
  std::string text = read_file(dir_ / "articles/41.yaml").value();
  text = text.substr(0, text.find("  evidence:"));
  ASSERT_TRUE(write_file_atomically(dir_ / "articles/41.yaml", text));
  expect_problem("missing-evidence", "articles/41.yaml");
}

TEST_F(BrokenCatalog, AnInconsistentTermTranslationIsReported) {
  mutate("articles/08.yaml", "such as multi-factor authentication, audit trails",
         "such as two-step login, audit trails");
  EXPECT_NE(expect_problem("term-translation", "articles/08.yaml").message.find("多因子認證"),
            std::string::npos);
}

TEST_F(BrokenCatalog, AYamlSyntaxErrorIsReportedWithItsPosition) {
  const int line = mutate("articles/12.yaml", "chapter: 3\n", "chapter: [3\n");
  const Problem& problem = expect_problem("yaml-syntax", "articles/12.yaml");
  EXPECT_GE(problem.where.line, line);
}

TEST_F(BrokenCatalog, AFileNamedForAnotherArticleIsReported) {
  std::filesystem::rename(dir_ / "articles/54.yaml", dir_ / "articles/55.yaml");
  expect_problem("file-name", "articles/55.yaml");
}

TEST_F(BrokenCatalog, AnUnknownFactInADerivationIsReported) {
  mutate("facts.yaml", "any_of: [ai.customer_advice,", "any_of: [ai.customer_adviser,");
  expect_problem("dangling-reference", "facts.yaml");
}

TEST_F(BrokenCatalog, EveryProblemIsReportedNotOnlyTheFirst) {
  mutate("articles/41.yaml", "obligation: shall", "obligation: must");
  mutate("articles/39.yaml", "number: 39", "numbr: 39");
  const LoadOutcome outcome = load_catalog(dir_);
  EXPECT_GE(outcome.problems.size(), 3U) << format_problems(outcome.problems);
  const std::string text = format_problems(outcome.problems);
  EXPECT_NE(text.find("articles/41.yaml:"), std::string::npos);
  EXPECT_NE(text.find("articles/39.yaml:"), std::string::npos);
}

}  // namespace
}  // namespace etguard::catalog
