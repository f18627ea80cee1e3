#include "core/yaml_node.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/yaml_file.h"

namespace etguard {
namespace {

YamlNode parsed(const std::string& text) {
  YamlDocument document = parse_yaml_document(text);
  EXPECT_TRUE(document.issues.empty()) << document.issues.front().code;
  return document.root;
}

TEST(YamlNode, ReadsMappingsSequencesAndScalarsWithTheirPositions) {
  const YamlNode root = parsed("name: etguard\nlist:\n  - a\n  - 'b'\nmap: {x: 1}\n");
  ASSERT_TRUE(root.is_map());
  EXPECT_EQ(root.size(), 3U);
  EXPECT_EQ(root["name"].scalar(), "etguard");
  EXPECT_EQ(root["name"].mark().line, 0);
  EXPECT_EQ(root["name"].mark().column, 6);
  std::vector<std::string> items;
  for (const YamlNode& item : root["list"].items()) {
    items.emplace_back(item.scalar());
  }
  EXPECT_EQ(items, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(root["list"].item(1).mark().line, 3);
  std::vector<std::string> keys;
  for (const YamlEntry& entry : root.entries()) {
    keys.emplace_back(entry.key.scalar());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"name", "list", "map"}));
  EXPECT_EQ(root["map"]["x"].scalar(), "1");
  EXPECT_FALSE(root["absent"].defined());
  EXPECT_FALSE(root["name"]["x"].defined());
  EXPECT_EQ(root["absent"].size(), 0U);
  EXPECT_TRUE(root["list"].entries().empty());
}

TEST(YamlNode, NullIsAPlainTildeNullOrNothingButNotAQuotedOne) {
  const YamlNode root = parsed("a: ~\nb: null\nc:\nd: 'null'\ne: !!null x\nf: NULL\n");
  EXPECT_TRUE(root["a"].is_null());
  EXPECT_TRUE(root["b"].is_null());
  EXPECT_TRUE(root["c"].is_null());
  EXPECT_TRUE(root["d"].is_scalar());
  EXPECT_EQ(root["d"].scalar(), "null");
  EXPECT_TRUE(root["e"].is_null());
  EXPECT_TRUE(root["f"].is_null());
  EXPECT_EQ(root["a"].scalar(), "");
  EXPECT_FALSE(root["a"].is_scalar());
}

TEST(YamlNode, ApplicationTagsAreKeptApartFromYamlsOwn) {
  const YamlNode root =
      parsed("a: !Ref Bucket\nb: !GetAtt [Key, Arn]\nc: !Sub {x: 1}\nd: !!str 1\ne: plain\n");
  EXPECT_TRUE(root["a"].has_local_tag());
  EXPECT_EQ(root["a"].scalar(), "Bucket");
  EXPECT_TRUE(root["b"].has_local_tag());
  EXPECT_TRUE(root["c"].has_local_tag());
  EXPECT_FALSE(root["d"].has_local_tag());
  EXPECT_FALSE(root["e"].has_local_tag());
  EXPECT_FALSE(root["missing"].has_local_tag());
}

TEST(YamlNode, AnAliasIsTheNodeItsAnchorNames) {
  const YamlNode root = parsed("base: &b {x: 1, y: [2, 3]}\ncopy: *b\n");
  EXPECT_EQ(root["copy"]["x"].scalar(), "1");
  EXPECT_EQ(root["copy"]["y"].item(1).scalar(), "3");
  EXPECT_EQ(root["copy"].mark().line, 0);  // where the anchored node stands
}

TEST(YamlNode, ABadAliasIsAnIssueNotALoop) {
  EXPECT_EQ(parse_yaml_document("a: *nowhere\n").issues.at(0).code, "bad-alias");
  // An alias inside the node its anchor names (a cycle) names nothing yet.
  EXPECT_EQ(parse_yaml_document("a: &x [1, *x]\n").issues.at(0).code, "bad-alias");
}

TEST(YamlNode, TypedValuesFollowTheCoreSchema) {
  const YamlNode root =
      parsed("t: True\nf: false\ny: yes\ni: -42\np: +7\nd: 2.5\nn: .inf\ns: 12a\n");
  EXPECT_EQ(yaml_bool(root["t"]), true);
  EXPECT_EQ(yaml_bool(root["f"]), false);
  EXPECT_EQ(yaml_bool(root["y"]), std::nullopt);  // YAML 1.1's yes is not a flag
  EXPECT_EQ(yaml_integer(root["i"]), -42);
  EXPECT_EQ(yaml_integer(root["p"]), 7);
  EXPECT_EQ(yaml_integer(root["d"]), std::nullopt);
  EXPECT_EQ(yaml_number(root["d"]), 2.5);
  EXPECT_EQ(yaml_number(root["n"]), std::nullopt);
  EXPECT_EQ(yaml_number(root["s"]), std::nullopt);
  EXPECT_EQ(yaml_integer(root["absent"]), std::nullopt);
}

TEST(YamlNode, AHandleKeepsItsDocumentAlive) {
  YamlNode kept;
  {
    const YamlNode root = parsed("a: [kept]\n");
    kept = root["a"].item(0);
  }
  EXPECT_EQ(kept.scalar(), "kept");
}

}  // namespace
}  // namespace etguard
