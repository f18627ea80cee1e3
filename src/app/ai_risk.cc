#include "app/ai_risk.h"

#include <fmt/format.h>

#include "checks/ai/run.h"
#include "core/atomic_file.h"

namespace etguard::app {

namespace {

constexpr std::string_view kModelSetting = "ai.risk_model";

// A file's text; one that cannot be read is an input error naming it.
Result<std::string> read_text(const std::string& path, std::string_view what_en,
                              std::string_view what_zh) {
  auto text = read_file(path);
  if (!text) {
    return fail(ErrorKind::kInput, fmt::format("{}: cannot read the {}", path, what_en),
                fmt::format("{}：無法讀取{}", path, what_zh));
  }
  return text;
}

}  // namespace

Result<AiRiskModelText> ai_risk_model(Session& session) {
  auto settings = session.workspace().settings();
  if (!settings) {
    return std::unexpected(settings.error());
  }
  const auto found = settings->find(std::string(kModelSetting));
  if (found == settings->end()) {
    return AiRiskModelText{std::string(assess::default_risk_model_yaml()), ""};
  }
  auto text = read_text(session.workspace().stored_file(found->second).string(),
                        "stored risk model", "所存之風險模型");
  if (!text) {
    return std::unexpected(text.error());
  }
  return AiRiskModelText{std::move(*text), found->second};
}

Result<std::string> set_ai_risk_model(Session& session, const std::string& path) {
  auto text = read_text(path, "risk model", "風險模型");
  if (!text) {
    return std::unexpected(text.error());
  }
  if (auto model = assess::parse_risk_model(path, *text); !model) {
    return std::unexpected(model.error());
  }
  auto sha256 = session.workspace().keep_document(*text);
  if (!sha256) {
    return std::unexpected(sha256.error());
  }
  if (Status set =
          session.workspace().set_setting(std::string(kModelSetting), *sha256, session.actor());
      !set) {
    return std::unexpected(set.error());
  }
  return sha256;
}

Result<std::unique_ptr<AiRiskView>> assess_ai_systems(Session& session,
                                                      const AiRiskRequest& request) {
  std::string text;
  std::string source;
  std::string sha256;
  if (!request.model_file.empty()) {
    auto read = read_text(request.model_file, "risk model", "風險模型");
    if (!read) {
      return std::unexpected(read.error());
    }
    text = std::move(*read);
    source = request.model_file;
  } else {
    auto stored = ai_risk_model(session);
    if (!stored) {
      return std::unexpected(stored.error());
    }
    text = std::move(stored->text);
    sha256 = stored->sha256;
    source = sha256.empty() ? "<built-in risk model>"
                            : fmt::format("<workspace risk model {}>", sha256.substr(0, 12));
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
  view->model_sha256 = sha256;
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

std::string_view default_ai_risk_model() {
  return assess::default_risk_model_yaml();
}

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
    imports.push_back(
        {.findings = ai_checks::run_ai_checks(evidence, risk.key, now, now), .object = risk.key});
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
  return {{"format", "etguard.ai_risk"},       {"version", "1.0"},    {"model", view.model.source},
          {"model_sha256", view.model_sha256}, {"today", view.today}, {"systems", systems}};
}

}  // namespace etguard::app
