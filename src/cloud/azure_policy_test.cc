// The fixture (testdata/azure-policy-states.json) is written as `az policy
// state list` returns policy states (Microsoft.PolicyInsights policyStates,
// api-version 2019-10-01): the Microsoft cloud security benchmark's states
// on one subscription — compliant, non-compliant, exempt and unknown — a
// policy outside the benchmark, and a state of another subscription.
#include "cloud/azure_policy.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cloud/json_document.h"
#include "cloud/mapping.h"
#include "cloud/security_hub.h"
#include "cloud/test_input.h"

namespace etguard::cloud {
namespace {

struct PolicyState {
  PostureStatus status;
  bool muted;
  std::string account;
  std::string region;
};

// By (definition, the resource's last name).
using PolicyStates = std::map<std::pair<std::string, std::string>, PolicyState>;

Result<AzurePolicySummary> read_states(const std::string& path, PolicyStates& states) {
  return read_azure_policy(path, [&](const PostureFinding& finding) -> Status {
    const std::string_view resource = finding.resource;
    states[{std::string(finding.check_id), std::string(resource.substr(resource.rfind('/') + 1))}] =
        {finding.status, finding.muted, std::string(finding.account), std::string(finding.region)};
    return {};
  });
}

std::string states_fixture() {
  return std::string(ETG_CLOUD_TESTDATA) + "/azure-policy-states.json";
}

TEST(AzurePolicy, StatesArePlacedBySubscriptionAndJudgedByTheBenchmarkMapping) {
  const std::string head = file_head(states_fixture());
  ASSERT_TRUE(looks_like_azure_policy(head));
  EXPECT_FALSE(looks_like_security_hub(head));
  EXPECT_FALSE(looks_like_azure_policy(
      file_head(std::string(ETG_CLOUD_TESTDATA) + "/securityhub-findings.json")));
  PolicyStates states;
  const auto summary = read_states(states_fixture(), states);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->compliant, 3U);
  EXPECT_EQ(summary->non_compliant, 3U);
  EXPECT_EQ(summary->exempt, 1U);
  EXPECT_EQ(summary->unknown, 1U);
  const PolicyState transfer =
      states.at({"404c3081-a854-4457-ae30-26a93ef643f9", "tradingexports"});
  EXPECT_EQ(transfer.status, PostureStatus::kFail);
  EXPECT_EQ(transfer.account, "aaaaaaaa-1111-2222-3333-444444444444");
  EXPECT_EQ(transfer.region, "eastasia");
  EXPECT_EQ(states.at({"404c3081-a854-4457-ae30-26a93ef643f9", "tradingorders"}).status,
            PostureStatus::kPass);
  const PolicyState ports = states.at({"22730e10-96f6-4aac-ad84-9383d35b5917", "order-gw"});
  EXPECT_EQ(ports.status, PostureStatus::kFail);  // exempt: still a failure, muted
  EXPECT_TRUE(ports.muted);
  EXPECT_EQ(
      states.at({"4f4f78b8-e367-4b10-a341-d9a4ad5cf1c7", "aaaaaaaa-1111-2222-3333-444444444444"})
          .status,
      PostureStatus::kManual);
  const MappedCheck* mapped =
      mapped_check(Tool::kAzurePolicy, "404c3081-a854-4457-ae30-26a93ef643f9");
  ASSERT_NE(mapped, nullptr);
  EXPECT_EQ(mapped->topic, Topic::kEncryption);
  EXPECT_EQ(mapped_check(Tool::kAzurePolicy, "06a78e20-9358-41c9-923c-fb736d382a4d"),
            nullptr);  // outside the benchmark: unmapped
}

// The REST API's pages ({"value": [...]}) and JSON Lines read alike.
TEST(AzurePolicy, RestPagesAndJsonLinesReadAsTheCliOutput) {
  PolicyStates from_cli;
  ASSERT_TRUE(read_states(states_fixture(), from_cli));
  const auto states = nlohmann::json::parse(std::ifstream(states_fixture()));
  const nlohmann::json first_page = {{"value", nlohmann::json(states.begin(), states.begin() + 3)},
                                     {"@odata.nextLink", "https://example.invalid/next"}};
  const nlohmann::json second_page = {{"value", nlohmann::json(states.begin() + 3, states.end())}};
  std::string lines;
  for (const nlohmann::json& state : states) {
    lines += state.dump() + "\n";
  }
  for (const std::string& content : {first_page.dump() + "\n" + second_page.dump() + "\n", lines}) {
    PolicyStates read;
    EXPECT_EQ(testing::refusal_of(content,
                                  [&](const std::string& path) { return read_states(path, read); }),
              "accepted");
    EXPECT_EQ(read.size(), from_cli.size());
  }
}

std::string states_refusal(const std::string& content) {
  return testing::refusal_of(content, [](const std::string& path) {
    PolicyStates ignored;
    return read_states(path, ignored);
  });
}

TEST(AzurePolicyErrors, RefusesStatesItCannotPlaceOrJudge) {
  EXPECT_NE(states_refusal(R"([{"complianceState": "Compliant", "subscriptionId": "s"}])")
                .find("state 1: not a policy state (no policyDefinitionName"),
            std::string::npos);
  EXPECT_NE(states_refusal(R"([{"complianceState": "Compliant", "policyDefinitionName": "p"}])")
                .find("or subscriptionId"),
            std::string::npos);
  EXPECT_NE(states_refusal(R"([{"complianceState": "Healthy", "policyDefinitionName": "p",
               "subscriptionId": "s"}])")
                .find("state 1: complianceState 'Healthy' is none of Compliant"),
            std::string::npos);
  EXPECT_NE(states_refusal("[{\"complianceState\": \n").find("ends inside this value"),
            std::string::npos);
  EXPECT_EQ(states_refusal("[]"), "accepted");
}

}  // namespace
}  // namespace etguard::cloud
