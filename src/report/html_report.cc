#include "report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "core/text.h"

namespace etguard::report {
namespace {

using assess::ResultStatus;

constexpr std::array kStatusOrder = {
    ResultStatus::kCompliant,    ResultStatus::kPartiallyCompliant, ResultStatus::kNonCompliant,
    ResultStatus::kCompensating, ResultStatus::kNotApplicable,      ResultStatus::kNotAssessed};
constexpr std::array<std::string_view, 6> kStatusColours = {"#2e7d32", "#f9a825", "#c62828",
                                                            "#1565c0", "#9e9e9e", "#e0e0e0"};

constexpr std::string_view kReportStyle = R"css(
body{font-family:"Noto Sans TC","Microsoft JhengHei",system-ui,sans-serif;margin:2rem;color:#212121;max-width:1100px}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #1565c0;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#616161}.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{border:1px solid #ccc;border-radius:6px;padding:.5rem .9rem;min-width:8rem}
.card b{display:block;font-size:1.5rem}.bad b{color:#c62828}.good b{color:#2e7d32}.total{background:#eef3fa}
.signoff{border:2px solid #2e7d32;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}.unsigned{border-color:#f9a825}
tr.fail td{color:#c62828;font-weight:600}p{overflow-wrap:anywhere}small{color:#616161}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef3fa}thead{display:table-header-group}code{word-break:break-all;font-size:.8rem}
.d{white-space:nowrap}.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
@page{size:A4;margin:14mm 12mm 16mm;@bottom-right{content:counter(page) " / " counter(pages);font-size:9pt;color:#616161}@bottom-left{content:var(--foot);font-size:9pt;color:#616161}}
@media print{body{margin:0;max-width:none}.board svg{max-height:62mm}.card{padding:.2rem .6rem;min-width:6rem}.card b{font-size:1.1rem}.signoff p{margin:.3rem 0}table{font-size:7.5pt}th,td{padding:.15rem .25rem}.board{page-break-after:always}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
)css";

std::string tr(Lang lang, std::string_view zh, std::string_view en) {
  return std::string(lang == Lang::kZhTw ? zh : en);
}

}  // namespace

namespace {

// A requirement as people read it: its ID, then the article's title and the
// start of its text.
std::string requirement_label(const catalog::Catalog& catalog, const catalog::Node& node,
                              Lang lang) {
  const catalog::Article* article = catalog.article(node.article);
  std::string label = std::string(node.heading.in(lang));
  if (label.empty()) {
    label = truncate_to_width(node.text.in(lang), 48);
  }
  return fmt::format("{} {}{}", node.id,
                     article != nullptr ? std::string(article->title.in(lang)) + " · " : "", label);
}

class Html {
 public:
  explicit Html(const ReportInput& in) : in_(in), lang_(in.lang) {
    for (const auto& entry : in.registers->entries) {
      entry_name_[entry.key()] = &entry.name;
    }
    for (const auto& result : *in.results) {
      result_of_[{result.node_id, result.object}] = &result;
    }
  }

  std::string t(std::string_view zh, std::string_view en) const { return tr(lang_, zh, en); }
  std::string e(std::string_view text) const { return escape_html(text); }

  // "Trading DR site (cloud/trading-dr)"; the firm for "org".
  std::string object_label(const std::string& object) const {
    if (object == "org") {
      return t("全公司", "the firm");
    }
    const auto found = entry_name_.find(object);
    return found == entry_name_.end() ? object : fmt::format("{} ({})", *found->second, object);
  }

  const assess::Result* result(const assess::StatusLine& line) const {
    const auto found = result_of_.find({std::string(line.node->id), line.object});
    return found == result_of_.end() ? nullptr : found->second;
  }

  std::string requirement(const catalog::Node& node) const {
    return requirement_label(*in_.catalog, node, lang_);
  }

  // <table><thead>…</thead><tbody>: headers repeat on every printed page.
  std::string table_head(std::initializer_list<std::string> columns) const {
    std::string out = "<table><thead><tr>";
    for (const std::string& column : columns) {
      out += "<th>" + e(column) + "</th>";
    }
    return out + "</tr></thead><tbody>";
  }

  static std::string row(std::initializer_list<std::string> cells, std::string_view cls = {}) {
    std::string out = cls.empty() ? "<tr>" : fmt::format("<tr class=\"{}\">", cls);
    for (const std::string& cell : cells) {
      out += "<td>" + cell + "</td>";
    }
    return out + "</tr>";
  }

 private:
  const ReportInput& in_;
  Lang lang_;
  std::map<std::string, const std::string*> entry_name_;
  std::map<std::pair<std::string, std::string>, const assess::Result*> result_of_;
};

}  // namespace

std::string html_report(const ReportInput& in) {
  const Lang lang = in.lang;
  const Html html(in);
  const auto t = [&](std::string_view zh, std::string_view en) { return html.t(zh, en); };
  const auto e = [&](std::string_view text) { return escape_html(text); };
  // Dates never break across lines.
  const auto date = [&](std::string_view text) {
    return text.empty() ? std::string() : "<span class=\"d\">" + escape_html(text) + "</span>";
  };
  const auto& lines = *in.lines;
  std::map<int, std::array<int, 6>> by_chapter;
  std::array<int, 6> totals{};
  int overdue = 0;
  for (const auto& line : lines) {
    const int chapter = in.catalog->article(line.node->article)->chapter;
    const auto index = static_cast<std::size_t>(std::ranges::find(kStatusOrder, line.status) -
                                                kStatusOrder.begin());
    ++by_chapter[chapter][index];
    ++totals[index];
    overdue += line.state == assess::Due::kOverdue ? 1 : 0;
  }
  const int assessed = static_cast<int>(lines.size()) - totals[5];
  const std::string title =
      t("新興科技資通安全管控指引 評估報告",
        "Emerging Technology Cybersecurity Control Guideline — assessment report");
  const std::string cycle = in.cycle.empty()
                                ? std::string()
                                : fmt::format(fmt::runtime(t("評估週期 {}", "cycle {}")), in.cycle);
  std::string h;
  h += fmt::format("<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">",
                   lang_tag(lang));
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
       "'unsafe-inline'\">";
  // The printed footer names the firm and cycle on every page.
  std::string foot = in.registers->profile.name + (cycle.empty() ? "" : " · " + cycle);
  std::string foot_css;
  for (const char c : foot) {
    foot_css += c == '"' || c == '\\' ? std::string("\\") + c
                : c == '<'            ? std::string("\\3c ")
                                      : std::string(1, c);
  }
  h += fmt::format("<title>{}</title><style>{}:root{{--foot:\"{}\"}}</style></head><body>",
                   e(title), kReportStyle, foot_css);
  // Board summary.
  h += "<section class=\"board\">";
  h += fmt::format("<h1>{}</h1>", e(in.registers->profile.name));
  std::string when;
  if (!in.closed_on.empty()) {
    when = fmt::format(fmt::runtime(t("已結束（{} 封存）", "closed (archived {})")), in.closed_on);
  } else {
    when = fmt::format(fmt::runtime(t("基準日 {}", "as of {}")), in.today);
  }
  h += fmt::format("<p class=\"meta\">{} · {}{} · {} {}</p>", e(title),
                   cycle.empty() ? "" : e(cycle) + " · ", e(when),
                   e(t("指引版本", "guideline version")), e(in.catalog->data().version));
  // Sign-off.
  if (in.sign_offs != nullptr && !in.sign_offs->empty()) {
    h += "<div class=\"signoff\">";
    for (const assess::SignOff& sign_off : *in.sign_offs) {
      h += fmt::format(
          "<p>✔ {} <b>{}</b> {} {}{}<br><small>{} {} · SHA-256 <code>{}</code></small></p>",
          e(t("簽核：", "Signed off by")), e(sign_off.signed_by), e(t("於", "on")),
          e(sign_off.signed_at.substr(0, 10)),
          sign_off.statement.empty() ? "" : " — " + e(sign_off.statement), e(t("報告", "report")),
          e(sign_off.report), e(sign_off.sha256));
    }
    h += "</div>";
  } else if (in.sign_offs != nullptr && !in.cycle.empty()) {
    h += fmt::format("<div class=\"signoff unsigned\"><p>{}</p></div>",
                     e(t("本週期尚未簽核（etguard cycle sign-off）。",
                         "This cycle has not been signed off yet (etguard cycle sign-off).")));
  }
  h += fmt::format("<h2>{}</h2><div class=\"cards\">", e(t("董事會摘要", "Board summary")));
  auto card = [&](std::string_view cls, std::string_view label, int value) {
    h += fmt::format("<div class=\"card {}\"><b>{}</b>{}</div>", cls, value, e(label));
  };
  card("total", t("適用要求（要求×對象）", "applicable requirement–object pairs"),
       static_cast<int>(lines.size()));
  for (std::size_t i = 0; i < kStatusOrder.size(); ++i) {
    const std::string_view cls = i == 0 ? "good" : i == 2 ? "bad" : "";
    card(cls, assess::describe(kStatusOrder[i]).in(lang), totals[i]);
  }
  h += "</div>";
  h += fmt::format(
      "<p>{}</p>",
      e(fmt::format(
          fmt::runtime(t("上列六項合計 {} 項；已評估 {} 項，占 {}%；其中逾期 {} 項。",
                         "The six statuses add up to {}; {} assessed ({}%); {} overdue.")),
          lines.size(), assessed,
          lines.empty() ? 0 : assessed * 100 / static_cast<int>(lines.size()), overdue)));
  h += fmt::format(
      "<p><small>{}</small></p>",
      e(fmt::format(fmt::runtime(t("稽核帳本{}：{} 筆紀錄，{} 個簽章檢查點，{} {}:{}。",
                                   "Ledger {}: {} entries, {} signed checkpoints, {} {}:{}.")),
                    in.ledger.ok() ? t("驗證通過", " verifies") : t("驗證失敗", " DOES NOT VERIFY"),
                    in.ledger.entries, in.ledger.checkpoints,
                    in.closed_on.empty() ? t("最新紀錄", "head")
                                         : t("週期結束時之紀錄", "head as the cycle closed"),
                    in.ledger.head_seq, in.ledger.head_hash)));
  if (!in.ledger.ok()) {
    h += fmt::format("<p class=\"bad\"><b>{}</b></p>", e(in.ledger.problem));
  }
  // Chart: one stacked bar per chapter, with the chapter's title.
  constexpr int kBarWidth = 520;
  constexpr int kLabel = 300;
  constexpr int kRow = 26;
  const int height = static_cast<int>(by_chapter.size()) * kRow + 10;
  h += fmt::format("<svg role=\"img\" aria-label=\"{}\" width=\"100%\" viewBox=\"0 0 {} {}\">",
                   e(t("各章狀態", "Status by chapter")), kBarWidth + kLabel + 10, height);
  int chart_row = 0;
  for (const auto& [chapter, counts] : by_chapter) {
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    const int y = 5 + chart_row * kRow;
    const catalog::Chapter* found = in.catalog->chapter(chapter);
    h +=
        fmt::format("<text x=\"0\" y=\"{}\" font-size=\"12\">{} {} ({})</text>", y + 15,
                    e(catalog::chapter_label(chapter, lang)),
                    e(truncate_to_width(found != nullptr ? found->title.in(lang) : "", 30)), total);
    double x = kLabel;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] == 0) {
        continue;
      }
      const double width = static_cast<double>(kBarWidth) * counts[i] / std::max(total, 1);
      h += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"><title>{}: "
          "{}</title></rect>",
          x, y + 2, width, kStatusColours[i], e(assess::describe(kStatusOrder[i]).in(lang)),
          counts[i]);
      x += width;
    }
    ++chart_row;
  }
  h += "</svg><p class=\"legend\">";
  for (std::size_t i = 0; i < kStatusOrder.size(); ++i) {
    h += fmt::format("<span style=\"background:{}\"></span>{}", kStatusColours[i],
                     e(assess::describe(kStatusOrder[i]).in(lang)));
  }
  h += "</p></section>";
  // What needs the board's attention first: open problems and their plans.
  std::string open_rows;
  for (const auto& line : lines) {
    if (!assess::is_open_problem(line.status)) {
      continue;
    }
    const assess::Result* result = html.result(line);
    const assess::RemediationPlan plan =
        result != nullptr ? result->plan : assess::RemediationPlan{};
    open_rows += Html::row(
        {e(html.requirement(*line.node)), e(html.object_label(line.object)),
         e(assess::describe(line.status).in(lang)), e(line.owner),
         plan.empty() ? e(t("（尚無改善計畫）", "(no remediation plan)")) : e(plan.action),
         e(plan.empty() ? std::string() : plan.owner), date(plan.empty() ? line.due : plan.due_on),
         plan.empty() ? "" : e(assess::describe(plan.status).in(lang))},
        line.state == assess::Due::kOverdue ? "fail" : "");
  }
  h += fmt::format("<h2>{}</h2>",
                   e(t("不符合事項與改善計畫", "Non-compliances and remediation plans")));
  if (open_rows.empty()) {
    h += fmt::format("<p>{}</p>", e(t("無不符合事項。", "No open non-compliance.")));
  } else {
    h += html.table_head({t("要求", "Requirement"), t("對象", "Object"), t("狀態", "Status"),
                          t("負責人", "Owner"), t("改善計畫", "Remediation plan"),
                          t("計畫負責人", "Plan owner"), t("期限", "Due"),
                          t("計畫狀態", "Plan status")}) +
         open_rows + "</tbody></table>";
  }
  // Overdue.
  h += fmt::format("<h2>{}</h2>", e(t("逾期項目", "Overdue")));
  if (overdue == 0) {
    h += fmt::format("<p>{}</p>", e(t("無逾期項目。", "Nothing is overdue.")));
  } else {
    h += html.table_head({t("要求", "Requirement"), t("對象", "Object"), t("狀態", "Status"),
                          t("負責人", "Owner"), t("到期日", "Due")});
    for (const auto& line : lines) {
      if (line.state == assess::Due::kOverdue) {
        h += Html::row({e(html.requirement(*line.node)), e(html.object_label(line.object)),
                        e(assess::describe(line.status).in(lang)), e(line.owner), date(line.due)});
      }
    }
    h += "</tbody></table>";
  }
  // Every assessed result, with its notes.
  h += fmt::format("<h2>{}</h2>", e(t("各對象評估結果", "Results by requirement and object")));
  h += html.table_head({t("要求", "Requirement"), t("義務", "Obligation"), t("對象", "Object"),
                        t("狀態", "Status"), t("負責人", "Owner"), t("到期日", "Due"),
                        t("說明", "Notes")});
  for (const auto& line : lines) {
    if (line.status == ResultStatus::kNotAssessed) {
      continue;
    }
    std::string notes;
    if (const assess::Result* result = html.result(line); result != nullptr) {
      notes = result->note;
      if (!result->justification.empty()) {
        notes += (notes.empty() ? "" : " — ") + result->justification;
      }
    }
    h += Html::row({e(html.requirement(*line.node)),
                    e(catalog::describe(line.node->obligation).in(lang)),
                    e(html.object_label(line.object)), e(assess::describe(line.status).in(lang)),
                    e(line.owner), date(line.due), e(notes)});
  }
  h += "</tbody></table>";
  // Findings from checks (scan evidence): what the checkers proved or refuted.
  std::string findings;
  if (in.evidence != nullptr) {
    for (const auto& item : *in.evidence) {
      if (item.kind != "scan" || item.withdrawn()) {
        continue;  // a withdrawn finding is listed, marked, with the evidence
      }
      findings +=
          Html::row({date(item.effective_from), e(item.check_id), e(item.node_id), e(item.object),
                     e(item.name), e(describe(item.verdict.value_or(Verdict::kError)).in(lang))},
                    item.verdict == Verdict::kFail ? "fail" : "");
    }
  }
  if (!findings.empty()) {
    h += fmt::format("<h2>{}</h2>", e(t("檢測發現", "Findings from checks")));
    h += html.table_head({t("日期", "Date"), t("檢測", "Check"), t("要求", "Requirement"),
                          t("對象", "Object"), t("目標", "Target"), t("判定", "Verdict")}) +
         findings + "</tbody></table>";
  }
  // Evidence, with the hash that identifies each file in the store.
  h += fmt::format("<h2>{}</h2>", e(t("佐證清單", "Evidence")));
  h += html.table_head({"#", t("要求", "Requirement"), t("對象", "Object"), t("名稱", "Name"),
                        t("涵蓋期間", "Covers"), "SHA-256"});
  if (in.evidence != nullptr) {
    for (const auto& item : *in.evidence) {
      std::string name = e(item.name);
      if (item.withdrawn()) {
        name = fmt::format(
            "<s>{}</s> <small>{}</small>", name,
            e(item.superseded_by != 0
                  ? fmt::format(fmt::runtime(t("由 #{} 取代：{}", "superseded by #{}: {}")),
                                item.superseded_by, item.withdrawn_reason)
                  : fmt::format(fmt::runtime(t("已撤回：{}", "withdrawn: {}")),
                                item.withdrawn_reason)));
      }
      h += Html::row({std::to_string(item.id), e(item.node_id), e(item.object), name,
                      date(item.effective_from) + "–" + date(item.effective_to),
                      "<code>" + e(item.sha256.empty() ? item.uri : item.sha256) + "</code>"});
    }
  }
  h += "</tbody></table>";
  // The registers the scope was decided on.
  h += fmt::format("<h2>{}</h2>", e(t("清冊", "Registers")));
  h += html.table_head({t("對象", "Object"), t("名稱", "Name"), t("負責人", "Owner")});
  for (const auto& entry : in.registers->entries) {
    h += Html::row({e(entry.key()), e(entry.name), e(entry.owner)});
  }
  h += "</tbody></table></body></html>\n";
  return h;
}

}  // namespace etguard::report
