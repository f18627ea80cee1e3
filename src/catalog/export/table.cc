#include "catalog/export/table.h"

#include <fmt/format.h>

namespace etguard::catalog {
namespace {

std::string join(std::span<const std::string_view> items, std::string_view separator) {
  return fmt::format("{}", fmt::join(items, separator));
}

}  // namespace

std::vector<std::string> catalog_columns(Lang lang) {
  if (lang == Lang::kZhTw) {
    return {"章",           "條",           "條文標題", "編號",         "上層",
            "層級",         "義務",         "兼含",     "適用條件",     "除外條件",
            "頻率",         "觸發事件",     "留存年限", "條文（中文）", "條文（英文）",
            "佐證（中文）", "佐證（英文）", "相關條文", "外部規範",     "解釋說明"};
  }
  return {"Chapter",
          "Article",
          "Article title",
          "ID",
          "Parent",
          "Level",
          "Obligation",
          "Also",
          "Conditions",
          "Unless",
          "Recurrence",
          "Trigger",
          "Retention (years)",
          "Text (zh-TW)",
          "Text (en)",
          "Evidence (zh-TW)",
          "Evidence (en)",
          "See",
          "Instruments",
          "Note"};
}

std::vector<CatalogRow> catalog_rows(const Catalog& catalog, Lang lang) {
  std::vector<CatalogRow> rows;
  for (const Article& article : catalog.articles()) {
    for (const Node& node : article.nodes) {
      std::vector<std::string_view> also;
      for (Obligation weaker : node.also) {
        also.push_back(describe(weaker).in(lang));
      }
      std::vector<std::string_view> recurrence;
      for (Recurrence each : node.recurrence) {
        recurrence.push_back(describe(each).in(lang));
      }
      std::vector<std::string_view> evidence_zh;
      std::vector<std::string_view> evidence_en;
      for (const Text& item : node.evidence) {
        evidence_zh.push_back(item.zh);
        evidence_en.push_back(item.en);
      }
      rows.push_back(CatalogRow{
          article.chapter,
          {std::to_string(article.chapter),
           std::to_string(article.number),
           std::string(article.title.in(lang)),
           std::string(node.id),
           std::string(node.parent),
           std::string(describe(node.level).in(lang)),
           std::string(describe(node.obligation).in(lang)),
           join(also, "; "),
           join(node.conditions, ", "),
           join(node.unless, ", "),
           join(recurrence, "; "),
           std::string(node.trigger.in(lang)),
           node.retention_years == 0 ? std::string() : std::to_string(node.retention_years),
           std::string(node.text.zh),
           std::string(node.text.en),
           join(evidence_zh, "\n"),
           join(evidence_en, "\n"),
           join(node.see, ", "),
           join(node.instruments, ", "),
           std::string(node.note.in(lang))}});
    }
  }
  return rows;
}

}  // namespace etguard::catalog
