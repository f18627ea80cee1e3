#include "modelcard/card.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/atomic_file.h"
#include "core/yaml_file.h"

namespace etguard::modelcard {
namespace {

// The card's fields, and its maps and lists.
class Reader : public YamlFields {
 public:
  using YamlFields::YamlFields;

  // A map at `key` (absent: an empty node); anything else is a problem.
  YamlNode map(const YamlNode& parent, const char* key) {
    YamlNode node = parent[key];
    if (node && !node.is_null() && !node.is_map()) {
      problems().add(node.mark(), "bad-type", fmt::format("'{}' must be a map", key),
                     fmt::format("'{}' 應為對應表", key));
      return {};
    }
    return node;
  }

  // The maps of a list at `key`.
  std::vector<YamlNode> list(const YamlNode& parent, const char* key) {
    std::vector<YamlNode> items;
    const YamlNode node = parent[key];
    if (!node || node.is_null()) {
      return items;
    }
    if (!node.is_sequence()) {
      problems().add(node.mark(), "bad-type", fmt::format("'{}' must be a list", key),
                     fmt::format("'{}' 應為清單", key));
      return items;
    }
    for (const YamlNode& item : node.items()) {
      if (!item.is_map()) {
        problems().add(item.mark(), "bad-type", fmt::format("an item of '{}' must be a map", key),
                       fmt::format("'{}' 之項目應為對應表", key));
      } else {
        items.push_back(item);
      }
    }
    return items;
  }
};

void gap(std::vector<Gap>& gaps, std::string field, std::string en, std::string zh) {
  gaps.push_back({std::move(field), std::move(en), std::move(zh)});
}

std::vector<Gap> gaps_of(const Card& card) {
  std::vector<Gap> gaps;
  const auto need = [&](const std::string& value, const char* field, const char* en,
                        const char* zh) {
    if (value.empty()) {
      gap(gaps, field, fmt::format("no {}", en), fmt::format("缺少{}", zh));
    }
  };
  need(card.model_name, "model.name", "model name", "模型名稱");
  need(card.model_version, "model.version", "model version", "模型版本");
  need(card.intended_use, "intended_use", "intended use", "預期用途");
  need(card.out_of_scope, "out_of_scope", "uses out of scope", "不適用之用途");
  need(card.training_date, "training.date", "training date", "訓練日期");
  need(card.algorithm, "training.algorithm", "algorithm", "演算法說明");
  need(card.evaluation_date, "evaluation.date", "evaluation date", "驗證日期");
  need(card.evaluation_metrics, "evaluation.metrics", "evaluation metrics", "驗證指標");
  need(card.limitations, "limitations", "known limitations", "已知限制");
  need(card.reviewed, "reviewed", "date the card was last confirmed (reviewed)",
       "文件最近確認日期（reviewed）");
  if (card.developed_by == "outsourced" && card.vendor.empty()) {
    gap(gaps, "model.vendor", "outsourced, and no vendor named", "委外開發但未記載廠商");
  }
  if (card.data.empty()) {
    gap(gaps, "data", "no data sheet (the data the model was built on)",
        "缺少資料說明（模型所用之資料）");
  }
  for (const DataSet& set : card.data) {
    if (set.source.empty() || set.period.empty()) {
      gap(gaps, "data", fmt::format("data set '{}': no source or period", set.name),
          fmt::format("資料集 '{}'：缺少來源或期間", set.name));
    }
  }
  if (card.changes.empty()) {
    gap(gaps, "changes", "no change record of data, model or algorithm",
        "缺少資料、模型或演算法之變更紀錄");
  }
  for (const Change& change : card.changes) {
    if (change.approved_by.empty()) {
      gap(gaps, "changes",
          fmt::format("change of {} ({}): not approved by anyone", change.date, change.version),
          fmt::format("{} 之變更（{}）：無核准者", change.date, change.version));
    }
  }
  if (!card.changes.empty() && !card.model_version.empty() &&
      card.changes.back().version != card.model_version) {
    gap(gaps, "changes",
        fmt::format("the latest change is version {}, the model is {}", card.changes.back().version,
                    card.model_version),
        fmt::format("最近一次變更為版本 {}，模型為 {}", card.changes.back().version,
                    card.model_version));
  }
  if (card.documents.empty()) {
    gap(gaps, "documents", "no lifecycle technical document listed", "未列出生命週期技術文件");
  }
  return gaps;
}

}  // namespace

Result<Reading> parse_card(const std::string& source, const std::string& text) {
  auto document = load_yaml_text(source, text);
  if (!document) {
    return std::unexpected(document.error());
  }
  Reader reader(source);
  const YamlNode root = *document;
  if (!root.is_map()) {
    return std::unexpected(yaml_error(source, root.mark(), "expected a model card (a map)",
                                      "應為模型說明卡（對應表）"));
  }
  reader.keys(
      root, {"format", "format_version", "system", "model", "intended_use", "out_of_scope", "data",
             "training", "evaluation", "limitations", "changes", "documents", "reviewed"});
  Reading reading;
  Card& card = reading.card;
  card.source = source;
  if (reader.text(root, "format") != "etguard.model_card" ||
      reader.text(root, "format_version") != "1.0") {
    reader.problems().add(root.mark(), "bad-value",
                          "format must be etguard.model_card and format_version \"1.0\"",
                          "format 應為 etguard.model_card，format_version 應為 \"1.0\"");
  }
  card.system = reader.text(root, "system");
  if (card.system.empty()) {
    reader.problems().add(root.mark(), "missing-key", "'system' (the AI register's id) is missing",
                          "缺少 system（AI 清冊編號）");
  }
  if (const YamlNode model = reader.map(root, "model")) {
    reader.keys(model, {"name", "version", "type", "developed_by", "vendor"});
    card.model_name = reader.text(model, "name");
    card.model_version = reader.text(model, "version");
    card.model_type = reader.text(model, "type");
    card.developed_by = reader.text(model, "developed_by");
    card.vendor = reader.text(model, "vendor");
    if (!card.developed_by.empty() && card.developed_by != "in_house" &&
        card.developed_by != "outsourced") {
      reader.problems().add(model["developed_by"].mark(), "bad-value",
                            "developed_by is in_house or outsourced",
                            "developed_by 應為 in_house 或 outsourced");
    }
  }
  card.intended_use = reader.text(root, "intended_use");
  card.out_of_scope = reader.text(root, "out_of_scope");
  for (const YamlNode& item : reader.list(root, "data")) {
    reader.keys(item, {"name", "source", "period", "personal_data", "preprocessing"});
    card.data.push_back({reader.text(item, "name"), reader.text(item, "source"),
                         reader.text(item, "period"), reader.flag(item, "personal_data"),
                         reader.text(item, "preprocessing")});
  }
  if (const YamlNode training = reader.map(root, "training")) {
    reader.keys(training, {"date", "algorithm"});
    card.training_date = reader.date(training, "date");
    card.algorithm = reader.text(training, "algorithm");
  }
  if (const YamlNode evaluation = reader.map(root, "evaluation")) {
    reader.keys(evaluation, {"date", "metrics", "fairness"});
    card.evaluation_date = reader.date(evaluation, "date");
    if (const YamlNode metrics = evaluation["metrics"]; metrics && metrics.is_map()) {
      for (std::size_t i = 0; i < metrics.size(); ++i) {
        card.evaluation_metrics +=
            fmt::format("{}{}: {}", card.evaluation_metrics.empty() ? "" : ", ",
                        metrics.key(i).scalar(), metrics.value(i).scalar());
      }
    } else {
      card.evaluation_metrics = reader.text(evaluation, "metrics");
    }
    card.fairness_evaluation = reader.text(evaluation, "fairness");
  }
  card.limitations = reader.text(root, "limitations");
  for (const YamlNode& item : reader.list(root, "changes")) {
    reader.keys(item, {"date", "version", "what", "approved_by"});
    Change change{reader.date(item, "date"), reader.text(item, "version"),
                  reader.text(item, "what"), reader.text(item, "approved_by")};
    if (change.date.empty() || change.what.empty()) {
      reader.problems().add(item.mark(), "missing-key", "a change needs 'date' and 'what'",
                            "變更紀錄須有 date 與 what");
    } else if (!card.changes.empty() && change.date < card.changes.back().date) {
      reader.problems().add(
          item.mark(), "bad-value",
          fmt::format("changes go oldest first: {} is before {}", change.date,
                      card.changes.back().date),
          fmt::format("變更紀錄應由舊至新：{} 早於 {}", change.date, card.changes.back().date));
    }
    card.changes.push_back(std::move(change));
  }
  for (const YamlNode& item : reader.list(root, "documents")) {
    reader.keys(item, {"name", "location"});
    card.documents.push_back({reader.text(item, "name"), reader.text(item, "location")});
  }
  card.reviewed = reader.date(root, "reviewed");
  if (!reader.problems().empty()) {
    return std::unexpected(reader.problems().error());
  }
  reading.gaps = gaps_of(card);
  return reading;
}

Result<Reading> read_card(const std::string& path) {
  auto text = read_file(path);
  if (!text) {
    return fail(ErrorKind::kInput, fmt::format("{}: cannot read the model card", path),
                fmt::format("{}：無法讀取模型說明卡", path));
  }
  return parse_card(path, *text);
}

}  // namespace etguard::modelcard
