#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pii/genai_log.h"
#include "pii/genai_rules.h"
#include "pii/genai_summary.h"

namespace etguard::pii {
namespace {

struct PromptHit {
  std::uint64_t line;
  std::string field;
  std::string type;
  std::string user;
  bool on_premises;
  bool operator==(const PromptHit&) const = default;
};

std::ostream& operator<<(std::ostream& out, const PromptHit& found) {
  return out << found.line << " " << found.field << " " << found.type << " " << found.user
             << (found.on_premises ? " on-premises" : "");
}

class GenaiLog : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("etguard-genai-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".jsonl");
  }
  void TearDown() override { std::filesystem::remove(path_); }

  Result<GenaiLogResult> scan(const std::string& log, const GenaiRules& rules,
                              const GenaiFieldMap& fields = {}, std::size_t jobs = 1,
                              std::size_t chunk_bytes = std::size_t{1} << 20U,
                              const std::string& format = "") {
    std::ofstream(path_, std::ios::binary) << log;
    auto scanner = Scanner::create(rules.detectors);
    EXPECT_TRUE(scanner.has_value()) << scanner.error().message;
    scanner_ = std::make_unique<Scanner>(std::move(*scanner));
    found_.clear();
    masks_.clear();
    summary_ = GenaiSummary{};
    GenaiScanSettings settings;
    settings.format = format;
    settings.jobs = jobs;
    settings.chunk_bytes = chunk_bytes;
    settings.sink = [&](const Input& input, std::vector<PromptFinding>& findings) {
      summary_.add(input.name, findings, *scanner_);
      for (const PromptFinding& finding : findings) {
        found_.push_back({finding.line, finding.field,
                          std::string(scanner_->type_name(finding.type)), finding.user,
                          finding.on_premises});
        masks_.push_back(finding.masked);
      }
    };
    return scan_genai_log(*scanner_, rules, fields, {path_.string(), "gateway.jsonl"}, settings);
  }

  static GenaiRules defaults() {
    auto rules = load_genai_rules("");
    EXPECT_TRUE(rules.has_value()) << rules.error().message;
    return *rules;
  }

  std::filesystem::path path_;
  std::unique_ptr<Scanner> scanner_;
  std::vector<PromptHit> found_;
  std::vector<std::string> masks_;
  GenaiSummary summary_;
};

// An OpenAI chat request with a national ID in the user's message, a key in a
// content part, a card in the legacy prompt, a classification label in the
// Responses API's input and a password in Anthropic's system text.
const std::string kPlanted =
    R"({"timestamp":"2026-12-01T09:00:00Z","user":"alice","department":"research","endpoint":"https://api.openai.com/v1/chat/completions","request":{"model":"gpt-4o","messages":[{"role":"system","content":"You help analysts."},{"role":"user","content":"客戶 A123456789 的手機 0912-345-678 要怎麼寫信？"}]}})"
    "\n"
    R"({"user":"bob","department":"it","request":{"model":"gpt-4o-mini","messages":[{"role":"user","content":[{"type":"text","text":"why does AKIAIOSFODNN7QWERTYZ fail?"}]}]}})"
    "\n"
    "\n"
    R"({"user":"carol","department":"ops","body":{"model":"gpt-3.5-turbo-instruct","prompt":"charge card 4111 1111 1111 1111 twice"}})"
    "\n"
    R"({"user":"dave","department":"research","request":{"model":"llama-local-70b","input":[{"role":"user","content":"summarise this 機密 memo"}]}})"
    "\n"
    R"({"user":"erin","department":"it","request":{"model":"claude-x","system":"db password: Tr0ub4dor&3","messages":[{"role":"user","content":"hello"}]}})"
    "\n";

TEST_F(GenaiLog, FindsWhatEachRequestFormGivesTheModel) {
  GenaiRules rules = defaults();
  rules.on_premises_models = {"llama-local-*"};
  auto result = scan(kPlanted, rules);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->records, 5U);
  EXPECT_EQ(result->prompts, 5U);
  EXPECT_EQ(result->bad_records, 0U);
  EXPECT_EQ(found_, (std::vector<PromptHit>{
                        {1, "messages[1].content", "TW_NATIONAL_ID", "alice", false},
                        {1, "messages[1].content", "TW_MOBILE", "alice", false},
                        {2, "messages[0].content[0].text", "AWS_ACCESS_KEY", "bob", false},
                        {4, "prompt", "CREDIT_CARD", "carol", false},
                        {5, "input[0].content", "CLASSIFICATION_LABEL", "dave", true},
                        {6, "system", "PASSWORD", "erin", false},
                    }));
  // Only masks leave the scan.
  for (const std::string& mask : masks_) {
    EXPECT_EQ(mask.find("A123456789"), std::string::npos);
    EXPECT_EQ(mask.find("AKIAIOSFODNN7QWERTYZ"), std::string::npos);
    EXPECT_EQ(mask.find("Tr0ub4dor"), std::string::npos);
  }
  EXPECT_EQ(summary_.total.findings, 6U);
  EXPECT_EQ(summary_.total.prompts, 5U);
  EXPECT_EQ(summary_.total.external, 5U);
  EXPECT_EQ(summary_.by_user.at("alice").findings, 2U);
  EXPECT_EQ(summary_.by_user.at("alice").prompts, 1U);
  EXPECT_EQ(summary_.by_department.at("research").findings, 3U);
  EXPECT_EQ(summary_.by_department.at("research").external, 2U);
  EXPECT_EQ(summary_.by_destination.at("gpt-4o").findings, 2U);
}

