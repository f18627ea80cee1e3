#include "catalog/export/oscal_export.h"

#include <gtest/gtest.h>

#include <set>

#include "catalog/data/embedded.h"
#include "support/uuid_form.h"

namespace etguard::catalog {
namespace {

using Json = nlohmann::ordered_json;

// Every part with an id, depth first.
void collect_parts(const Json& parts, std::vector<const Json*>& out) {
  for (const Json& part : parts) {
    out.push_back(&part);
    if (part.contains("parts")) {
      collect_parts(part["parts"], out);
    }
  }
}

std::string prop(const Json& part, std::string_view name) {
  if (!part.contains("props")) {
    return {};  // evidence and interpretation parts carry only prose
  }
  for (const Json& each : part.at("props")) {
    if (each["name"] == name) {
      return each["value"];
    }
  }
  return {};
}

TEST(OscalExport, GroupsAreChaptersAndControlsAreArticles) {
  const Json doc = catalog_to_oscal(embedded_catalog(), Lang::kEn).value();
  const Json& body = doc["catalog"];
  EXPECT_EQ(body["metadata"]["oscal-version"], "1.2.1");
  ASSERT_EQ(body["groups"].size(), 8U);
  std::size_t controls = 0;
  for (const Json& group : body["groups"]) {
    controls += group["controls"].size();
  }
  EXPECT_EQ(controls, 54U);
  EXPECT_EQ(body["groups"][1]["controls"][6]["id"], "ET-8");
}

TEST(OscalExport, EveryNodeIsExactlyOnePartWithItsObligation) {
  const Json doc = catalog_to_oscal(embedded_catalog(), Lang::kZhTw).value();
  std::vector<const Json*> parts;
  for (const Json& group : doc["catalog"]["groups"]) {
    for (const Json& control : group["controls"]) {
      collect_parts(control["parts"], parts);
    }
  }
  std::set<std::string> ids;
  for (const Json* part : parts) {
    const std::string requirement = prop(*part, "requirement-id");
    if (requirement.empty()) {
      continue;  // statement containers of articles without a lead, evidence parts
    }
    EXPECT_TRUE(ids.insert(requirement).second) << requirement;
    const Node* node = embedded_catalog().node(requirement);
    ASSERT_NE(node, nullptr) << requirement;
    EXPECT_EQ((*part)["id"], requirement + "_smt");
    EXPECT_EQ(prop(*part, "obligation"), to_string(node->obligation));
    EXPECT_EQ((*part)["prose"], node->text.zh);
    EXPECT_EQ(prop(*part, "alt-text"), node->text.en);
  }
  EXPECT_EQ(ids.size(), 202U);
}

TEST(OscalExport, IsReproducibleWithValidUuids) {
  const std::string first = catalog_to_oscal(embedded_catalog(), Lang::kEn).value().dump();
  EXPECT_EQ(first, catalog_to_oscal(embedded_catalog(), Lang::kEn).value().dump());
  const Json doc = Json::parse(first);
  EXPECT_TRUE(test_support::is_version5_uuid(doc["catalog"]["uuid"].get<std::string>()));
  for (const Json& resource : doc["catalog"]["back-matter"]["resources"]) {
    EXPECT_TRUE(test_support::is_version5_uuid(resource["uuid"].get<std::string>()));
  }
  EXPECT_NE(first, catalog_to_oscal(embedded_catalog(), Lang::kZhTw).value().dump());
}

}  // namespace
}  // namespace etguard::catalog
