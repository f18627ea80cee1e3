#include "report/authlog_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/text.h"
#include "report/bilingual.h"
#include "report/html_report.h"

namespace etguard::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kAuthlogStyle = R"css(
body{font-family:"Noto Sans TC","Microsoft JhengHei",system-ui,sans-serif;margin:2rem;color:#212121;max-width:1100px}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{border-bottom:2px solid #1565c0;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#616161}.cards{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
.card{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}.pass{color:#2e7d32}.fail{color:#c62828}.warn{color:#ef6c00}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef3fa}
td.n{text-align:right;font-variant-numeric:tabular-nums}.bar{background:#1565c0;height:.7rem;display:inline-block}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
)css";

struct TypeLabel {
  std::string_view type;
  std::string_view zh;
  std::string_view en;
};

constexpr std::array<TypeLabel, 12> kTypes{{
    {"lockout_not_enforced", "未落實帳號鎖定", "lockout not enforced"},
    {"success_without_unlock", "鎖定中仍登入成功", "success while it should be locked"},
    {"unlock_without_verification", "解鎖未經身分確認", "unlock without identity verification"},
    {"single_factor_login", "單一因子登入", "single-factor login"},
    {"login_without_notification", "登入未通知", "login without notification"},
    {"trade_without_notification", "交易未通知", "trade without notification"},
    {"stale_password_not_prompted", "密碼逾期未提示變更", "stale password not prompted"},
    {"brute_force", "暴力破解", "brute force"},
    {"distributed_brute_force", "分散式暴力破解", "distributed brute force"},
    {"password_spray", "密碼噴灑", "password spraying"},
    {"account_enumeration", "帳號列舉", "account enumeration"},
    {"credential_stuffing", "撞庫攻擊", "credential stuffing"},
}};

std::string type_label(const std::string& type, Lang lang) {
  for (const TypeLabel& label : kTypes) {
    if (label.type == type) {
      return html_text(lang, label.zh, label.en);
    }
  }
  return escape_html(type);
}

std::string number(const Json& value) {
  return value.is_number() ? std::to_string(value.get<std::uint64_t>()) : "0";
}

// A name list cut to `shown` entries, with the count of the rest.
std::string names(const Json& list, std::size_t shown, Lang lang) {
  std::string out;
  std::size_t i = 0;
  for (const Json& name : list) {
    if (i == shown) {
      out += fmt::format(" {}", lang == Lang::kZhTw ? fmt::format("…等共 {} 個", list.size())
                                                    : fmt::format("… {} in all", list.size()));
      break;
    }
    out += (i++ == 0 ? "" : ", ") + escape_html(name.get<std::string>());
  }
  return out;
}

// Rows of (label, count) with a bar scaled to the largest count.
std::string bar_table(const std::vector<std::pair<std::string, std::uint64_t>>& rows,
                      const std::string& label_head, const std::string& count_head) {
  std::uint64_t most = 1;
  for (const auto& row : rows) {
    most = std::max(most, row.second);
  }
  std::string h =
      fmt::format("<table><tr><th>{}</th><th>{}</th><th></th></tr>", label_head, count_head);
  for (const auto& [label, count] : rows) {
    h += fmt::format(
        "<tr><td>{}</td><td class=\"n\">{}</td><td><span class=\"bar\" style=\"width:{}px\">"
        "</span></td></tr>",
        label, count, count * 240 / most);
  }
  return h + "</table>";
}

std::string tally_table(const Json& list, const std::string& name_head, const char* count_key,
                        const std::string& count_head, const char* distinct_key,
                        const std::string& distinct_head, Lang lang) {
  if (list.empty()) {
    return "<p>" + html_text(lang, "無。", "None.") + "</p>";
  }
  std::string h = fmt::format("<table><tr><th>{}</th><th>{}</th>", name_head, count_head);
  h += distinct_key != nullptr ? fmt::format("<th>{}</th>", distinct_head) : "";
  h += "</tr>";
  for (const Json& entry : list) {
    h += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td>", escape_html(entry.value("name", "")),
                     number(entry[count_key]));
    h += distinct_key != nullptr
             ? fmt::format("<td class=\"n\">{}</td>", number(entry[distinct_key]))
             : "";
    h += "</tr>";
  }
  return h + "</table>";
}

std::string hour_chart(const Json& hours, Lang lang) {
  constexpr int kBarWidth = 26;
  constexpr int kHeight = 140;
  std::uint64_t most = 1;
  for (const Json& count : hours) {
    most = std::max(most, count.get<std::uint64_t>());
  }
  std::string h =
      fmt::format("<svg role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{}\">",
                  html_text(lang, "每小時登入失敗（UTC+8）", "Login failures by hour (UTC+8)"),
                  kBarWidth * 24 + 10, kHeight + 36);
  int hour = 0;
  for (const Json& count : hours) {
    const std::uint64_t value = count.get<std::uint64_t>();
    const auto bar = static_cast<int>(value * kHeight / most);
    const int x = 5 + hour * kBarWidth;
    h += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#1565c0\"><title>{:02}:00 "
        "{}</title></rect><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{:02}"
        "</text>",
        x, kHeight - bar + 12, kBarWidth - 4, bar, hour, value, x + (kBarWidth - 4) / 2,
        kHeight + 26, hour);
    ++hour;
  }
  return h + "</svg>";
}

