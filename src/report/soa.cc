#include "report/soa.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "core/atomic_file.h"
#include "core/text.h"
#include "report/html_report.h"
#include "tabular/csv.h"
#include "tabular/workbook.h"

namespace etguard::report {
namespace {

// "A system for trading over the internet: yes (trading/web-trading)".
std::string fact_in_words(const catalog::Catalog& catalog, const assess::FactValue& fact,
                          const assess::Applicability& object, Lang lang) {
  const catalog::Fact* known = catalog.fact(fact.fact);
  const std::string meaning =
      known != nullptr ? std::string(known->text.in(lang)) : std::string(fact.fact);
  const bool zh = lang == Lang::kZhTw;
  const std::string value = fact.value ? (zh ? "是" : "yes") : (zh ? "否" : "no");
  const std::string source =
      fact.from_profile ? (zh ? "機構概況" : "profile") : std::string(object.source(fact));
  return fmt::format("{}{}{}{} ({})", fact.negated ? (zh ? "除外條件 " : "unless ") : "", meaning,
                     zh ? "：" : ": ", value, source);
}

std::string decision_in_words(const SoaInput& input, const assess::NodeScope& scope) {
  const bool zh = input.lang == Lang::kZhTw;
  if (scope.objects.empty()) {
    return assess::summary_reason(scope, input.lang);
  }
  for (const assess::Applicability& object : scope.objects) {
    if (object.applies != scope.applies()) {
      continue;
    }
    if (object.facts.empty()) {
      return zh ? "無適用條件：適用於所有機構" : "no condition: applies to every firm";
    }
    std::vector<std::string> parts;
    for (const assess::FactValue& fact : object.facts) {
      // For an exclusion, the deciding fact only; for an inclusion, all of them.
      if (object.applies || fact.value == fact.negated) {
        parts.push_back(fact_in_words(*input.catalog, fact, object, input.lang));
        if (!object.applies) {
          break;
        }
      }
    }
    return fmt::format("{}", fmt::join(parts, zh ? "；" : "; "));
  }
  return {};
}

}  // namespace

std::vector<std::string> soa_columns(Lang lang) {
  if (lang == Lang::kZhTw) {
    return {"要求", "義務", "內容", "適用", "適用對象", "不適用對象", "判定依據"};
  }
  return {"Requirement", "Obligation",        "Text",      "Applies",
          "Applies to",  "Does not apply to", "Decided by"};
}

std::vector<std::vector<std::string>> soa_rows(const SoaInput& input) {
  const bool zh = input.lang == Lang::kZhTw;
  std::vector<std::vector<std::string>> rows;
  for (const assess::NodeScope& scope : *input.scope) {
    if (scope.node->obligation == catalog::Obligation::kInformative) {
      continue;
    }
    std::vector<std::string> yes;
    std::vector<std::string> no;
    for (const assess::Applicability& object : scope.objects) {
      (object.applies ? yes : no)
          .push_back(object.object == assess::kOrgObject ? (zh ? "機構" : "firm") : object.object);
    }
    rows.push_back({std::string(scope.node->id),
                    std::string(catalog::describe(scope.node->obligation).in(input.lang)),
                    std::string(scope.node->text.in(input.lang)),
                    scope.applies() ? (zh ? "是" : "yes") : (zh ? "否" : "no"),
                    fmt::format("{}", fmt::join(yes, ", ")), fmt::format("{}", fmt::join(no, ", ")),
                    decision_in_words(input, scope)});
  }
  return rows;
}

std::string soa_html(const SoaInput& input) {
  const bool zh = input.lang == Lang::kZhTw;
  const auto rows = soa_rows(input);
  const auto applies =
      std::ranges::count_if(rows, [&](const auto& row) { return row[3] == (zh ? "是" : "yes"); });
  const auto total = rows.size();
  const auto count = static_cast<std::size_t>(applies);
  const std::string summary = zh ? fmt::format("基準日 {}：{} 項要求中適用 {} 項、不適用 {} 項",
                                               input.today, total, count, total - count)
                                 : fmt::format("As of {}: {} of {} requirements apply, {} do not",
                                               input.today, count, total, total - count);
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>"
      "body{{font-family:system-ui,'Noto Sans TC',sans-serif;margin:2em;color:#222}}"
      "table{{border-collapse:collapse;width:100%;font-size:13px}}"
      "th,td{{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}}"
      "th{{background:#dde5f0}}tr.no td{{color:#777}}td.id{{white-space:nowrap;font-weight:600}}"
      "@media print{{tr{{page-break-inside:avoid}}}}</style></head><body>\n",
      zh ? "zh-Hant-TW" : "en", zh ? "適用性聲明" : "Statement of applicability");
  html += fmt::format(
      "<h1>{}</h1>\n<p>{}<br>{}<br>{}</p>\n", zh ? "適用性聲明" : "Statement of applicability",
      escape_html(input.registers->profile.name),
      escape_html(fmt::format("{} {} ({})", input.catalog->data().title.in(input.lang),
                              input.catalog->data().version,
                              input.catalog->data().revision.in(input.lang))),
      escape_html(summary));
  html += "<table>\n<tr>";
  for (const std::string& column : soa_columns(input.lang)) {
    html += "<th>" + escape_html(column) + "</th>";
  }
  html += "</tr>\n";
  for (const auto& row : rows) {
    html += row[3] == (zh ? "是" : "yes") ? "<tr>" : "<tr class=\"no\">";
    for (std::size_t i = 0; i < row.size(); ++i) {
      html += i == 0 ? "<td class=\"id\">" : "<td>";
      html += escape_html(row[i]) + "</td>";
    }
    html += "</tr>\n";
  }
  html += "</table>\n</body></html>\n";
  return html;
}

std::string soa_csv(const SoaInput& input) {
  return tabular::csv_document(soa_columns(input.lang), soa_rows(input));
}

Status write_soa_xlsx(const SoaInput& input, const std::filesystem::path& path) {
  return produce_file_atomically(path, [&](const std::filesystem::path& temporary) -> Status {
    tabular::Workbook book(temporary);
    if (!book.ok()) {
      return fail(ErrorKind::kIo, fmt::format("cannot create the workbook '{}'", path.string()),
                  fmt::format("無法建立活頁簿 '{}'", path.string()));
    }
    constexpr std::array<double, 7> kWidths = {10, 10, 60, 8, 30, 30, 60};
    book.add_table(input.lang == Lang::kZhTw ? "適用性聲明" : "Applicability",
                   soa_columns(input.lang), soa_rows(input), kWidths);
    return book.close(temporary);
  });
}

}  // namespace etguard::report
