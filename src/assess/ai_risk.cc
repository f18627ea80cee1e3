#include "assess/ai_risk.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "core/clock.h"
#include "core/yaml_file.h"

namespace etguard::assess {
namespace {

constexpr std::string_view kDefaultModel =
    R"(# etguard AI risk model (Art. 46): every factor of Art. 46(1) scored from the AI
# register, the points summed, the tier the first whose min_score the sum reaches.
# A factor is a fact of the register (points when true) or a detail holding one
# of its levels; an unrecorded factor counts at its worst.
version: 1
factors:
  - id: customer_service
    zh: 提供客戶服務
    en: Provides customer services
    fact: customer_facing
    points: 3
  - id: material_impact
    zh: 對營運有重大影響
    en: Material impact on operations
    fact: material_impact
    points: 3
  - id: personal_data
    zh: 使用個人資料程度
    en: Extent of personal data used
    detail: risk_personal_data
    levels: {none: 0, low: 1, medium: 2, high: 3}
  - id: autonomy
    zh: 人工智慧自主決策程度
    en: Degree of autonomous decision-making
    detail: risk_autonomy
    levels: {human_decides: 0, human_reviews_each: 1, human_on_exception: 2, fully_automatic: 3}
  - id: complexity
    zh: 人工智慧系統複雜性
    en: Complexity of the AI system
    detail: risk_complexity
    levels: {rules: 0, statistical: 1, machine_learning: 2, deep_or_generative: 3}
  - id: stakeholders
    zh: 影響利害關係人之程度及廣度
    en: Extent and breadth of the effect on stakeholders
    detail: risk_stakeholders
    levels: {internal_only: 0, some_customers: 1, many_customers: 2, market_wide: 3}
  - id: remedy
    zh: 救濟選項之完整程度
    en: Completeness of remedy options
    detail: risk_remedy
    levels: {complete: 0, partial: 2, none: 3}
tiers:
  - id: high
    zh: 高風險
    en: high risk
    min_score: 13
    review_months: 6
    independent_review: true
  - id: medium
    zh: 中風險
    en: medium risk
    min_score: 7
    review_months: 12
  - id: low
    zh: 低風險
    en: low risk
    min_score: 0
    review_months: 24
)";

RiskFactor read_factor(YamlFields& reader, const YamlNode& node) {
  RiskFactor factor;
  reader.keys(node, {"id", "zh", "en", "fact", "points", "detail", "levels"});
  factor.id = reader.text(node, "id", true);
  factor.zh = reader.text(node, "zh", true);
  factor.en = reader.text(node, "en", true);
  factor.fact = reader.text(node, "fact", false);
  factor.detail = reader.text(node, "detail", false);
  if (factor.fact.empty() == factor.detail.empty()) {
    reader.problems().add(
        node.mark(), "bad-value",
        fmt::format("factor '{}': give 'fact' or 'detail', one of them", factor.id),
        fmt::format("因素 '{}'：請擇一指定 fact 或 detail", factor.id));
  }
  if (!factor.fact.empty()) {
    factor.points = static_cast<int>(reader.whole(node, "points", 0, 1000).value_or(0));
  }
  if (!factor.detail.empty()) {
    const YamlNode levels = node["levels"];
    if (!levels.is_map() || levels.size() == 0) {
      reader.problems().add(node.mark(), "missing-key",
                            fmt::format("factor '{}': a detail needs 'levels'", factor.id),
                            fmt::format("因素 '{}'：detail 須有 levels", factor.id));
    } else {
      for (std::size_t i = 0; i < levels.size(); ++i) {
        factor.levels.emplace_back(std::string(levels.key(i).scalar()), 0);
        auto points = yaml_as_whole(reader.path(), levels.value(i));
        if (!points || *points < 0 || *points > 1000) {
          reader.problems().add(levels.value(i).mark(), "bad-value",
                                "a level's points must be a whole number 0–1000",
                                "等級之分數應為 0 至 1000 之整數");
        } else {
          factor.levels.back().second = static_cast<int>(*points);
        }
      }
    }
  }
  return factor;
}

RiskTier read_tier(YamlFields& reader, const YamlNode& node) {
  RiskTier tier;
  reader.keys(node, {"id", "zh", "en", "min_score", "review_months", "independent_review"});
  tier.id = reader.text(node, "id", true);
  tier.zh = reader.text(node, "zh", true);
  tier.en = reader.text(node, "en", true);
  tier.min_score = static_cast<int>(reader.whole(node, "min_score", 0, 1000).value_or(0));
  tier.review_months = static_cast<int>(reader.whole(node, "review_months", 1, 1200).value_or(12));
  tier.independent_review = reader.flag(node, "independent_review");
  return tier;
}

}  // namespace