TEST_F(GenaiLog, CleanPromptsGiveNothing) {
  auto result = scan(
      R"({"user":"a","request":{"model":"m","messages":[{"role":"user","content":"Explain the four-fifths rule."}]}})"
      "\n"
      R"({"user":"b","request":{"model":"m","messages":[{"role":"user","content":"什麼是資訊機密性？請用三點說明。"}]}})"
      "\n",
      [] {
        GenaiRules rules = defaults();
        // A firm that finds the bare word too broad narrows the label.
        for (CustomDetector& detector : rules.detectors) {
          if (detector.name == "CLASSIFICATION_LABEL") {
            detector.pattern = "(?:【機密】|\\[機密\\]|(?i:strictly confidential))";
          }
        }
        return rules;
      }());
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->prompts, 2U);
  EXPECT_TRUE(found_.empty());
}

TEST_F(GenaiLog, EndpointHostDecidesOnPremises) {
  GenaiRules rules = defaults();
  rules.on_premises_hosts = {"llm.internal.firm"};
  auto result = scan(
      R"({"user":"a","endpoint":"https://llm.internal.firm:8443/v1/chat/completions","request":{"messages":[{"role":"user","content":"A123456789"}]}})"
      "\n"
      R"({"user":"b","endpoint":"https://api.openai.com/v1/chat/completions","request":{"messages":[{"role":"user","content":"A123456789"}]}})"
      "\n",
      rules);
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(found_.size(), 2U);
  EXPECT_TRUE(found_[0].on_premises);
  EXPECT_FALSE(found_[1].on_premises);
  EXPECT_EQ(endpoint_host("https://user@[::1]:8080/v1"), "::1");
  EXPECT_EQ(endpoint_host("openai"), "openai");
}

TEST_F(GenaiLog, BadLinesAreSkippedWithTheirLocation) {
  auto result = scan(
      "not json\n"
      R"({"user":"a","request":{"messages":[{"role":"user","content":"A123456789"}]}})"
      "\n[1,2]\n",
      defaults());
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->bad_records, 2U);
  ASSERT_EQ(result->problems.size(), 2U);
  EXPECT_TRUE(result->problems[0].message.starts_with("gateway.jsonl:1: not a JSON record"))
      << result->problems[0].message;
  EXPECT_TRUE(result->problems[1].message.starts_with("gateway.jsonl:3: not a JSON object"))
      << result->problems[1].message;
  EXPECT_EQ(found_,
            (std::vector<PromptHit>{{2, "messages[0].content", "TW_NATIONAL_ID", "a", false}}));
}

TEST_F(GenaiLog, ALogWithoutPromptsIsAnError) {
  auto result = scan(R"({"user":"a","event":"login"})"
                     "\n",
                     defaults());
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("--field request="), std::string::npos);
  auto empty = scan("", defaults());
  ASSERT_FALSE(empty.has_value());
  EXPECT_NE(empty.error().message.find("no record"), std::string::npos);
}

TEST_F(GenaiLog, FieldsAreMappedByPath) {
  GenaiFieldMap fields;
  ASSERT_TRUE(set_genai_field(fields, "user=meta.who").has_value());
  ASSERT_TRUE(set_genai_field(fields, "request=payload").has_value());
  EXPECT_FALSE(set_genai_field(fields, "colour=x").has_value());
  EXPECT_FALSE(set_genai_field(fields, "user").has_value());
  auto result = scan(
      R"({"meta":{"who":"frank"},"payload":{"messages":[{"role":"user","content":"mail chen.li@firm.com.tw"}]}})"
      "\n",
      defaults(), fields);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(found_, (std::vector<PromptHit>{{1, "messages[0].content", "EMAIL", "frank", false}}));
}

