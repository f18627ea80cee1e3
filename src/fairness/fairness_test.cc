// The fairness collector: decision logs read exactly (CSV plain and quoted,
// JSON Lines, in blocks on several threads), metrics checked against cases
// computed by hand and against generated logs with known disparities in
// both directions, bootstrap intervals that are repeatable, and every bad
// input refused with its line.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "core/scratch_directory.h"
#include "fairness/decisions.h"
#include "fairness/features.h"
#include "fairness/measure.h"
#include "fairness/policy.h"
#include "fairness/report_json.h"

namespace etguard::fairness {
namespace {

Columns gender_columns() {
  Columns columns;
  columns.groups = {"gender"};
  return columns;
}

Policy exact_policy() {
  Policy policy;
  policy.min_group_size = 1;
  policy.bootstrap = 0;
  return policy;
}

Tally tally_of(std::string_view text, std::string_view origin, const Columns& columns,
               ReadOptions options = {}) {
  auto tally = tally_decisions_text(text, origin, columns, options);
  EXPECT_TRUE(tally.has_value()) << (tally ? "" : tally.error().message);
  return tally ? *tally : Tally{};
}

std::string error_of(std::string_view text, std::string_view origin, const Columns& columns,
                     ReadOptions options = {}) {
  auto tally = tally_decisions_text(text, origin, columns, options);
  EXPECT_FALSE(tally.has_value());
  return tally ? std::string() : tally.error().message;
}

const GroupStats& group(const Measurement& m, std::size_t grouping, std::string_view value) {
  for (const GroupStats& stats : m.groupings.at(grouping).groups) {
    if (group_label(stats.values) == value) {
      return stats;
    }
  }
  ADD_FAILURE() << "no group " << value;
  static const GroupStats none;
  return none;
}

const Disparity& disparity(const Measurement& m, std::size_t grouping, std::string_view metric) {
  for (const Disparity& d : m.groupings.at(grouping).disparities) {
    if (d.metric == metric) {
      return d;
    }
  }
  ADD_FAILURE() << "no metric " << metric;
  static const Disparity none;
  return none;
}

// F: TP TP FN FP TN TN; M: TP TN TN TN — computed by hand below.
constexpr std::string_view kSmallCsv =
    "id,gender,y,yhat\n"
    "1,F,1,1\n2,F,1,1\n3,F,1,0\n4,F,0,1\n5,F,0,0\n6,F,0,0\n"
    "7,M,1,1\n8,M,0,0\n9,M,0,0\n10,M,0,0\n";

TEST(FairnessMetrics, SmallLogMatchesHandComputation) {
  const Measurement m =
      measure(tally_of(kSmallCsv, "small.csv", gender_columns()), exact_policy(), 1);
  ASSERT_EQ(m.groupings.size(), 1U);
  const GroupStats& f = group(m, 0, "F");
  EXPECT_EQ(f.n, 6U);
  EXPECT_EQ(f.tp, 2U);
  EXPECT_EQ(f.fn, 1U);
  EXPECT_EQ(f.fp, 1U);
  EXPECT_EQ(f.tn, 2U);
  EXPECT_DOUBLE_EQ(f.selection_rate, 0.5);
  EXPECT_DOUBLE_EQ(f.true_positive_rate, 2.0 / 3);
  EXPECT_DOUBLE_EQ(f.false_positive_rate, 1.0 / 3);
  EXPECT_DOUBLE_EQ(f.false_negative_rate, 1.0 / 3);
  EXPECT_DOUBLE_EQ(f.true_negative_rate, 2.0 / 3);
  const GroupStats& male = group(m, 0, "M");
  EXPECT_DOUBLE_EQ(male.selection_rate, 0.25);
  EXPECT_DOUBLE_EQ(male.true_positive_rate, 1.0);
  EXPECT_DOUBLE_EQ(male.false_positive_rate, 0.0);
  EXPECT_DOUBLE_EQ(disparity(m, 0, "demographic_parity_difference").value, 0.25);
  EXPECT_DOUBLE_EQ(disparity(m, 0, "demographic_parity_ratio").value, 0.5);
  EXPECT_EQ(disparity(m, 0, "demographic_parity_ratio").highest, "F");
  EXPECT_EQ(disparity(m, 0, "demographic_parity_ratio").lowest, "M");
  EXPECT_DOUBLE_EQ(disparity(m, 0, "equal_opportunity_difference").value, 1.0 / 3);
  EXPECT_DOUBLE_EQ(disparity(m, 0, "equalized_odds_difference").value, 1.0 / 3);
  EXPECT_EQ(disparity(m, 0, "demographic_parity_ratio").judgement, Judgement::kFail);
  EXPECT_EQ(m.judgement, Judgement::kFail);
}

TEST(FairnessRead, CsvQuotedJsonLinesAndBlocksAgree) {
  const Tally plain = tally_of(kSmallCsv, "small.csv", gender_columns());
  // Quoted fields (with a delimiter and a newline in an unused column) take libcsv's path.
  const Tally quoted = tally_of(
      "id,gender,y,yhat\r\n\"1\",\"F\",1,1\r\n2,F,1,1\r\n\"3,\n3\",F,1,0\r\n4,F,0,1\r\n"
      "5,F,0,0\r\n6,\"F\",0,0\r\n7,M,1,1\r\n8,M,0,0\r\n\r\n9,M,0,0\r\n10,M,false,FALSE\r\n",
      "quoted.csv", gender_columns());
  const Tally json = tally_of(
      "{\"gender\":\"F\",\"y\":1,\"yhat\":1}\n{\"gender\":\"F\",\"y\":true,\"yhat\":1}\n"
      "{\"yhat\":0,\"y\":1,\"gender\":\"F\",\"extra\":{\"a\":[1]}}\n{\"gender\":\"F\",\"y\":0,"
      "\"yhat\":1}\n"
      "{\"gender\":\"F\",\"y\":0,\"yhat\":0}\n{\"gender\":\"F\",\"y\":\"0\",\"yhat\":0}\n"
      "{\"gender\":\"M\",\"y\":1,\"yhat\":1}\n\n{\"gender\":\"M\",\"y\":0,\"yhat\":0}\n"
      "{\"gender\":\"M\",\"y\":0,\"yhat\":0}\n{\"gender\":\"\\u004d\",\"y\":0,\"yhat\":false}\n",
      "log.jsonl", gender_columns());
  for (const Tally* other : {&quoted, &json}) {
    ASSERT_EQ(other->cells.size(), plain.cells.size());
    EXPECT_EQ(other->rows, plain.rows);
    for (std::size_t c = 0; c < plain.cells.size(); ++c) {
      EXPECT_EQ(other->cells[c].values, plain.cells[c].values);
      for (std::size_t i = 0; i < plain.cells[c].outcomes.size(); ++i) {
        EXPECT_EQ(other->cells[c].outcomes[i].count, plain.cells[c].outcomes[i].count);
      }
    }
  }
}

std::string generated_log(std::size_t rows, double rate_a, double rate_b, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::string out = "gender,age_band,y,yhat,p\n";
  for (std::size_t i = 0; i < rows; ++i) {
    const bool a = i % 2 == 0;
    const char* band = i % 3 == 0 ? "<30" : (i % 3 == 1 ? "30-49" : "50+");
    const int y = unit(random) < 0.4 ? 1 : 0;
    const double p = unit(random);
    const int yhat = unit(random) < (a ? rate_a : rate_b) ? 1 : 0;
    out += fmt::format("{},{},{},{},{:.6f}\n", a ? "A" : "B", band, y, yhat, p);
  }
  return out;
}

Columns two_columns() {
  Columns columns;
  columns.groups = {"gender", "age_band"};
  columns.score = "p";
  return columns;
}

TEST(FairnessRead, ThreadsAndBlockSizesGiveTheSameCounts) {
  const std::string log = generated_log(20'000, 0.5, 0.5, 7);
  ReadOptions one;
  ReadOptions many;
  many.jobs = 4;
  many.block_bytes = 4096;
  const Tally a = tally_of(log, "g.csv", two_columns(), one);
  const Tally b = tally_of(log, "g.csv", two_columns(), many);
  EXPECT_EQ(a.rows, 20'000U);
  ASSERT_EQ(a.cells.size(), 6U);
  ASSERT_EQ(b.cells.size(), 6U);
  for (std::size_t c = 0; c < a.cells.size(); ++c) {
    for (std::size_t i = 0; i < a.cells[c].outcomes.size(); ++i) {
      EXPECT_EQ(a.cells[c].outcomes[i].count, b.cells[c].outcomes[i].count);
      EXPECT_NEAR(a.cells[c].outcomes[i].score_sum, b.cells[c].outcomes[i].score_sum, 1e-6);
    }
  }
}

TEST(FairnessRead, FileReadInBlocksEqualsTextAndAQuotedNewlineCanSpanABlock) {
  std::string log = "gender,note,y,yhat\n";
  for (int i = 0; i < 3000; ++i) {
    log += fmt::format("{},\"line one\nline two, {}\",{},{}\n", i % 3 == 0 ? "A" : "B", i, i % 2,
                       i % 5 == 0 ? 1 : 0);
  }
  const ScratchDirectory scratch;
  const auto path = scratch.file("decisions.csv");
  ASSERT_TRUE(path.has_value());
  std::ofstream(*path) << log;
  ReadOptions options;
  options.jobs = 3;
  options.block_bytes = 1000;  // many blocks, cut inside quoted fields
  auto from_file = tally_decisions(path->string(), gender_columns(), options);
  ASSERT_TRUE(from_file.has_value()) << from_file.error().message;
  const Tally from_text = tally_of(log, "decisions.csv", gender_columns());
  EXPECT_EQ(from_file->rows, 3000U);
  EXPECT_EQ(from_file->bytes, log.size());
  ASSERT_EQ(from_file->cells.size(), from_text.cells.size());
  for (std::size_t c = 0; c < from_text.cells.size(); ++c) {
    for (std::size_t i = 0; i < from_text.cells[c].outcomes.size(); ++i) {
      EXPECT_EQ(from_file->cells[c].outcomes[i].count, from_text.cells[c].outcomes[i].count);
    }
  }
  // A bad value after the cut is still found, on its physical line.
  std::ofstream(*path, std::ios::app) << "A,\"x\ny\",1,7\n";
  auto bad = tally_decisions(path->string(), gender_columns(), options);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find(fmt::format("decisions.csv:{}:", 2 + (3000 * 2))),
            std::string::npos)
      << bad.error().message;
  EXPECT_NE(bad.error().message.find("'yhat' must be 0 or 1"), std::string::npos);
}

TEST(FairnessMetrics, KnownDisparitiesAreFoundInBothDirections) {
  Policy policy;
  policy.bootstrap = 200;
  for (const auto& [rate_a, rate_b, favoured] :
       {std::tuple{0.6, 0.3, "A"}, std::tuple{0.3, 0.6, "B"}}) {
    const Measurement m = measure(
        tally_of(generated_log(40'000, rate_a, rate_b, 11), "g.csv", two_columns()), policy, 2);
    ASSERT_EQ(m.groupings.size(), 3U);  // gender, age_band, gender x age_band
    const Disparity& ratio = disparity(m, 0, "demographic_parity_ratio");
    EXPECT_NEAR(ratio.value, 0.5, 0.03);
    EXPECT_EQ(ratio.highest, favoured);
    EXPECT_EQ(ratio.judgement, Judgement::kFail);
    EXPECT_FALSE(ratio.uncertain);
    EXPECT_LT(ratio.ci.low, ratio.value);
    EXPECT_GT(ratio.ci.high, ratio.value);
    // Age does not drive the decision: its bands pass.
    EXPECT_EQ(disparity(m, 1, "demographic_parity_ratio").judgement, Judgement::kPass);
    // The intersection carries the gender gap.
    EXPECT_EQ(disparity(m, 2, "demographic_parity_ratio").judgement, Judgement::kFail);
    EXPECT_EQ(m.judgement, Judgement::kFail);
    // Scores are uniform noise, independent of y: calibration is poor everywhere.
    EXPECT_EQ(disparity(m, 0, "calibration_error_max").judgement, Judgement::kFail);
  }
  Policy no_calibration = policy;
  std::erase_if(no_calibration.limits,
                [](const Limit& limit) { return limit.metric == "calibration_error_max"; });
  const Measurement fair = measure(
      tally_of(generated_log(40'000, 0.45, 0.45, 12), "g.csv", two_columns()), no_calibration, 2);
  EXPECT_EQ(disparity(fair, 0, "demographic_parity_ratio").judgement, Judgement::kPass);
  EXPECT_EQ(disparity(fair, 0, "equal_opportunity_difference").judgement, Judgement::kPass);
  EXPECT_FALSE(disparity(fair, 0, "calibration_error_max").limit.has_value());
  EXPECT_EQ(fair.judgement, Judgement::kPass);
}

TEST(FairnessMetrics, BootstrapIsRepeatableWhateverTheThreads) {
  Policy policy;
  policy.bootstrap = 300;
  const Tally tally = tally_of(generated_log(5'000, 0.5, 0.4, 3), "g.csv", two_columns());
  const Measurement one = measure(tally, policy, 1);
  const Measurement three = measure(tally, policy, 3);
  const Disparity& a = disparity(one, 0, "demographic_parity_difference");
  const Disparity& b = disparity(three, 0, "demographic_parity_difference");
  EXPECT_EQ(a.ci.low, b.ci.low);
  EXPECT_EQ(a.ci.high, b.ci.high);
  EXPECT_LE(a.ci.low, a.value);
  EXPECT_GE(a.ci.high, a.value);
  const GroupStats& group_a = group(one, 0, "A");
  EXPECT_LT(group_a.selection_rate_ci.low, group_a.selection_rate);
  EXPECT_GT(group_a.selection_rate_ci.high, group_a.selection_rate);
  policy.seed = 99;
  const Measurement other = measure(tally, policy, 1);
  EXPECT_NE(disparity(other, 0, "demographic_parity_difference").ci.low, a.ci.low);
}

TEST(FairnessMetrics, CalibrationBinsFollowNumpyEdges) {
  EXPECT_EQ(score_bin(0.0, 10), 0U);
  EXPECT_EQ(score_bin(0.1, 10), 0U);  // an edge belongs to the bin below
  EXPECT_EQ(score_bin(0.1000001, 10), 1U);
  EXPECT_EQ(score_bin(0.3, 10), 2U);  // 3 * 0.1 is 0.30000000000000004 > 0.3
  EXPECT_EQ(score_bin(0.9, 10), 8U);
  EXPECT_EQ(score_bin(1.0, 10), 9U);
  Columns columns = gender_columns();
  columns.score = "p";
  const Measurement m = measure(
      tally_of("gender,y,yhat,p\nF,1,1,0.9\nF,0,1,0.9\nM,1,1,0.95\nM,1,1,0.85\n", "c.csv", columns),
      exact_policy(), 1);
  const GroupStats& f = group(m, 0, "F");
  ASSERT_EQ(f.calibration.size(), 1U);
  EXPECT_EQ(f.calibration[0].bin, 8U);
  EXPECT_DOUBLE_EQ(f.calibration_error, 0.4);  // |0.5 - 0.9|
  const GroupStats& male = group(m, 0, "M");
  ASSERT_EQ(male.calibration.size(), 2U);
  EXPECT_NEAR(male.calibration_error, 0.5 * 0.05 + 0.5 * 0.15, 1e-12);
  EXPECT_NEAR(disparity(m, 0, "calibration_error_max").value, 0.4, 1e-12);
  EXPECT_EQ(disparity(m, 0, "calibration_error_max").highest, "F");
}

TEST(FairnessMetrics, SmallGroupsAreReportedNotJudged) {
  Policy policy = exact_policy();
  policy.min_group_size = 5;  // M has 4 rows
  const Measurement m = measure(tally_of(kSmallCsv, "small.csv", gender_columns()), policy, 1);
  EXPECT_TRUE(group(m, 0, "M").too_small);
  EXPECT_FALSE(group(m, 0, "F").too_small);
  EXPECT_EQ(m.groupings[0].judged_groups, 1U);
  EXPECT_TRUE(std::isnan(disparity(m, 0, "demographic_parity_ratio").value));
  EXPECT_EQ(disparity(m, 0, "demographic_parity_ratio").judgement, Judgement::kNotAssessable);
  EXPECT_EQ(m.judgement, Judgement::kNotAssessable);
  const auto json = measurement_json(m);
  EXPECT_EQ(json["verdict"], "not_assessable");
  EXPECT_TRUE(json["groupings"][0]["disparities"][1]["value"].is_null());
  EXPECT_EQ(json["format"], "etguard.ai_fairness");
}

TEST(FairnessRead, BadInputIsRefusedWithItsLine) {
  const Columns columns = gender_columns();
  EXPECT_EQ(error_of("id,sex,y,yhat\n1,F,1,1\n", "a.csv", columns),
            "a.csv:1: no column gender in the header (it has: id, sex, y, yhat)");
  EXPECT_EQ(error_of("gender,y,yhat\nF,1,1\nF,2,1\n", "a.csv", columns),
            "a.csv:3: column 'y' must be 0 or 1 (or true/false), not '2'");
  EXPECT_EQ(error_of("gender,y,yhat\nF,1,1\n,0,1\n", "a.csv", columns),
            "a.csv:3: the group column 'gender' is empty; give such rows a group with "
            "--missing-group NAME or fix the log");
  EXPECT_EQ(error_of("gender,y,yhat\nF,1,1\nF,0\n", "a.csv", columns),
            "a.csv:3: 2 fields where the header has 3");
  EXPECT_NE(error_of("gender,y,yhat\nF,1,1\n\"F,0,1\n", "a.csv", columns)
                .find("a.csv:3: not a CSV record"),
            std::string::npos);
  EXPECT_EQ(error_of("", "a.csv", columns), "a.csv:1: no header (the file is empty)");
  EXPECT_EQ(error_of("gender,y,yhat\n", "a.csv", columns),
            "a.csv: no decisions (no rows after the header)");
  Columns scored = columns;
  scored.score = "p";
  EXPECT_EQ(error_of("gender,y,yhat,p\nF,1,1,1.5\n", "a.csv", scored),
            "a.csv:2: column 'p' must be a probability in [0, 1], not '1.5'");
  EXPECT_EQ(error_of("{\"gender\":\"F\",\"y\":1,\"yhat\":1}\n{\"gender\":\"F\",\"y\":1}\n",
                     "a.jsonl", columns),
            "a.jsonl:2: no key 'yhat'");
  EXPECT_NE(error_of("{\"gender\":\"F\",\"y\":1,\"yhat\":1}\n[1,2]\n", "a.jsonl", columns)
                .find("a.jsonl:2: not a JSON object"),
            std::string::npos);
  EXPECT_EQ(error_of("{\"gender\":[\"F\"],\"y\":1,\"yhat\":1}\n", "a.jsonl", columns),
            "a.jsonl:1: 'gender' is not a single value");
  Columns named = columns;
  named.name_missing_groups = true;
  named.missing_group = "(unknown)";
  const Tally tally = tally_of("gender,y,yhat\nF,1,1\n,0,1\n", "a.csv", named);
  ASSERT_EQ(tally.cells.size(), 2U);
  EXPECT_EQ(tally.cells[0].values, std::vector<std::string>{"(unknown)"});
  Columns same = columns;
  same.label = "gender";
  EXPECT_FALSE(tally_decisions_text("gender,yhat\nF,1\n", "a.csv", same, {}).has_value());
}

TEST(FairnessPolicy, FileTunesLimitsAndLocatesMistakes) {
  const ScratchDirectory scratch;
  const auto path = scratch.file("policy.yaml");
  ASSERT_TRUE(path.has_value());
  std::ofstream(*path) << "min_group_size: 100\nlimits:\n  demographic_parity_ratio: {min: 0.9}\n"
                          "  calibration_error_max: off\n";
  auto policy = load_policy(path->string());
  ASSERT_TRUE(policy.has_value()) << policy.error().message;
  EXPECT_EQ(policy->min_group_size, 100U);
  EXPECT_EQ(policy->limit("demographic_parity_ratio")->text(), ">= 0.9");
  EXPECT_EQ(policy->limit("calibration_error_max"), nullptr);
  EXPECT_EQ(policy->limit("equal_opportunity_difference")->text(), "<= 0.1");
  // The printed policy reads back as itself.
  std::ofstream(*path) << policy_yaml(*policy);
  auto again = load_policy(path->string());
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->limits.size(), policy->limits.size());
  EXPECT_EQ(again->limit("demographic_parity_ratio")->text(), ">= 0.9");
  std::ofstream(*path) << "limits:\n  parity: {max: 1}\nbootstrap: -1\n";
  auto bad = load_policy(path->string());
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find(":2:3: unknown-metric: unknown metric 'parity'"),
            std::string::npos)
      << bad.error().message;
  EXPECT_NE(bad.error().message.find(":3:12:"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace etguard::fairness

namespace etguard::fairness {
namespace {

TEST(FairnessFeatures, NamesAreSplitIntoWordsHoweverWritten) {
  EXPECT_EQ(name_words("applicantAgeYears"),
            (std::vector<std::string>{"applicant", "age", "years"}));
  EXPECT_EQ(name_words("applicant_age-years"),
            (std::vector<std::string>{"applicant", "age", "years"}));
  EXPECT_EQ(name_words("HTTPServer DOB"), (std::vector<std::string>{"http", "server", "dob"}));
}

std::vector<std::string> matched(std::string name) {
  Feature feature;
  feature.name = std::move(name);
  return match_attributes(feature, protected_attributes());
}

TEST(FairnessFeatures, ProtectedAttributesAreFoundByWordNotBySubstring) {
  EXPECT_EQ(matched("customer_age"), std::vector<std::string>{"age"});
  EXPECT_EQ(matched("DateOfBirth"), std::vector<std::string>{"age"});
  EXPECT_EQ(matched("zip_code"), std::vector<std::string>{"residence"});
  EXPECT_EQ(matched("客戶性別"), std::vector<std::string>{"sex"});
  EXPECT_EQ(matched("病史_flag"), std::vector<std::string>{"illness"});
  EXPECT_EQ(matched("religiousAffiliation"), std::vector<std::string>{"religion"});
  for (const char* innocent :
       {"page_views", "usage", "message", "income", "average_balance", "agent_id", "storage"}) {
    EXPECT_TRUE(matched(innocent).empty()) << innocent;
  }
}

TEST(FairnessFeatures, SchemaIsReadWithNecessityAndMistakesLocated) {
  const ScratchDirectory scratch;
  const auto path = scratch.file("model.yaml");
  ASSERT_TRUE(path.has_value());
  std::ofstream(*path) << "model: credit-v3\nfeatures:\n  - income\n  - name: birth_date\n"
                          "    necessity: {security: s, compliance: c, risk: r, approved_by: CRO}\n"
                          "  - name: 國籍\n";
  auto review = review_features(path->string(), protected_attributes());
  ASSERT_TRUE(review.has_value()) << review.error().message;
  EXPECT_EQ(review->model, "credit-v3");
  ASSERT_EQ(review->features.size(), 3U);
  EXPECT_TRUE(review->features[0].attributes.empty());
  EXPECT_EQ(review->features[1].attributes, std::vector<std::string>{"age"});
  EXPECT_TRUE(review->features[1].has_necessity);
  EXPECT_EQ(review->features[1].necessity.approved_by, "CRO");
  EXPECT_EQ(review->features[2].line, 6);
  EXPECT_EQ(review->features[2].attributes, std::vector<std::string>{"nationality"});
  // The same as JSON, a bare list.
  std::ofstream(*path) << R"(["income", "gender"])";
  review = review_features(path->string(), protected_attributes());
  ASSERT_TRUE(review.has_value()) << review.error().message;
  EXPECT_EQ(review->features[1].attributes, std::vector<std::string>{"sex"});
  std::ofstream(*path) << "features:\n  - name: age\n    necesity: {}\n  - {description: x}\n";
  review = review_features(path->string(), protected_attributes());
  ASSERT_FALSE(review.has_value());
  EXPECT_NE(review.error().message.find(":3:5: unknown-key: unknown feature key 'necesity'"),
            std::string::npos)
      << review.error().message;
  EXPECT_NE(review.error().message.find(":4:5: no-name"), std::string::npos);
  // A firm's own words.
  const auto words = scratch.file("words.yaml");
  ASSERT_TRUE(words.has_value());
  std::ofstream(*words) << "residence:\n  words: [branch region]\n";
  auto extended = load_attribute_words(words->string());
  ASSERT_TRUE(extended.has_value()) << extended.error().message;
  Feature region;
  region.name = "branchRegion";
  EXPECT_EQ(match_attributes(region, *extended), std::vector<std::string>{"residence"});
  EXPECT_TRUE(match_attributes(region, protected_attributes()).empty());
}

}  // namespace
}  // namespace etguard::fairness
