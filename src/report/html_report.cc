#include "report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace etguard::report {
namespace {

using assess::ResultStatus;

constexpr std::array kStatuses = {ResultStatus::kCompliant,     ResultStatus::kPartiallyCompliant,
                                  ResultStatus::kNonCompliant,  ResultStatus::kCompensating,
                                  ResultStatus::kNotApplicable, ResultStatus::kNotAssessed};
constexpr std::array<std::string_view, 6> kColours = {"#2e7d32", "#f9a825", "#c62828",
                                                      "#1565c0", "#9e9e9e", "#e0e0e0"};

constexpr std::string_view kStyle = R"css(
body{font-family:"Noto Sans TC","Microsoft JhengHei",system-ui,sans-serif;margin:2rem;color:#212121;max-width:1100px}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #1565c0;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#616161}.cards{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
.card{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.6rem}.bad b{color:#c62828}.good b{color:#2e7d32}
tr.fail td{color:#c62828;font-weight:600}p{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef3fa}.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
@media print{body{margin:0}.board{page-break-after:always}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
)css";

std::string tr(Lang lang, std::string_view zh, std::string_view en) {
  return std::string(lang == Lang::kZhTw ? zh : en);
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_report(const ReportInput& in) {
  const Lang lang = in.lang;
  const auto& lines = *in.lines;
  std::map<int, std::array<int, 6>> by_chapter;
  std::array<int, 6> totals{};
  int overdue = 0;
  for (const auto& line : lines) {
    const int chapter = in.catalog->article(line.node->article)->chapter;
    const auto index =
        static_cast<std::size_t>(std::ranges::find(kStatuses, line.status) - kStatuses.begin());
    ++by_chapter[chapter][index];
    ++totals[index];
    overdue += line.state == assess::Due::kOverdue ? 1 : 0;
  }
  const int assessed = static_cast<int>(lines.size()) - totals[5];
  std::string h;
  h += fmt::format("<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">",
                   lang_tag(lang));
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
       "'unsafe-inline'\">";
  h += fmt::format("<title>{}</title><style>{}</style></head><body>",
                   escape_html(tr(lang, "新興科技資通安全管控指引 評估報告",
                                  "Emerging Technology Cybersecurity Assessment")),
                   kStyle);
  // Board summary.
  h += "<section class=\"board\">";
  h += fmt::format("<h1>{}</h1>", escape_html(in.registers->profile.name));
  h += fmt::format(
      "<p class=\"meta\">{} · {} {} · {}</p>",
      escape_html(tr(lang, "新興科技資通安全管控指引 評估報告",
                     "Emerging Technology Cybersecurity Control Guideline — assessment report")),
      escape_html(tr(lang, "指引版本", "guideline version")),
      escape_html(in.catalog->data().version), escape_html(in.today));
  h += fmt::format("<h2>{}</h2><div class=\"cards\">",
                   escape_html(tr(lang, "董事會摘要", "Board summary")));
  auto card = [&h](std::string_view cls, std::string_view label, int value) {
    h += fmt::format("<div class=\"card {}\"><b>{}</b>{}</div>", cls, value, escape_html(label));
  };
  card("", tr(lang, "適用要求（要求×對象）", "applicable requirement–object pairs"),
       static_cast<int>(lines.size()));
  card("good", tr(lang, "符合", "compliant"), totals[0]);
  card("bad", tr(lang, "不符合", "non-compliant"), totals[2]);
  card("", tr(lang, "部分符合", "partially compliant"), totals[1]);
  card(overdue > 0 ? "bad" : "good", tr(lang, "逾期", "overdue"), overdue);
  card("", tr(lang, "未評估", "not yet assessed"), totals[5]);
  h += "</div>";
  h += fmt::format(
      "<p>{}</p>",
      escape_html(fmt::format(
          fmt::runtime(tr(
              lang, "已評估 {} 項，占 {}%；帳本 {}：{} 筆紀錄，{} 個簽章檢查點，最新紀錄 {}:{}。",
              "{} assessed ({}%); ledger {}: {} entries, {} signed checkpoints, head {}:{}.")),
          assessed, lines.empty() ? 0 : assessed * 100 / static_cast<int>(lines.size()),
          in.ledger.ok() ? tr(lang, "驗證通過", "verifies")
                         : tr(lang, "驗證失敗", "DOES NOT VERIFY"),
          in.ledger.entries, in.ledger.checkpoints, in.ledger.head_seq, in.ledger.head_hash)));
  if (!in.ledger.ok()) {
    h += fmt::format("<p class=\"bad\"><b>{}</b></p>", escape_html(in.ledger.problem));
  }
  // Chart: one stacked bar per chapter.
  constexpr int kBarWidth = 560;
  constexpr int kRow = 26;
  const int height = static_cast<int>(by_chapter.size()) * kRow + 10;
  h += fmt::format(
      "<svg role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">",
      escape_html(tr(lang, "各章狀態", "Status by chapter")), kBarWidth + 220, height,
      kBarWidth + 220, height);
  int row = 0;
  for (const auto& [chapter, counts] : by_chapter) {
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    const int y = 5 + row * kRow;
    h += fmt::format("<text x=\"0\" y=\"{}\" font-size=\"12\">{} {}</text>", y + 15,
                     escape_html(catalog::chapter_label(chapter, lang)), total);
    double x = 120;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] == 0) {
        continue;
      }
      const double width = static_cast<double>(kBarWidth) * counts[i] / std::max(total, 1);
      h += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"><title>{}: "
          "{}</title></rect>",
          x, y + 2, width, kColours[i], escape_html(assess::describe(kStatuses[i]).in(lang)),
          counts[i]);
      x += width;
    }
    ++row;
  }
  h += "</svg><p class=\"legend\">";
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    h += fmt::format("<span style=\"background:{}\"></span>{}", kColours[i],
                     escape_html(assess::describe(kStatuses[i]).in(lang)));
  }
  h += "</p></section>";
  // Overdue.
  h += fmt::format("<h2>{}</h2>", escape_html(tr(lang, "逾期項目", "Overdue")));
  if (overdue == 0) {
    h += fmt::format("<p>{}</p>", escape_html(tr(lang, "無逾期項目。", "Nothing is overdue.")));
  } else {
    h += fmt::format("<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                     escape_html(tr(lang, "編號", "ID")), escape_html(tr(lang, "對象", "Object")),
                     escape_html(tr(lang, "負責人", "Owner")),
                     escape_html(tr(lang, "到期日", "Due")));
    for (const auto& line : lines) {
      if (line.state == assess::Due::kOverdue) {
        h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                         escape_html(line.node->id), escape_html(line.object),
                         escape_html(line.owner), escape_html(line.due));
      }
    }
    h += "</table>";
  }
  // Every assessed result, with its notes.
  std::map<std::pair<std::string, std::string>, const assess::Result*> result_of;
  for (const auto& result : *in.results) {
    result_of[{result.node_id, result.object}] = &result;
  }
  h += fmt::format(
      "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</"
      "th><th>{}</th></tr>",
      escape_html(tr(lang, "各對象評估結果", "Results by requirement and object")),
      escape_html(tr(lang, "編號", "ID")), escape_html(tr(lang, "義務", "Obligation")),
      escape_html(tr(lang, "對象", "Object")), escape_html(tr(lang, "狀態", "Status")),
      escape_html(tr(lang, "負責人", "Owner")), escape_html(tr(lang, "到期日", "Due")),
      escape_html(tr(lang, "說明", "Notes")));
  for (const auto& line : lines) {
    if (line.status == ResultStatus::kNotAssessed) {
      continue;
    }
    const auto found = result_of.find({std::string(line.node->id), line.object});
    std::string notes;
    if (found != result_of.end()) {
      notes = found->second->note;
      if (!found->second->justification.empty()) {
        notes += (notes.empty() ? "" : " — ") + found->second->justification;
      }
    }
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        escape_html(line.node->id), escape_html(catalog::describe(line.node->obligation).in(lang)),
        escape_html(line.object), escape_html(assess::describe(line.status).in(lang)),
        escape_html(line.owner), escape_html(line.due), escape_html(notes));
  }
  h += "</table>";
  // Findings from checks (scan evidence): what the checkers proved or refuted.
  std::string findings;
  if (in.evidence != nullptr) {
    for (const auto& item : *in.evidence) {
      if (item.kind != "scan") {
        continue;
      }
      const bool failed = item.verdict == Verdict::kFail;
      findings += fmt::format(
          "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
          failed ? " class=\"fail\"" : "", escape_html(item.effective_from),
          escape_html(item.check_id), escape_html(item.node_id), escape_html(item.object),
          escape_html(item.name), escape_html(assess::verdict_name(item)));
    }
  }
  if (!findings.empty()) {
    h += fmt::format(
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></"
        "tr>",
        escape_html(tr(lang, "檢測發現", "Findings from checks")),
        escape_html(tr(lang, "日期", "Date")), escape_html(tr(lang, "檢測", "Check")),
        escape_html(tr(lang, "要求", "Requirement")), escape_html(tr(lang, "對象", "Object")),
        escape_html(tr(lang, "目標", "Target")), escape_html(tr(lang, "判定", "Verdict")));
    h += findings + "</table>";
  }
  // Evidence, with the hash that identifies each file in the store.
  h += fmt::format(
      "<h2>{}</h2><table><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>SHA-256</"
      "th></tr>",
      escape_html(tr(lang, "佐證清單", "Evidence")), escape_html(tr(lang, "要求", "Requirement")),
      escape_html(tr(lang, "對象", "Object")), escape_html(tr(lang, "名稱", "Name")),
      escape_html(tr(lang, "涵蓋期間", "Covers")));
  if (in.evidence != nullptr) {
    for (const auto& item : *in.evidence) {
      h += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}–{}</td><td><code>{}</code></td></"
          "tr>",
          item.id, escape_html(item.node_id), escape_html(item.object), escape_html(item.name),
          escape_html(item.effective_from), escape_html(item.effective_to),
          escape_html(item.sha256.empty() ? item.uri : item.sha256));
    }
  }
  h += "</table>";
  // The registers the scope was decided on.
  h += fmt::format("<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
                   escape_html(tr(lang, "清冊", "Registers")),
                   escape_html(tr(lang, "對象", "Object")), escape_html(tr(lang, "名稱", "Name")),
                   escape_html(tr(lang, "負責人", "Owner")));
  for (const auto& entry : in.registers->entries) {
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", escape_html(entry.key()),
                     escape_html(entry.name), escape_html(entry.owner));
  }
  h += "</table></body></html>\n";
  return h;
}

}  // namespace etguard::report
