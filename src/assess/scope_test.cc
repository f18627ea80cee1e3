#include "assess/scope.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "assess/registers_yaml.h"
#include "catalog/data/embedded.h"

namespace etguard::assess {
namespace {

const std::filesystem::path kScopeFirm =
    std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml";

Registers firm() {
  RegistersRead read = read_registers_yaml(kScopeFirm, catalog::embedded_catalog());
  EXPECT_TRUE(read.problems.empty()) << format_problems(read.problems);
  return read.registers;
}

// The objects a clause applies to, e.g. {"cloud/core-dr"}.
std::vector<std::string> applies_to(const Registers& registers, std::string_view id) {
  for (const NodeScope& scope : compute_scope(catalog::embedded_catalog(), registers)) {
    if (scope.node->id == id) {
      std::vector<std::string> objects;
      for (const Applicability& each : scope.objects) {
        if (each.applies) {
          objects.push_back(each.object);
        }
      }
      return objects;
    }
  }
  ADD_FAILURE() << "no such clause " << id;
  return {};
}

using Objects = std::vector<std::string>;

TEST(Scope, MaterialCloudClausesApplyOnlyToMaterialServices) {
  const Registers registers = firm();
  EXPECT_EQ(applies_to(registers, "ET-6.3"), Objects{"cloud/core-dr"});
  EXPECT_EQ(applies_to(registers, "ET-8.7.1"), Objects{"cloud/core-dr"});
  EXPECT_EQ(applies_to(registers, "ET-7.2"), Objects{"cloud/core-dr"});  // natural-person customers
}

TEST(Scope, OutOfScopeCloudUseGetsOnlyTheMayClause) {
  const Registers registers = firm();
  EXPECT_EQ(applies_to(registers, "ET-3.2"), Objects{"cloud/hr-saas"});
  // Issue 17: the cloud policy is the firm's (one row, not one per service);
  // the risk assessment is per in-scope service.
  EXPECT_EQ(applies_to(registers, "ET-4.1.1"), Objects{"org"});
  EXPECT_EQ(applies_to(registers, "ET-4.1.3"), Objects{"cloud/core-dr"});
}

TEST(Scope, AFactThatIsFalseOrAbsentExcludes) {
  const Registers registers = firm();
  EXPECT_TRUE(applies_to(registers, "ET-4.1.5").empty());  // not offshore
  EXPECT_TRUE(applies_to(registers, "ET-8.3.6").empty());  // hybrid: not stated, so false
}

TEST(Scope, CustomerFacingAppClauses) {
  const Registers registers = firm();
  EXPECT_EQ(applies_to(registers, "ET-20.3"),
            (Objects{"mobile_app/staff-app", "mobile_app/trade-app"}));
  EXPECT_EQ(applies_to(registers, "ET-20.4"), Objects{"mobile_app/trade-app"});
  EXPECT_EQ(applies_to(registers, "ET-19.1"), Objects{"mobile_app/trade-app"});
}

TEST(Scope, AiClausesFollowTheDerivedScopeFact) {
  const Registers registers = firm();
  EXPECT_EQ(applies_to(registers, "ET-44"), Objects{"ai/robo-advisor"});    // ai.in_scope
  EXPECT_EQ(applies_to(registers, "ET-46.4"), Objects{"ai/robo-advisor"});  // customer-facing
  EXPECT_EQ(applies_to(registers, "ET-47.3"),
            Objects{"ai/robo-advisor"});                  // third party + financial
  EXPECT_TRUE(applies_to(registers, "ET-53.1").empty());  // no generative AI
  EXPECT_EQ(applies_to(registers, "ET-43.1"), (Objects{"ai/ocr-internal", "ai/robo-advisor"}));
}

TEST(Scope, PhoneTradingAndInternetTradingClauses) {
  const Registers registers = firm();
  EXPECT_EQ(applies_to(registers, "ET-39.1"), Objects{"phone_trading/hotline"});
  EXPECT_EQ(applies_to(registers, "ET-36.5"), Objects{"trading/web"});
  EXPECT_EQ(applies_to(registers, "ET-37.1"), Objects{"trading/web"});
  EXPECT_TRUE(applies_to(registers, "ET-35.3").empty());  // no direct biometrics
}

TEST(Scope, EmptyRegistersAndUnconditionedClauses) {
  const Registers registers = firm();
  EXPECT_TRUE(applies_to(registers, "ET-40.1").empty());  // no video verification channel
  EXPECT_TRUE(applies_to(registers, "ET-22").empty());    // no IoT devices
  EXPECT_EQ(applies_to(registers, "ET-41"), Objects{"org"});
  EXPECT_EQ(applies_to(registers, "ET-12.1.1"), Objects{"org"});
}

TEST(Scope, AForeignSubsidiaryUsingItsParentsCloud) {
  Registers registers = firm();
  EXPECT_TRUE(applies_to(registers, "ET-3.3").empty());
  registers.profile.facts["org.foreign_subsidiary"] = true;
  EXPECT_TRUE(applies_to(registers, "ET-3.3").empty());  // no service goes through the parent yet
  const auto core = std::ranges::find(registers.entries, "cloud/core-dr", &RegisterEntry::key);
  ASSERT_NE(core, registers.entries.end());
  core->facts["via_parent"] = true;
  EXPECT_EQ(applies_to(registers, "ET-3.3"), Objects{"cloud/core-dr"});
}

TEST(Scope, ExplainsWithEveryDecidingFactAndItsSource) {
  const Registers registers = firm();
  const auto all = compute_scope(catalog::embedded_catalog(), registers);
  const NodeScope scope = scope_node(catalog::embedded_catalog(),
                                     *catalog::embedded_catalog().node("ET-3.3"), registers);
  // The single-requirement step gives what the whole computation gives.
  const auto same =
      std::ranges::find_if(all, [](const NodeScope& s) { return s.node->id == "ET-3.3"; });
  ASSERT_NE(same, all.end());
  ASSERT_EQ(same->objects.size(), scope.objects.size());
  ASSERT_EQ(scope.subject, "cloud");
  ASSERT_EQ(scope.objects.size(), 2U);
  const Applicability& core = scope.objects[0];
  EXPECT_EQ(core.object, "cloud/core-dr");
  ASSERT_EQ(core.facts.size(), 2U);
  EXPECT_EQ(core.facts[0].fact, "org.foreign_subsidiary");
  EXPECT_EQ(core.source(core.facts[0]), "profile");
  EXPECT_FALSE(core.facts[0].value);
  EXPECT_EQ(core.facts[1].fact, "cloud.via_parent");
  EXPECT_EQ(core.source(core.facts[1]), "cloud/core-dr");
}

}  // namespace
}  // namespace etguard::assess
