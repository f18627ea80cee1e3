#include "app/ai_risk.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "checks/ai/run.h"

namespace etguard::app {

Result<std::unique_ptr<AiRiskView>> assess_ai_systems(Session& session,
                                                      const AiRiskRequest& request) {
  std::string text(assess::default_risk_model_yaml());
  std::string source = "<built-in risk model>";
  if (!request.model_file.empty()) {
    std::ifstream in(request.model_file, std::ios::binary);
    if (!in) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}: cannot read the risk model", request.model_file),
                  fmt::format("{}：無法讀取風險模型", request.model_file));
    }
    std::ostringstream read;
    read << in.rdbuf();
    text = read.str();
    source = request.model_file;
  }
  auto model = assess::parse_risk_model(source, text);
  if (!model) {
    return std::unexpected(model.error());
  }
  auto registers = session.workspace().load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  auto view = std::make_unique<AiRiskView>();
  view->model = std::move(*model);
  view->today = session.today();
  for (const assess::RegisterEntry& entry : registers->entries) {
    if (entry.subject == "ai" && (request.system.empty() || entry.id == request.system)) {
      view->systems.push_back(assess::assess_ai_risk(view->model, entry));
    }
  }
  if (!request.system.empty() && view->systems.empty()) {
    return fail(ErrorKind::kNotFound,
                fmt::format("ai/{} is not in the AI register", request.system),
                fmt::format("AI 清冊中無 ai/{}", request.system));
  }
  return view;
}

std::string_view default_ai_risk_model() { return assess::default_risk_model_yaml(); }

std::vector<FindingsImport> ai_risk_findings(const AiRiskView& view, const Clock& clock) {
  const std::string now = clock.utc_now();
  std::vector<FindingsImport> imports;
  imports.reserve(view.systems.size());
  for (const assess::AiRisk& risk : view.systems) {
    ai_checks::RiskReview review;
    review.object = risk.key;
    review.tier = risk.tier == nullptr ? "" : risk.tier->id;
    review.score = risk.score;
    review.review_months = risk.tier == nullptr ? 0 : risk.tier->review_months;
    review.last_review = risk.last_review;
    review.next_review = risk.next_review;
    review.today = view.today;
    review.customer_facing = risk.customer_facing;
    review.prelaunch_assessment = risk.prelaunch_assessment;
    for (const assess::FactorScore& score : risk.factors) {
      if (!score.recorded || !score.problem.empty()) {
        review.unrecorded.push_back(score.factor->id);
      }
    }
    ai_checks::AiEvidence evidence;
    evidence.risk = &review;
    imports.push_back({.findings = ai_checks::run_ai_checks(evidence, risk.key, now, now),
                       .object = risk.key});
  }
  return imports;
}

nlohmann::ordered_json ai_risk_json(const AiRiskView& view) {
  nlohmann::ordered_json systems = nlohmann::ordered_json::array();
  for (const assess::AiRisk& risk : view.systems) {
    nlohmann::ordered_json factors = nlohmann::ordered_json::array();
    for (const assess::FactorScore& score : risk.factors) {
      factors.push_back({{"factor", score.factor->id},
                         {"source", score.factor->fact.empty() ? "detail:" + score.factor->detail
                                                               : "fact:" + score.factor->fact},
                         {"value", score.value},
                         {"recorded", score.recorded},
                         {"problem", score.problem},
                         {"points", score.points}});
    }
    const bool overdue = !risk.next_review.empty() && risk.next_review < view.today;
    systems.push_back(
        {{"object", risk.key},
         {"name", risk.name},
         {"score", risk.score},
         {"max_score", view.model.max_score()},
         {"tier", risk.tier == nullptr ? "" : risk.tier->id},
         {"review_months", risk.tier == nullptr ? 0 : risk.tier->review_months},
         {"independent_review", risk.tier != nullptr && risk.tier->independent_review},
         {"last_review", risk.last_review},
         {"next_review", risk.next_review},
         {"review_overdue", overdue || risk.last_review.empty()},
         {"prelaunch_assessment_required", risk.customer_facing},
         {"prelaunch_assessment", risk.prelaunch_assessment},
         {"factors", factors}});
  }
  return {{"format", "etguard.ai_risk"},
          {"version", "1.0"},
          {"model", view.model.source},
          {"today", view.today},
          {"systems", systems}};
}

}  // namespace etguard::app
