#include "core/yaml_file.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

namespace etguard {
namespace {

std::string codes_of(const YamlDocument& document) {
  std::string codes;
  for (const YamlIssue& issue : document.issues) {
    codes += issue.code + "@" + std::to_string(issue.mark.line + 1) + " ";
  }
  return codes;
}

// Issue 15.16: nested aliases ("billion laughs") stop at the node budget
// instead of expanding to gigabytes.
TEST(YamlDocument, NestedAliasesStopAtTheBudget) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'k'; ++name) {
    text += fmt::format("{0}: &{0} [*{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}]\n",
                        name, previous);
    previous = name;
  }
  YamlLimits limits;
  limits.nodes = 100'000;  // the default (8 million) takes seconds under the sanitizers
  const YamlDocument document = parse_yaml_document(text, limits);
  ASSERT_EQ(document.issues.size(), 1U) << codes_of(document);
  EXPECT_EQ(document.issues[0].code, "too-large");
  EXPECT_NE(document.issues[0].en.find("more than 100000 nodes"), std::string::npos);
}

TEST(YamlDocument, OneValueAndAllValuesHaveABudget) {
  YamlLimits limits;
  limits.scalar_bytes = 8;
  EXPECT_EQ(codes_of(parse_yaml_document("a: short\nb: much too long\n", limits)), "too-large@2 ");
  limits.scalar_bytes = 100;
  limits.expanded_bytes = 20;
  // An alias is reported where its anchor stands.
  EXPECT_EQ(codes_of(parse_yaml_document("v: &v 0123456789\nw: [*v, *v]\n", limits)),
            "too-large@1 ");
}

// Issue 15.10 and 15.18: what a reader would silently misread.
TEST(YamlDocument, TwiceGivenKeysComplexKeysAndSecondDocumentsAreIssues) {
  EXPECT_EQ(codes_of(parse_yaml_document("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")),
            "duplicate-key@4 duplicate-key@5 ");
  EXPECT_EQ(codes_of(parse_yaml_document("? [a, b]\n: 1\n")), "complex-key@1 ");
  EXPECT_EQ(codes_of(parse_yaml_document("a: 1\n---\nb: 2\n")), "second-document@3 ");
  EXPECT_TRUE(parse_yaml_document("").root.is_null());
  // Found by fuzzing: yaml-cpp 0.7 never returns from "\0,ULL".
  EXPECT_EQ(codes_of(parse_yaml_document(std::string("a: 1\n\0,ULL", 10))), "bad-character@2 ");
  // Found by fuzzing: yaml-cpp 0.7 loops on an undefined alias in a broken
  // flow sequence; libyaml's syntax check refuses it first.
  EXPECT_EQ(codes_of(parse_yaml_document(" ,x, x]\nb: &b [*a, *a, *a< *a,P!")), "yaml-syntax@1 ");
  EXPECT_TRUE(parse_yaml_document("a: [1, 2]\nb: {c: ~}\n").issues.empty());
}

}  // namespace
}  // namespace etguard