TEST_F(GenaiLog, IgnoredTypesAreNotReported) {
  GenaiRules rules = defaults();
  rules.ignore = {"TW_MOBILE"};
  auto result = scan(kPlanted, rules);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(std::ranges::count(found_, std::string("TW_MOBILE"), &PromptHit::type), 0);
  EXPECT_EQ(std::ranges::count(found_, std::string("TW_NATIONAL_ID"), &PromptHit::type), 1);
}

TEST_F(GenaiLog, ThreadsAndChunksGiveTheSameFindings) {
  std::string log;
  for (int i = 0; i < 400; ++i) {
    log += kPlanted;
  }
  GenaiRules rules = defaults();
  ASSERT_TRUE(scan(log, rules).has_value());
  const std::vector<PromptHit> one = found_;
  ASSERT_EQ(one.size(), 2400U);
  EXPECT_EQ(one.back().line, 2400U);
  auto parallel = scan(log, rules, {}, 2, 4096);
  ASSERT_TRUE(parallel.has_value());
  EXPECT_EQ(found_, one);
  EXPECT_EQ(parallel->records, 2000U);
}

// Another gateway's CSV export: prompts with line breaks inside quotes, a
// request body as JSON in a cell, columns found by their usual names or mapped.
TEST_F(GenaiLog, CsvLogsAreReadByTheirColumns) {
  const std::string log =
      "timestamp,employee,dept,model,prompt\n"
      "2026-12-01T09:00:00Z,alice,research,gpt-4o,\"first line\nclient A123456789\"\n"
      "2026-12-01T09:01:00Z,bob,it,llama-local-7b,\"{\"\"messages\"\": [{\"\"role\"\": "
      "\"\"user\"\", \"\"content\"\": \"\"key AKIAIOSFODNN7QWERTYZ\"\"}]}\"\n"
      "2026-12-01T09:02:00Z,carol,ops,gpt-4o,nothing to see\n";
  GenaiRules rules = defaults();
  rules.on_premises_models = {"llama-local-*"};
  auto result = scan(log, rules, {}, 1, std::size_t{1} << 20U, "csv");
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->records, 3U);
  EXPECT_EQ(result->prompts, 3U);
  EXPECT_EQ(found_, (std::vector<PromptHit>{
                        {2, "prompt", "TW_NATIONAL_ID", "alice", false},
                        {4, "messages[0].content", "AWS_ACCESS_KEY", "bob", true},
                    }));
  EXPECT_EQ(summary_.by_department.at("research").findings, 1U);
  GenaiFieldMap fields;
  ASSERT_TRUE(set_genai_field(fields, "request=question").has_value());
  auto unmapped = scan(log, rules, fields, 1, std::size_t{1} << 20U, "csv");
  ASSERT_FALSE(unmapped.has_value());
  EXPECT_EQ(unmapped.error().message,
            "gateway.jsonl:1: no column 'question' holds the prompt; name it with --field "
            "request=COLUMN");
  auto unterminated = scan("prompt\n\"open\n", rules, {}, 1, std::size_t{1} << 20U, "csv");
  ASSERT_FALSE(unterminated.has_value());
}

TEST(GenaiRules, MistakesAreLocated) {
  auto unknown = parse_genai_rules("r.yaml", "version: 1\nigonre: [IPV4]\n");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message, "r.yaml:2:1: unknown key 'igonre'");
  auto type = parse_genai_rules("r.yaml", "ignore: [IPV4, PHONE]\n");
  ASSERT_FALSE(type.has_value());
  EXPECT_TRUE(type.error().message.starts_with("r.yaml:1:16: 'PHONE' is not a built-in type"))
      << type.error().message;
  auto version = parse_genai_rules("r.yaml", "version: 2\n");
  ASSERT_FALSE(version.has_value());
  EXPECT_TRUE(version.error().message.starts_with("r.yaml:1:10:")) << version.error().message;
  auto premises = parse_genai_rules("r.yaml", "on_premises:\n  model: [x]\n");
  ASSERT_FALSE(premises.has_value());
  EXPECT_EQ(premises.error().message, "r.yaml:2:3: unknown key 'model'");
  auto detector = parse_genai_rules("r.yaml", "detectors:\n  - name: lower\n    pattern: x\n");
  ASSERT_FALSE(detector.has_value());
  EXPECT_TRUE(detector.error().message.starts_with("r.yaml:2:11:")) << detector.error().message;
}

TEST(GenaiRules, TheDefaultsCompile) {
  auto rules = load_genai_rules("");
  ASSERT_TRUE(rules.has_value()) << rules.error().message;
  EXPECT_GE(rules->detectors.size(), 9U);
  auto scanner = Scanner::create(rules->detectors);
  EXPECT_TRUE(scanner.has_value()) << (scanner ? "" : scanner.error().message);
}

}  // namespace
}  // namespace etguard::pii