int RiskFactor::worst() const {
  if (!fact.empty()) {
    return points;
  }
  int most = 0;
  for (const auto& level : levels) {
    most = std::max(most, level.second);
  }
  return most;
}

int RiskModel::max_score() const {
  int total = 0;
  for (const RiskFactor& factor : factors) {
    total += factor.worst();
  }
  return total;
}

std::string_view default_risk_model_yaml() {
  return kDefaultModel;
}

etguard::Result<RiskModel> parse_risk_model(const std::string& source, const std::string& text) {
  auto document = load_yaml_text(source, text);
  if (!document) {
    return std::unexpected(document.error());
  }
  YamlFields reader(source);
  const YamlNode root = *document;
  if (!root.is_map() || !root["factors"].is_sequence() || !root["tiers"].is_sequence()) {
    return std::unexpected(yaml_error(source, root.mark(), "expected 'factors' and 'tiers' lists",
                                      "應有 factors 與 tiers 清單"));
  }
  reader.keys(root, {"version", "factors", "tiers"});
  RiskModel model;
  model.source = source;
  for (const YamlNode& node : root["factors"].items()) {
    model.factors.push_back(read_factor(reader, node));
  }
  for (const YamlNode& node : root["tiers"].items()) {
    model.tiers.push_back(read_tier(reader, node));
  }
  for (std::size_t i = 1; i < model.tiers.size(); ++i) {
    if (model.tiers[i].min_score >= model.tiers[i - 1].min_score) {
      reader.problems().add(root["tiers"].item(i).mark(), "bad-value",
                            "tiers go from the highest min_score down",
                            "tiers 應依 min_score 由高至低排列");
    }
  }
  if (model.tiers.empty() || model.tiers.back().min_score != 0) {
    reader.problems().add(root["tiers"].mark(), "bad-value",
                          "the last tier needs min_score 0, so every system has a tier",
                          "最後一級之 min_score 須為 0，使每一系統皆有分級");
  }
  if (!reader.problems().empty()) {
    return std::unexpected(reader.problems().error());
  }
  return model;
}

AiRisk assess_ai_risk(const RiskModel& model, const RegisterEntry& entry) {
  AiRisk risk;
  risk.key = entry.key();
  risk.name = entry.name;
  for (const RiskFactor& factor : model.factors) {
    FactorScore& score = risk.factors.emplace_back();
    score.factor = &factor;
    if (!factor.fact.empty()) {
      const auto found = entry.facts.find(factor.fact);
      const bool value = found != entry.facts.end() && found->second;
      score.value = value ? "true" : "false";
      score.points = value ? factor.points : 0;
    } else {
      const int worst = factor.worst();
      const auto found = entry.details.find(factor.detail);
      if (found == entry.details.end() || found->second.empty()) {
        score.recorded = false;
        score.points = worst;
      } else {
        score.value = found->second;
        const auto level =
            std::ranges::find(factor.levels, found->second, &std::pair<std::string, int>::first);
        if (level == factor.levels.end()) {
          std::string known;
          for (const auto& [name, points] : factor.levels) {
            known += (known.empty() ? "" : ", ") + name;
          }
          score.problem = fmt::format("'{}' is not one of {}", found->second, known);
          score.points = worst;
        } else {
          score.points = level->second;
        }
      }
    }
    risk.score += score.points;
  }
  for (const RiskTier& tier : model.tiers) {
    if (risk.score >= tier.min_score) {
      risk.tier = &tier;
      break;
    }
  }
  const auto facing = entry.facts.find("customer_facing");
  risk.customer_facing = facing != entry.facts.end() && facing->second;
  if (const auto found = entry.dates.find("prelaunch_assessment"); found != entry.dates.end()) {
    risk.prelaunch_assessment = found->second;
  }
  if (const auto found = entry.dates.find("last_review"); found != entry.dates.end()) {
    risk.last_review = found->second;
    if (risk.tier != nullptr) {
      risk.next_review = add_months(risk.last_review, risk.tier->review_months);
    }
  }
  return risk;
}

}  // namespace etguard::assess
