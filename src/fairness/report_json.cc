#include "fairness/report_json.h"

namespace etguard::fairness {
namespace {

using Json = nlohmann::ordered_json;

// Undefined values (a rate without a denominator) are null.
Json number(double value) {
  return std::isnan(value) ? Json(nullptr) : Json(value);
}

Json interval_json(const Interval& interval) {
  if (std::isnan(interval.low)) {
    return nullptr;
  }
  return Json::array({interval.low, interval.high});
}

Json group_json(const GroupStats& group, bool calibrate) {
  Json out = {{"values", group.values},
              {"n", group.n},
              {"too_small", group.too_small},
              {"counts", {{"tp", group.tp}, {"fp", group.fp}, {"tn", group.tn}, {"fn", group.fn}}},
              {"selection_rate", number(group.selection_rate)},
              {"selection_rate_ci", interval_json(group.selection_rate_ci)},
              {"base_rate", number(group.base_rate)},
              {"true_positive_rate", number(group.true_positive_rate)},
              {"true_positive_rate_ci", interval_json(group.true_positive_rate_ci)},
              {"false_positive_rate", number(group.false_positive_rate)},
              {"false_positive_rate_ci", interval_json(group.false_positive_rate_ci)},
              {"true_negative_rate", number(group.true_negative_rate)},
              {"false_negative_rate", number(group.false_negative_rate)}};
  if (calibrate) {
    out["calibration_error"] = number(group.calibration_error);
    Json bins = Json::array();
    for (const CalibrationBin& bin : group.calibration) {
      bins.push_back({{"bin", bin.bin},
                      {"count", bin.count},
                      {"mean_score", bin.mean_score},
                      {"positive_rate", bin.positive_rate}});
    }
    out["calibration"] = std::move(bins);
  }
  return out;
}

Json disparity_json(const Disparity& disparity) {
  Json limit = nullptr;
  if (disparity.limit) {
    limit = {{disparity.limit->key(), disparity.limit->bound}};
  }
  return {{"metric", disparity.metric},
          {"value", number(disparity.value)},
          {"ci", interval_json(disparity.ci)},
          {"highest", disparity.highest.empty() ? Json(nullptr) : Json(disparity.highest)},
          {"lowest", disparity.lowest.empty() ? Json(nullptr) : Json(disparity.lowest)},
          {"limit", limit},
          {"verdict", to_string(disparity.judgement)},
          {"uncertain", disparity.uncertain}};
}

}  // namespace

Json measurement_json(const Measurement& m) {
  const bool calibrate = !m.columns.score.empty();
  Json limits = Json::object();
  for (const Limit& limit : m.policy.limits) {
    limits[limit.metric] = {{limit.key(), limit.bound}};
  }
  Json groupings = Json::array();
  for (const Grouping& grouping : m.groupings) {
    Json groups = Json::array();
    for (const GroupStats& group : grouping.groups) {
      groups.push_back(group_json(group, calibrate));
    }
    Json disparities = Json::array();
    for (const Disparity& disparity : grouping.disparities) {
      disparities.push_back(disparity_json(disparity));
    }
    groupings.push_back({{"columns", grouping.columns},
                         {"judged_groups", grouping.judged_groups},
                         {"groups", std::move(groups)},
                         {"disparities", std::move(disparities)}});
  }
  return {{"format", kFairnessFormat},
          {"version", kFairnessFormatVersion},
          {"source", m.source},
          {"rows", m.rows},
          {"bytes", m.bytes},
          {"columns",
           {{"groups", m.columns.groups},
            {"label", m.columns.label},
            {"prediction", m.columns.prediction},
            {"score", m.columns.score.empty() ? Json(nullptr) : Json(m.columns.score)}}},
          {"policy",
           {{"source", m.policy.source},
            {"min_group_size", m.policy.min_group_size},
            {"bootstrap", m.policy.bootstrap},
            {"confidence", m.policy.confidence},
            {"seed", m.policy.seed},
            {"calibration_bins", calibrate ? Json(m.bins) : Json(nullptr)},
            {"limits", std::move(limits)}}},
          {"verdict", to_string(m.judgement)},
          {"groupings", std::move(groupings)},
          {"notes", m.notes}};
}

}  // namespace etguard::fairness
