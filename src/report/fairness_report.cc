#include "report/fairness_report.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include "core/text.h"
#include "report/bilingual.h"

namespace etguard::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kFairnessStyle = R"css(
body{font-family:"Noto Sans TC","Microsoft JhengHei",system-ui,sans-serif;margin:2rem;color:#212121;max-width:1100px}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{border-bottom:2px solid #1565c0;padding-bottom:.2rem;margin-top:2rem}
h3{margin:1.2rem 0 .3rem}.meta{color:#616161}.cards{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
.card{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}.pass{color:#2e7d32}.fail{color:#c62828}.warn{color:#ef6c00}.na{color:#757575}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef3fa}
td.n{text-align:right;font-variant-numeric:tabular-nums}.charts{display:flex;flex-wrap:wrap;gap:1rem}
svg text{font-size:11px;fill:#212121}svg .small{fill:#9e9e9e}
@media print{body{margin:0}h2{page-break-after:avoid}tr,svg{page-break-inside:avoid}}
)css";

constexpr std::array<std::string_view, 8> kGroupColours = {
    "#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#455a64"};

std::string decimal(const Json& value) {
  return value.is_number() ? fmt::format("{:.4f}", value.get<double>()) : "–";
}

std::string interval(const Json& ci) {
  return ci.is_array() ? fmt::format("{:.4f} – {:.4f}", ci[0].get<double>(), ci[1].get<double>())
                       : "–";
}

std::string group_name(const Json& group) {
  std::string name;
  for (const Json& value : group["values"]) {
    name += (name.empty() ? "" : " / ") + value.get<std::string>();
  }
  return name;
}

struct MetricLabel {
  std::string_view key;
  std::string_view zh;
  std::string_view en;
};

constexpr std::array<MetricLabel, 9> kLabels{{
    {"demographic_parity_difference", "人口均等差異", "demographic parity difference"},
    {"demographic_parity_ratio", "人口均等比率（五分之四規則）",
     "demographic parity ratio (four-fifths rule)"},
    {"equal_opportunity_difference", "機會均等差異", "equal opportunity difference"},
    {"equalized_odds_difference", "均等勝算差異", "equalized odds difference"},
    {"calibration_error_max", "最大校準誤差", "worst calibration error"},
    {"selection_rate", "選取率", "selection rate"},
    {"true_positive_rate", "真陽性率", "true positive rate"},
    {"false_positive_rate", "偽陽性率", "false positive rate"},
    {"calibration_error", "校準誤差", "calibration error"},
}};

std::string metric_label(std::string_view key, Lang lang) {
  for (const MetricLabel& label : kLabels) {
    if (label.key == key) {
      return html_text(lang, label.zh, label.en);
    }
  }
  return escape_html(key);
}

std::string verdict_cell(std::string_view verdict, bool uncertain, Lang lang) {
  std::string cell;
  if (verdict == "pass") {
    cell = fmt::format("<span class=pass>{}</span>", html_text(lang, "符合", "pass"));
  } else if (verdict == "fail") {
    cell = fmt::format("<span class=fail>{}</span>", html_text(lang, "不符合", "FAIL"));
  } else {
    cell = fmt::format("<span class=na>{}</span>", html_text(lang, "未判定", "not judged"));
  }
  if (uncertain) {
    cell += fmt::format(" <span class=warn>{}</span>",
                        html_text(lang, "（區間觸及界限）", "(interval reaches the limit)"));
  }
  return cell;
}

std::string limit_text(const Json& limit) {
  if (limit.contains("max")) {
    return fmt::format("≤ {:g}", limit["max"].get<double>());
  }
  if (limit.contains("min")) {
    return fmt::format("≥ {:g}", limit["min"].get<double>());
  }
  return "–";
}

// A horizontal bar per group on a 0..1 scale, its interval as a whisker; a
// dashed reference line where one helps (four-fifths of the top selection rate).
std::string rate_chart(const Json& groups, const std::string& key, double reference, Lang lang) {
  constexpr int kLabel = 150;
  constexpr int kWidth = 300;
  constexpr int kRow = 20;
  const int height = (static_cast<int>(groups.size()) * kRow) + 34;
  std::string svg = fmt::format(
      "<svg role=img width={} height={} viewBox=\"0 0 {} {}\" aria-label=\"{}\">"
      "<text x=0 y=12><tspan font-weight=bold>{}</tspan></text>",
      kLabel + kWidth + 60, height, kLabel + kWidth + 60, height, metric_label(key, lang),
      metric_label(key, lang));
  for (int tick = 0; tick <= 4; ++tick) {
    const int x = kLabel + (tick * kWidth / 4);
    svg += fmt::format(
        "<line x1={} y1=18 x2={} y2={} stroke=#e0e0e0 /><text x={} y={} text-anchor=middle "
        "class=small>{:g}</text>",
        x, x, height - 12, x, height - 2, tick * 0.25);
  }
  int y = 20;
  for (const Json& group : groups) {
    const bool small = group["too_small"].get<bool>();
    const Json& value = group[key];
    const std::string name = truncate_to_width(group_name(group), 22);
    svg += fmt::format("<text x={} y={} text-anchor=end{}>{}{}</text>", kLabel - 6, y + 13,
                       small ? " class=small" : "", escape_html(name),
                       small ? html_text(lang, "（過少）", " (too small)") : "");
    if (value.is_number()) {
      const double rate = value.get<double>();
      svg += fmt::format(
          "<rect x={} y={} width={:.1f} height=12 fill=\"{}\"><title>{} {:.4f}</title></rect>",
          kLabel, y + 3, rate * kWidth, small ? "#bdbdbd" : kGroupColours[0], escape_html(name),
          rate);
      const Json& ci = group[key + "_ci"];
      if (ci.is_array()) {
        const double low = kLabel + (ci[0].get<double>() * kWidth);
        const double high = kLabel + (ci[1].get<double>() * kWidth);
        svg += fmt::format(
            "<line x1={:.1f} y1={} x2={:.1f} y2={} stroke=#212121 /><line x1={:.1f} y1={} "
            "x2={:.1f} y2={} stroke=#212121 /><line x1={:.1f} y1={} x2={:.1f} y2={} "
            "stroke=#212121 />",
            low, y + 9, high, y + 9, low, y + 5, low, y + 13, high, y + 5, high, y + 13);
      }
      svg += fmt::format("<text x={} y={} class=small>{:.3f}</text>", kLabel + kWidth + 8, y + 13,
                         rate);
    }
    y += kRow;
  }
  if (reference > 0) {
    const double x = kLabel + (reference * kWidth);
    svg += fmt::format(
        "<line x1={:.1f} y1=18 x2={:.1f} y2={} stroke=#c62828 stroke-dasharray=4,3><title>{} "
        "{:.4f}</title></line>",
        x, x, height - 12, html_text(lang, "五分之四界線", "four-fifths line"), reference);
  }
  return svg + "</svg>";
}

// Mean score against the observed positive rate per bin, one line per group.
std::string reliability_chart(const Json& groups, Lang lang) {
  constexpr int kSize = 240;
  constexpr int kPad = 30;
  std::string svg = fmt::format(
      "<svg role=img width={} height={} viewBox=\"0 0 {} {}\" aria-label=\"{}\">"
      "<text x=0 y=12><tspan font-weight=bold>{}</tspan></text>"
      "<rect x={} y=20 width={} height={} fill=none stroke=#bdbdbd />"
      "<line x1={} y1={} x2={} y2=20 stroke=#9e9e9e stroke-dasharray=4,3 />"
      "<text x={} y={} text-anchor=middle class=small>{}</text>",
      kSize + kPad + 150, kSize + 60, kSize + kPad + 150, kSize + 60,
      html_text(lang, "校準圖", "reliability diagram"),
      html_text(lang, "校準圖（平均分數 vs 實際陽性率）",
                "Reliability (mean score vs observed rate)"),
      kPad, kSize, kSize, kPad, 20 + kSize, kPad + kSize, kPad + (kSize / 2), kSize + 40,
      html_text(lang, "平均分數", "mean score"));
  std::size_t shown = 0;
  for (const Json& group : groups) {
    if (shown == kGroupColours.size() || !group.contains("calibration") ||
        group["too_small"].get<bool>()) {
      continue;
    }
    const std::string_view colour = kGroupColours[shown];
    std::string points;
    for (const Json& bin : group["calibration"]) {
      const double x = kPad + (bin["mean_score"].get<double>() * kSize);
      const double y = 20 + kSize - (bin["positive_rate"].get<double>() * kSize);
      points += fmt::format("{:.1f},{:.1f} ", x, y);
      svg += fmt::format("<circle cx={:.1f} cy={:.1f} r=2.5 fill=\"{}\" />", x, y, colour);
    }
    svg += fmt::format("<polyline points=\"{}\" fill=none stroke=\"{}\" />", points, colour);
    svg += fmt::format("<rect x={} y={} width=10 height=10 fill=\"{}\" /><text x={} y={}>{}</text>",
                       kPad + kSize + 12, 24 + (shown * 16), colour, kPad + kSize + 26,
                       33 + (shown * 16), escape_html(truncate_to_width(group_name(group), 18)));
    ++shown;
  }
  return svg + "</svg>";
}

std::string disparity_rows(const Json& grouping, Lang lang) {
  std::string rows;
  for (const Json& d : grouping["disparities"]) {
    std::string between = d["highest"].is_string() ? d["highest"].get<std::string>() : "–";
    if (d["lowest"].is_string()) {
      between += " vs " + d["lowest"].get<std::string>();
    }
    rows += fmt::format(
        "<tr><td>{}</td><td class=n>{}</td><td "
        "class=n>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        metric_label(d["metric"].get<std::string>(), lang), decimal(d["value"]), interval(d["ci"]),
        escape_html(between), limit_text(d["limit"]),
        verdict_cell(d["verdict"].get<std::string>(), d["uncertain"].get<bool>(), lang));
  }
  return rows;
}

std::string group_rows(const Json& grouping, bool scored, Lang lang) {
  std::string rows;
  for (const Json& g : grouping["groups"]) {
    rows += fmt::format(
        "<tr><td>{}{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td "
        "class=n>{}</td><td class=n>{}</td><td class=n>{}</td>{}</tr>",
        escape_html(group_name(g)),
        g["too_small"].get<bool>() ? html_text(lang, "（過少，未判定）", " (too small, not judged)")
                                   : "",
        g["n"].get<std::uint64_t>(), decimal(g["selection_rate"]), interval(g["selection_rate_ci"]),
        decimal(g["base_rate"]), decimal(g["true_positive_rate"]),
        decimal(g["false_positive_rate"]),
        scored ? fmt::format("<td class=n>{}</td>", decimal(g["calibration_error"])) : "");
  }
  return rows;
}

}  // namespace

std::string fairness_report_html(const Json& m, Lang lang) {
  const bool scored = m["columns"]["score"].is_string();
  const std::string verdict = m["verdict"].get<std::string>();
  std::size_t failing = 0;
  std::size_t judged = 0;
  for (const Json& grouping : m["groupings"]) {
    for (const Json& d : grouping["disparities"]) {
      judged += d["verdict"] != "not_assessable" ? 1U : 0U;
      failing += d["verdict"] == "fail" ? 1U : 0U;
    }
  }
  std::string html = fmt::format(
      "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}"
      "</style></head><body><h1>{}</h1><p class=meta>{} · {} {} · {} {}</p>",
      lang == Lang::kZhTw ? "zh-Hant-TW" : "en",
      html_text(lang, "人工智慧公平性量測", "AI fairness measurement"), kFairnessStyle,
      html_text(lang, "人工智慧決策之公平性（第四十八條、第五十三條）",
                "Fairness of AI decisions (Art. 48, 53)"),
      escape_html(m["source"].get<std::string>()), m["rows"].get<std::uint64_t>(),
      html_text(lang, "筆決策", "decisions"), html_text(lang, "政策：", "policy:"),
      m["policy"]["source"] == "built-in" ? html_text(lang, "內建", "built-in")
                                          : escape_html(m["policy"]["source"].get<std::string>()));
  const std::string verdict_class =
      verdict == "pass" ? "pass" : (verdict == "fail" ? "fail" : "na");
  html += fmt::format(
      "<div class=cards><div class=card><b class={}>{}</b>{}</div><div class=card><b>{}</b>{}</div>"
      "<div class=card><b class={}>{}</b>{}</div><div class=card><b>{}</b>{}</div></div>",
      verdict_class,
      verdict == "pass"   ? html_text(lang, "符合", "pass")
      : verdict == "fail" ? html_text(lang, "不符合", "FAIL")
                          : html_text(lang, "無法判定", "not assessable"),
      html_text(lang, "判定", "verdict"), judged,
      html_text(lang, "項已判定之差異", "disparities judged"), failing > 0 ? "fail" : "pass",
      failing, html_text(lang, "項超出政策", "beyond the policy"),
      m["policy"]["min_group_size"].get<std::uint64_t>(),
      html_text(lang, "最小判定群體", "smallest group judged"));
  html += fmt::format(
      "<p class=meta>{}</p>",
      html_text(lang,
                "區間為自助法（bootstrap）百分位信賴區間；少於最小群體數之群體僅列示、不判定。",
                "Intervals are bootstrap percentile intervals; groups smaller than the "
                "minimum are shown, not judged."));
  for (const Json& note : m["notes"]) {
    html += fmt::format("<p class=warn>{}</p>", escape_html(note.get<std::string>()));
  }
  for (const Json& grouping : m["groupings"]) {
    std::string columns;
    for (const Json& column : grouping["columns"]) {
      columns += (columns.empty() ? "" : " × ") + column.get<std::string>();
    }
    html += fmt::format("<h2>{} {}</h2>", html_text(lang, "分組：", "By"), escape_html(columns));
    html += fmt::format(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
        "</thead><tbody>{}</tbody></table>",
        html_text(lang, "指標", "Metric"), html_text(lang, "值", "Value"),
        html_text(lang, "信賴區間", "Interval"),
        html_text(lang, "最高 vs 最低", "Highest vs lowest"), html_text(lang, "界限", "Limit"),
        html_text(lang, "判定", "Verdict"), disparity_rows(grouping, lang));
    double four_fifths = 0;
    for (const Json& d : grouping["disparities"]) {
      if (d["metric"] == "demographic_parity_ratio" && d["limit"].is_object() &&
          d["limit"].contains("min")) {
        double top = 0;
        for (const Json& g : grouping["groups"]) {
          if (!g["too_small"].get<bool>() && g["selection_rate"].is_number()) {
            top = std::max(top, g["selection_rate"].get<double>());
          }
        }
        four_fifths = top * d["limit"]["min"].get<double>();
      }
    }
    html += "<div class=charts>" +
            rate_chart(grouping["groups"], "selection_rate", four_fifths, lang) +
            rate_chart(grouping["groups"], "true_positive_rate", 0, lang) +
            rate_chart(grouping["groups"], "false_positive_rate", 0, lang);
    if (scored) {
      html += reliability_chart(grouping["groups"], lang);
    }
    html += "</div>";
    html += fmt::format(
        "<table><thead><tr><th>{}</th><th>n</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
        "<th>{}</th>{}</tr></thead><tbody>{}</tbody></table>",
        html_text(lang, "群體", "Group"), html_text(lang, "選取率", "Selection rate"),
        html_text(lang, "信賴區間", "Interval"), html_text(lang, "實際陽性率", "Base rate"),
        html_text(lang, "真陽性率", "TPR"), html_text(lang, "偽陽性率", "FPR"),
        scored ? fmt::format("<th>{}</th>", html_text(lang, "校準誤差", "Calibration error")) : "",
        group_rows(grouping, scored, lang));
  }
  html += fmt::format("<p class=meta>etguard · {} {}</p></body></html>\n",
                      m["format"].get<std::string>(), m["version"].get<std::string>());
  return html;
}

}  // namespace etguard::report