std::string check_rows(const Json& checks, Lang lang) {
  std::string h =
      fmt::format("<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                  html_text(lang, "檢查", "Check"), html_text(lang, "條款", "Requirement"),
                  html_text(lang, "結果", "Verdict"), html_text(lang, "說明", "Message"));
  for (const Json& check : checks) {
    const std::string verdict = check.value("verdict", "");
    const bool warned = verdict == "pass" && !check.value("warnings", Json::array()).empty();
    const char* cls = verdict == "pass" ? (warned ? "warn" : "pass") : "fail";
    std::string requirements;
    for (const Json& node : check.value("node_ids", Json::array())) {
      requirements += (requirements.empty() ? "" : ", ") + node.get<std::string>();
    }
    const Json title = check.value("title", Json::object());
    const Json message = check.value("message", Json::object());
    const char* key = lang == Lang::kZhTw ? "zh" : "en";
    h += fmt::format(
        "<tr><td>{}<br><small>{}</small></td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
        escape_html(title.value(key, "")), escape_html(check.value("check_id", "")),
        escape_html(requirements), cls, escape_html(verdict), escape_html(message.value(key, "")));
  }
  return h + "</table>";
}

std::string finding_rows(const Json& findings, Lang lang) {
  if (findings.empty()) {
    return "<p>" + html_text(lang, "無發現事項。", "No findings.") + "</p>";
  }
  std::string h = fmt::format(
      "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
      html_text(lang, "類型", "Type"), html_text(lang, "帳號", "Accounts"),
      html_text(lang, "來源", "Sources"), html_text(lang, "起訖（UTC）", "Start – end (UTC)"),
      html_text(lang, "事件", "Events"));
  for (const Json& finding : findings) {
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}<br>{}</td><td>{}</td></tr>",
                     type_label(finding.value("type", ""), lang),
                     names(finding["accounts"], 10, lang), names(finding["ips"], 10, lang),
                     escape_html(finding.value("start", "")), escape_html(finding.value("end", "")),
                     names(finding["event_ids"], 3, lang));
  }
  return h + "</table>";
}

}  // namespace

