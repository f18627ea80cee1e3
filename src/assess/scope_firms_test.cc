// Issue 17: three fictional firms of our own design, each scoping decision
// checked against the clause it comes from (the reasoning is in the comment
// beside it). The firms are in testdata/firms/.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "assess/registers_yaml.h"
#include "assess/scope.h"
#include "assess/status.h"
#include "catalog/data/embedded.h"

namespace etguard::assess {
namespace {

using Objects = std::vector<std::string>;

Registers load_firm(const std::string& name) {
  const RegistersRead read = read_registers_yaml(
      std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firms" / name,
      catalog::embedded_catalog());
  EXPECT_TRUE(read.problems.empty()) << format_problems(read.problems);
  return read.registers;
}

Objects objects_of(const Registers& registers, std::string_view id) {
  const catalog::Node* node = catalog::embedded_catalog().node(id);
  if (node == nullptr) {
    ADD_FAILURE() << "no such clause " << id;
    return {};
  }
  Objects objects;
  for (const Applicability& each :
       scope_node(catalog::embedded_catalog(), *node, registers).objects) {
    if (each.applies) {
      objects.push_back(each.object);
    }
  }
  return objects;
}

// Firm A: a futures broker (testdata/firms/futures-broker.yaml).
TEST(ScopeFirms, FuturesBroker) {
  const Registers a = load_firm("futures-broker.yaml");
  // Art. 30: sensors without management functions "仍應遵循本規範第二十二、
  // 二十五、二十六、二十七、二十八、二十九條" — 23 and 24 are not in that list.
  EXPECT_EQ(objects_of(a, "ET-23"), Objects{"iot/door-camera"});
  EXPECT_EQ(objects_of(a, "ET-24"), Objects{"iot/door-camera"});
  EXPECT_EQ(objects_of(a, "ET-25"), (Objects{"iot/door-camera", "iot/lobby-sensor"}));
  EXPECT_EQ(objects_of(a, "ET-30"), Objects{"iot/lobby-sensor"});
  // Art. 22 (組織應建立物聯網設備管理清冊) and Art. 28 (組織應定期辦理…教育訓練)
  // are duties of the organization: one row for the firm, not one per device.
  EXPECT_EQ(objects_of(a, "ET-22"), Objects{"org"});
  EXPECT_EQ(objects_of(a, "ET-28"), Objects{"org"});
  // Art. 35.1 (三) 生物特徵: a factor the firm verifies only if it uses it.
  EXPECT_TRUE(objects_of(a, "ET-35.1.3").empty());
  EXPECT_EQ(objects_of(a, "ET-35.1.1"), Objects{"trading/futures-web"});
  // Art. 36.1 (組織…應訂有相關規範) is the firm's; 36.5 (passwords) per system.
  EXPECT_EQ(objects_of(a, "ET-36.1"), Objects{"org"});
  EXPECT_EQ(objects_of(a, "ET-36.5"), Objects{"trading/futures-web"});
  // Art. 5.1 and 8.4: images, virtual machines and containers are managed by
  // the customer only below SaaS (依所使用之雲端服務模式); 8.4.4 (advanced
  // threat defence) is not tied to the model.
  EXPECT_TRUE(objects_of(a, "ET-8.4.1").empty());
  EXPECT_TRUE(objects_of(a, "ET-8.4.2").empty());
  EXPECT_TRUE(objects_of(a, "ET-8.4.3").empty());
  EXPECT_EQ(objects_of(a, "ET-8.4.4"), Objects{"cloud/crm-saas"});
  // Art. 3.1 covers services the firm uses; `used` is implied by `in_scope`.
  EXPECT_EQ(objects_of(a, "ET-3.1"), Objects{"cloud/crm-saas"});
  EXPECT_TRUE(objects_of(a, "ET-3.2").empty());  // 3.2 is for out-of-scope use only
  // Art. 4.1.1 (應制定雲端服務管理政策), 4.2 (董事會) and 4.3 (training) are the
  // firm's; 4.1.3 (risk assessment 針對雲端服務) is per service.
  EXPECT_EQ(objects_of(a, "ET-4.1.1"), Objects{"org"});
  EXPECT_EQ(objects_of(a, "ET-4.2"), Objects{"org"});
  EXPECT_EQ(objects_of(a, "ET-4.1.3"), Objects{"cloud/crm-saas"});
  // Art. 14.1: 組織應制定社群媒體異常事件通報程序 binds every firm, with or
  // without official accounts; 14.2 (組織經營之社群媒體應標示…) only those.
  EXPECT_EQ(objects_of(a, "ET-14.1"), Objects{"org"});
  EXPECT_TRUE(objects_of(a, "ET-14.2").empty());
  // No AI register entry: Chapter 8's organizational duties do not arise.
  EXPECT_TRUE(objects_of(a, "ET-45.1").empty());
}

// Firm B: an investment trust using generative AI internally only.
TEST(ScopeFirms, InvestmentTrustWithInternalGenerativeAi) {
  const Registers b = load_firm("trust-genai.yaml");
  // Art. 43.1 limits Chapter 8 to AI that advises consumers, affects customers'
  // rights or materially affects operations; internal drafting does none.
  EXPECT_EQ(objects_of(b, "ET-43.1"), Objects{"ai/research-writer"});  // ai.used implied
  EXPECT_TRUE(objects_of(b, "ET-44").empty());
  EXPECT_TRUE(objects_of(b, "ET-53.2").empty());
  // Art. 43.3: a foreign subsidiary following its parent's controls when it
  // 辦理第一項服務 — the services of item 1 — so not for internal-only AI.
  EXPECT_TRUE(objects_of(b, "ET-43.3").empty());
  EXPECT_TRUE(objects_of(b, "ET-45.1").empty());
  // Art. 20.3 applies to every published app (internal ones refer to the
  // baseline) but its yearly laboratory test binds only 涉及客戶使用 apps:
  // see StatusFirms.InternalAppsGetNoYearlyLabTestDueDate.
  EXPECT_EQ(objects_of(b, "ET-20.3"), Objects{"mobile_app/staff-app"});
  EXPECT_TRUE(objects_of(b, "ET-20.4").empty());
  // Official account: Art. 13 and 14.2 apply to it.
  EXPECT_EQ(objects_of(b, "ET-14.2"), Objects{"social_media/fan-page"});
  EXPECT_EQ(objects_of(b, "ET-13.1"), Objects{"social_media/fan-page"});
}

// Firm C: a large broker with IoT, indirect biometrics and third-party AI.
TEST(ScopeFirms, LargeBrokerWithIotBiometricsAndThirdPartyAi) {
  const Registers c = load_firm("large-broker.yaml");
  // Managed devices follow Art. 23 and 24.
  EXPECT_EQ(objects_of(c, "ET-23"), Objects{"iot/branch-cctv"});
  EXPECT_EQ(objects_of(c, "ET-24"), Objects{"iot/branch-cctv"});
  // Indirect biometrics: 35.1.3 and 35.4 (間接驗證) apply, 35.3 (direct) not.
  EXPECT_EQ(objects_of(c, "ET-35.1.3"), Objects{"trading/app-trading"});
  EXPECT_EQ(objects_of(c, "ET-35.4"), Objects{"trading/app-trading"});
  EXPECT_TRUE(objects_of(c, "ET-35.3").empty());
  // A robo-advisor 與消費者直接互動並提供金融商品建議: customer_advice implies
  // customer_facing, so the pre-launch assessment (46.4) and the disclosure
  // that customers deal with AI (51.1) apply.
  EXPECT_EQ(objects_of(c, "ET-46.4"), Objects{"ai/robo-advisor"});
  EXPECT_EQ(objects_of(c, "ET-51.1"), Objects{"ai/robo-advisor"});
  EXPECT_EQ(objects_of(c, "ET-47.3"),
            Objects{"ai/robo-advisor"});  // third party, financial service
  // Governance (45.1 指定高階主管或委員會) is the firm's, once.
  EXPECT_EQ(objects_of(c, "ET-45.1"), Objects{"org"});
  // IaaS: images and VMs are the firm's to manage.
  EXPECT_EQ(objects_of(c, "ET-8.4.1"), Objects{"cloud/core-iaas"});
  // Material natural-person clauses need that fact; material alone does not.
  EXPECT_TRUE(objects_of(c, "ET-7.2").empty());
  EXPECT_EQ(objects_of(c, "ET-6.3"), Objects{"cloud/core-iaas"});
}

// Art. 20.3: only customer apps get the yearly laboratory test's due date.
TEST(StatusFirms, InternalAppsGetNoYearlyLabTestDueDate) {
  Registers registers = load_firm("trust-genai.yaml");
  RegisterEntry customer_app;
  customer_app.subject = "mobile_app";
  customer_app.id = "trade-app";
  customer_app.name = "行動下單 App";
  customer_app.facts = {{"published", true}, {"customer_facing", true}};
  registers.entries.push_back(customer_app);
  const auto scope = compute_scope(catalog::embedded_catalog(), registers);
  const std::vector<Result> results = {
      {"ET-20.3", "mobile_app/staff-app", ResultStatus::kCompliant, "it", "", "", "", "2026-01-10"},
      {"ET-20.3", "mobile_app/trade-app", ResultStatus::kCompliant, "it", "", "", "", "2026-01-10"},
  };
  const auto lines = status_lines(scope, registers, results, "2026-11-26");
  auto line = [&](std::string_view object) {
    const auto at = std::ranges::find_if(
        lines, [&](const StatusLine& l) { return l.node->id == "ET-20.3" && l.object == object; });
    EXPECT_NE(at, lines.end()) << object;
    return at == lines.end() ? StatusLine{} : *at;
  };
  EXPECT_EQ(line("mobile_app/trade-app").due, "2027-01-10");
  EXPECT_EQ(line("mobile_app/staff-app").due, "");
  EXPECT_EQ(line("mobile_app/staff-app").state, Due::kNoRecurrence);
}

}  // namespace
}  // namespace etguard::assess
