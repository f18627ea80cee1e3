// ai.fairness: a model's decisions do not treat groups of customers
// differently beyond the firm's policy — the bias and discrimination
// assessment of Art. 53(4), measured on a decision log per group and per
// intersection of groups. It supports, without proving alone, the fair
// treatment of Art. 48(1) (human oversight is also asked) and the control of
// a third-party generative system's output under Art. 53(3).
#include "checks/ai/fairness/check.h"

#include <fmt/format.h>

#include <cmath>

namespace etguard::ai_checks::fairness {
namespace {

namespace fm = etguard::fairness;

constexpr std::string_view kNodes[] = {"ET-53.4"};
constexpr std::string_view kPartly[] = {"ET-48.1", "ET-53.3"};

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string interval_text(const fm::Interval& ci, double confidence) {
  if (std::isnan(ci.low)) {
    return "";
  }
  return fmt::format(" ({:g}% CI {:.4f}–{:.4f})", confidence * 100, ci.low, ci.high);
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.fairness",
      .title = {.zh = "人工智慧決策對各群體無超出政策之差異",
                .en = "AI decisions treat groups within the fairness policy"},
      .node_ids = kNodes,
      .partial_node_ids = kPartly,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第五十三條第四項要求評估生成式人工智慧是否對特定群體產生偏見或歧視並降低"
                          "不公平；第四十八條要求符合公平待客原則。以決策紀錄量測各群體及其交叉之"
                          "選取率、真/偽陽性率與校準，並依政策判定。",
                    .en = "Art. 53(4) requires assessing whether an AI system is biased against "
                          "particular groups and reducing unfairness; Art. 48 requires treating "
                          "customers fairly. The decision log is measured per group and "
                          "intersection (selection rate, true/false positive rates, calibration) "
                          "and judged against the policy."},
      .remediation = {.zh = "檢視造成差異之特徵與門檻（含敏感參數之必要性評估，第四十八條第三項），"
                            "重新訓練或調整決策門檻，並於調整後重新量測；差異有正當理由者應記錄"
                            "其理由及核准。",
                      .en = "Review the features and thresholds behind the gap (including the "
                            "necessity assessment of sensitive parameters, Art. 48(3)), retrain or "
                            "adjust the decision threshold and measure again; where a gap is "
                            "justified, record the reason and its approval."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.decisions == nullptr) {
    return std::nullopt;
  }
  return judge(*evidence.decisions);
}

check::Assessment judge(const fm::Measurement& measurement) {
  check::Assessment assessment;
  nlohmann::ordered_json failing = nlohmann::ordered_json::array();
  std::size_t judged = 0;
  for (const fm::Grouping& grouping : measurement.groupings) {
    const std::string columns = fmt::format("{}", fmt::join(grouping.columns, " × "));
    for (const fm::Disparity& disparity : grouping.disparities) {
      if (disparity.judgement == fm::Judgement::kNotAssessable) {
        continue;
      }
      ++judged;
      const std::string ci = interval_text(disparity.ci, measurement.policy.confidence);
      const std::string limit = disparity.limit->text();
      if (disparity.judgement == fm::Judgement::kFail) {
        failing.push_back({{"columns", grouping.columns},
                           {"metric", disparity.metric},
                           {"value", disparity.value},
                           {"between", fm::extremes(disparity)}});
        assessment.add(check::Reason{
            "FAIRNESS_" + upper(disparity.metric),
            fmt::format("{} by {}: {:.4f}{}, {}; the limit is {}{}", disparity.metric, columns,
                        disparity.value, ci, fm::extremes(disparity), limit,
                        disparity.uncertain ? " (the interval reaches the limit)" : ""),
            fmt::format("依 {} 之 {}：{:.4f}{}，{}；界限為 {}{}", columns, disparity.metric,
                        disparity.value, ci, fm::extremes(disparity), limit,
                        disparity.uncertain ? "（信賴區間觸及界限）" : "")});
      } else if (disparity.uncertain) {
        assessment.add(check::Reason{
            "FAIRNESS_UNCERTAIN",
            fmt::format("{} by {}: {:.4f} is within {} but its interval{} reaches it; measure "
                        "more decisions",
                        disparity.metric, columns, disparity.value, limit, ci),
            fmt::format("依 {} 之 {}：{:.4f} 符合 {}，但其信賴區間{}觸及界限；請以更多決策紀錄量測",
                        columns, disparity.metric, disparity.value, limit, ci),
            true});
      }
    }
  }
  assessment.evidence = {{"source", measurement.source},
                         {"rows", measurement.rows},
                         {"groups", measurement.columns.groups},
                         {"policy", measurement.policy.source},
                         {"min_group_size", measurement.policy.min_group_size},
                         {"judged_disparities", judged},
                         {"failing", failing}};
  if (judged == 0) {
    assessment.verdict = check::Verdict::kError;
    assessment.add(
        check::Reason{"FAIRNESS_NOT_ASSESSABLE",
                      fmt::format("no grouping has two groups of at least {} decisions to compare",
                                  measurement.policy.min_group_size),
                      fmt::format("無任何分組具備兩個以上、各至少 {} 筆決策之群體可供比較",
                                  measurement.policy.min_group_size)});
    return assessment;
  }
  const bool failed = !failing.empty();
  assessment.verdict = failed ? check::Verdict::kFail : check::Verdict::kPass;
  return assessment;
}

}  // namespace etguard::ai_checks::fairness
