// ai.sensitive_parameters: every input of a model that is one of the
// parameters Art. 48(3) names (name, residence, ethnicity, religion,
// nationality, age, physical characteristics, illness) has a recorded
// necessity assessment from all three perspectives the clause asks for —
// cybersecurity, compliance and risk control. Inputs are recognised by their
// names (English words, Chinese terms); a firm adds its own words.
#include "checks/ai/sensitive_parameters/check.h"

#include <fmt/format.h>

#include <algorithm>

namespace etguard::ai_checks::sensitive_parameters {
namespace {

namespace fm = etguard::fairness;

constexpr std::string_view kNodes[] = {"ET-48.3"};

std::string attribute_names(const std::vector<std::string>& ids, bool zh) {
  std::string names;
  for (const std::string& id : ids) {
    const auto& all = fm::protected_attributes();
    const auto found = std::ranges::find(all, id, &fm::ProtectedAttribute::id);
    const std::string name = found == all.end() ? id : (zh ? found->zh : found->en);
    names += (names.empty() ? "" : zh ? "、" : ", ") + name;
  }
  return names;
}

// The perspectives the assessment lacks, in the clause's order.
std::vector<std::pair<std::string, std::string>> missing(const fm::Feature& feature) {
  std::vector<std::pair<std::string, std::string>> lacking;
  if (feature.necessity.security.empty()) {
    lacking.emplace_back("cybersecurity", "資安");
  }
  if (feature.necessity.compliance.empty()) {
    lacking.emplace_back("compliance", "法遵");
  }
  if (feature.necessity.risk.empty()) {
    lacking.emplace_back("risk control", "風控");
  }
  return lacking;
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.sensitive_parameters",
      .title = {.zh = "演算法使用之敏感參數均有必要性評估",
                .en = "Sensitive parameters used by a model have a necessity assessment"},
      .node_ids = kNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第四十八條第三項：姓名、居住所、族群、宗教、國籍、年齡、生理特徵或疾病"
                          "等參數納入演算法判斷者，應就資安、法遵及風控等層面進行必要性評估。",
                    .en = "Art. 48(3): where name, residence, ethnicity, religion, nationality, "
                          "age, physical characteristics or illness are used in algorithmic "
                          "judgement, a necessity assessment from the perspectives of "
                          "cybersecurity, compliance and risk control is required."},
      .remediation = {.zh = "於特徵清單中為每一敏感參數記錄 necessity（security、compliance、"
                            "risk、approved_by、date），或移除非必要之參數後重新訓練。",
                      .en = "Record a necessity assessment (security, compliance, risk, "
                            "approved_by, date) for each sensitive input in the feature schema, "
                            "or remove the inputs that are not necessary and retrain."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.features == nullptr) {
    return std::nullopt;
  }
  return judge(*evidence.features);
}

check::Assessment judge(const fm::FeatureReview& review) {
  check::Assessment assessment;
  nlohmann::ordered_json sensitive = nlohmann::ordered_json::array();
  for (const fm::Feature& feature : review.features) {
    if (feature.attributes.empty()) {
      continue;
    }
    const auto lacking = missing(feature);
    sensitive.push_back({{"feature", feature.name},
                         {"line", feature.line},
                         {"attributes", feature.attributes},
                         {"assessed", feature.has_necessity && lacking.empty()},
                         {"approved_by", feature.necessity.approved_by},
                         {"date", feature.necessity.date}});
    const std::string en_names = attribute_names(feature.attributes, false);
    const std::string zh_names = attribute_names(feature.attributes, true);
    if (!feature.has_necessity) {
      assessment.add(check::Reason{"AI_SENSITIVE_NOT_ASSESSED",
                                   fmt::format("{}:{}: input '{}' ({}) has no necessity assessment",
                                               review.source, feature.line, feature.name, en_names),
                                   fmt::format("{}:{}：輸入 '{}'（{}）無必要性評估", review.source,
                                               feature.line, feature.name, zh_names)});
    } else if (!lacking.empty()) {
      std::string en;
      std::string zh;
      for (const auto& [english, chinese] : lacking) {
        en += (en.empty() ? "" : ", ") + english;
        zh += (zh.empty() ? "" : "、") + chinese;
      }
      assessment.add(check::Reason{
          "AI_SENSITIVE_ASSESSMENT_INCOMPLETE",
          fmt::format("{}:{}: input '{}' ({}): the necessity assessment lacks the {} perspective",
                      review.source, feature.line, feature.name, en_names, en),
          fmt::format("{}:{}：輸入 '{}'（{}）之必要性評估缺少{}層面", review.source, feature.line,
                      feature.name, zh_names, zh)});
    }
  }
  assessment.evidence = {{"source", review.source},
                         {"model", review.model},
                         {"features", review.features.size()},
                         {"sensitive", sensitive}};
  assessment.verdict = assessment.reasons.empty() ? check::Verdict::kPass : check::Verdict::kFail;
  return assessment;
}

}  // namespace etguard::ai_checks::sensitive_parameters