std::string authlog_report_html(const Json& report, Lang lang) {
  const Json& summary = report["summary"];
  std::string h = fmt::format(
      "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} {}</title>"
      "<style>{}</style></head><body>",
      lang == Lang::kZhTw ? "zh-Hant-TW" : "en",
      html_text(lang, "身分驗證日誌每日分析", "Authentication log daily report"),
      escape_html(report.value("day", "")), kAuthlogStyle);
  h += fmt::format("<h1>{} {}</h1>",
                   html_text(lang, "身分驗證日誌每日分析報告", "Authentication log daily report"),
                   escape_html(report.value("day", "")));
  std::string inputs;
  for (const Json& input : report["inputs"]) {
    inputs += (inputs.empty() ? "" : ", ") + escape_html(input.get<std::string>());
  }
  h += fmt::format(
      "<p class=\"meta\">{}<br>{}: {} · {}: {} · {}: {} · {}: {} – {} · {}: {}</p>",
      html_text(
          lang,
          "新興科技資通安全管控指引第三十六條第七款：每日監控分析登入失敗及非客戶帳號之嘗試。",
          "Emerging Technology Cybersecurity Control Guideline Art. 36(7): login failures and "
          "attempts on non-customer accounts, monitored and analysed every day."),
      html_text(lang, "輸入", "Inputs"), inputs, html_text(lang, "事件數", "Events"),
      number(report["events"]), html_text(lang, "格式錯誤行", "Malformed lines"),
      number(report["malformed_lines"]), html_text(lang, "期間", "Span"),
      escape_html(report.value("first_event", "")), escape_html(report.value("last_event", "")),
      html_text(lang, "產生時間", "Generated"), escape_html(report.value("generated_at", "")));

  h += fmt::format("<h2>{}</h2>", html_text(lang, "合規判定", "Verdicts"));
  h += check_rows(report["checks"], lang);

  h += fmt::format("<h2>{}</h2><div class=\"cards\">", html_text(lang, "總覽", "Totals"));
  const auto card = [&](const Json& value, std::string_view zh, std::string_view en) {
    h += fmt::format("<div class=\"card\"><b>{}</b>{}</div>", number(value),
                     html_text(lang, zh, en));
  };
  card(summary["login_success_total"], "登入成功", "successful logins");
  card(summary["login_failure_total"], "登入失敗", "failed logins");
  card(summary["unknown_account_attempts"], "非客戶帳號嘗試", "attempts on non-customer ids");
  card(summary["unknown_account_distinct_names"], "不同非客戶帳號", "distinct non-customer ids");
  card(summary["unknown_account_distinct_ips"], "其來源位址", "their source addresses");
  card(summary["account_locks"], "帳號鎖定", "account locks");
  card(summary["account_unlocks"], "帳號解鎖", "account unlocks");
  h += fmt::format("<div class=\"card\"><b>{}</b>{}</div></div>", report["findings"].size(),
                   html_text(lang, "發現事項", "findings"));

  h += fmt::format("<h2>{}</h2>",
                   html_text(lang, "每小時登入失敗（UTC+8）", "Login failures by hour (UTC+8)"));
  h += hour_chart(report["failures_by_hour_utc8"], lang);

  const auto pairs = [](const Json& object) {
    std::vector<std::pair<std::string, std::uint64_t>> rows;
    for (const auto& [key, value] : object.items()) {
      rows.emplace_back(escape_html(key), value.get<std::uint64_t>());
    }
    std::ranges::sort(rows, [](const auto& a, const auto& b) { return a.second > b.second; });
    return rows;
  };
  h += fmt::format("<div class=\"cols\"><div><h2>{}</h2>{}</div><div><h2>{}</h2>{}</div></div>",
                   html_text(lang, "失敗原因", "Failures by reason"),
                   bar_table(pairs(summary["login_failure_by_reason"]),
                             html_text(lang, "原因", "Reason"), html_text(lang, "次數", "Count")),
                   html_text(lang, "失敗服務", "Failures by service"),
                   bar_table(pairs(summary["login_failure_by_service"]),
                             html_text(lang, "服務", "Service"), html_text(lang, "次數", "Count")));

  std::vector<std::pair<std::string, std::uint64_t>> by_type;
  for (const auto& [type, count] : report["findings_by_type"].items()) {
    by_type.emplace_back(type_label(type, lang), count.get<std::uint64_t>());
  }
  h += fmt::format("<h2>{}</h2>", html_text(lang, "發現事項類型", "Findings by type"));
  h += by_type.empty()
           ? "<p>" + html_text(lang, "無發現事項。", "No findings.") + "</p>"
           : bar_table(by_type, html_text(lang, "類型", "Type"), html_text(lang, "件數", "Count"));

  h += fmt::format("<h2>{}</h2>",
                   html_text(lang, "非客戶帳號之登入嘗試", "Attempts on non-customer ids"));
  h += tally_table(report["unknown_account_names"], html_text(lang, "帳號", "Login id"), "attempts",
                   html_text(lang, "次數", "Attempts"), "distinct_sources",
                   html_text(lang, "不同來源", "Distinct sources"), lang);
  h += fmt::format("<div class=\"cols\"><div><h2>{}</h2>{}</div><div><h2>{}</h2>{}</div></div>",
                   html_text(lang, "失敗最多之來源", "Top sources by failures"),
                   tally_table(report["top_sources"], html_text(lang, "來源", "Source"), "failures",
                               html_text(lang, "失敗", "Failures"), "distinct_accounts",
                               html_text(lang, "不同帳號", "Distinct accounts"), lang),
                   html_text(lang, "失敗最多之帳號", "Top accounts by failures"),
                   tally_table(report["top_accounts"], html_text(lang, "帳號", "Account"),
                               "failures", html_text(lang, "失敗", "Failures"), "distinct_sources",
                               html_text(lang, "不同來源", "Distinct sources"), lang));
  h += fmt::format("<div class=\"cols\"><div><h2>{}</h2>{}</div><div><h2>{}</h2>{}</div></div>",
                   html_text(lang, "鎖定", "Locks"),
                   tally_table(report["locked_accounts"], html_text(lang, "帳號", "Account"),
                               "locks", html_text(lang, "次數", "Locks"), nullptr, "", lang),
                   html_text(lang, "解鎖", "Unlocks"),
                   tally_table(report["unlocked_accounts"], html_text(lang, "帳號", "Account"),
                               "unlocks", html_text(lang, "次數", "Unlocks"), nullptr, "", lang));
  h += fmt::format("<h2>{}</h2>", html_text(lang, "全部發現事項", "Every finding"));
  h += finding_rows(report["findings"], lang);
  return h + "</body></html>\n";
}

}  // namespace etguard::report
