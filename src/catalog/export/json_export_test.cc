#include "catalog/export/json_export.h"

#include <gtest/gtest.h>

#include <set>

#include "catalog/data/embedded.h"
#include "catalog/provenance.h"
#include "core/atomic_file.h"
#include "core/text.h"

namespace etguard::catalog {
namespace {

using Json = nlohmann::ordered_json;

const Json& exported() {
  static const Json doc = Json::parse(catalog_to_json(embedded_catalog()).dump());
  return doc;
}

TEST(JsonExport, StatesItsFormatAndVersion) {
  EXPECT_EQ(exported()["format"], "etguard.catalog");
  EXPECT_EQ(exported()["format_version"], "1.0");
  EXPECT_EQ(exported()["catalog"]["version"], "2024-12-27");
}

TEST(JsonExport, HasTheContractsChaptersAndArticles) {
  ASSERT_EQ(exported()["chapters"].size(), 8U);
  for (const Json& chapter : exported()["chapters"]) {
    for (const char* key : {"number", "title_zh", "title_en"}) {
      EXPECT_TRUE(chapter.contains(key)) << key;
    }
  }
  ASSERT_EQ(exported()["articles"].size(), 54U);
  for (const Json& article : exported()["articles"]) {
    for (const char* key :
         {"number", "chapter", "title_zh", "title_en", "text_zh", "text_en", "nodes"}) {
      EXPECT_TRUE(article.contains(key)) << key;
    }
  }
}

TEST(JsonExport, EveryArticleTextEqualsTheSourceIgnoringWhitespace) {
  const std::string source =
      read_file(std::string(ETG_SOURCE_DIR) + "/catalog/etg/2024-12-27/source/zh-TW.txt").value();
  const SourceDocument document = parse_source(source).value();
  for (const Json& article : exported()["articles"]) {
    const int number = article["number"];
    const SourceArticle& expected = document.articles.at(static_cast<std::size_t>(number - 1));
    ASSERT_EQ(expected.number, number);
    EXPECT_EQ(strip_whitespace(article["text_zh"].get<std::string>()),
              strip_whitespace(expected.body))
        << "article " << number;
  }
}

TEST(JsonExport, EveryNodeHasTextInBothLanguagesAndAnObligation) {
  const std::set<std::string> obligations{"shall", "should", "may", "informative"};
  std::set<std::string> ids;
  for (const Json& article : exported()["articles"]) {
    for (const Json& node : article["nodes"]) {
      const std::string id = node["id"];
      EXPECT_TRUE(ids.insert(id).second) << id;
      EXPECT_FALSE(node["text_zh"].get<std::string>().empty()) << id;
      EXPECT_FALSE(node["text_en"].get<std::string>().empty()) << id;
      EXPECT_TRUE(obligations.contains(node["obligation"].get<std::string>())) << id;
      // A lead paragraph has no parent; every other node's parent is a node or its article.
      if (node["level"] == "lead") {
        EXPECT_TRUE(node["parent"].is_null()) << id;
      } else {
        EXPECT_TRUE(node["parent"].is_string()) << id;
      }
      if (node["obligation"] != "informative") {
        EXPECT_FALSE(node["evidence"].empty()) << id;
      }
    }
  }
  EXPECT_EQ(ids.size(), 202U);
}

TEST(JsonExport, CarriesConditionsRecurrenceRetentionAndReferences) {
  const Json* node = nullptr;
  for (const Json& article : exported()["articles"]) {
    for (const Json& each : article["nodes"]) {
      if (each["id"] == "ET-37.1") {
        node = &each;
      }
    }
  }
  ASSERT_NE(node, nullptr);
  EXPECT_EQ((*node)["retention_years"], 5);
  EXPECT_EQ((*node)["effective_conditions"], Json::array({"trading.internet"}));
  EXPECT_TRUE((*node)["evidence"][0].contains("zh"));
  const Json& art30 = exported()["articles"][29]["nodes"][0];
  EXPECT_EQ(art30["references"]["clauses"].size(), 6U);
  EXPECT_FALSE(exported()["fact_vocabulary"]["facts"].empty());
  EXPECT_FALSE(exported()["terms"].empty());
}

}  // namespace
}  // namespace etguard::catalog
