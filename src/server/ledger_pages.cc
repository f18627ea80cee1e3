#include "server/ledger_pages.h"

#include <fmt/format.h>

#include "core/text.h"

namespace etguard::server {

std::string ledger_page(const Frame& frame, const app::LedgerView& view) {
  const Lang lang = frame.lang;
  const ledger::VerifyReport& report = view.verification;
  const std::string verdict =
      report.ok()
          ? fmt::format(R"(<p class="advice" role="status">{}</p>)",
                        t(lang,
                          "The ledger verifies: every entry is chained, every checkpoint's "
                          "signature holds against the key recorded at init, and the records "
                          "match the ledger.",
                          "稽核鏈驗證通過：每筆紀錄皆已串鏈，每個檢查點之簽章皆符合初始化時"
                          "記錄之金鑰，現存資料亦與稽核鏈相符。"))
          : fmt::format(
                R"(<p class="problem" role="alert">{} {}{}</p>)",
                t(lang, "The ledger does not verify:", "稽核鏈驗證失敗："),
                escape_html(report.problem),
                report.first_bad ? fmt::format(" (#{})", *report.first_bad) : std::string());
  std::string rows;
  for (const store::LedgerLine& line : view.latest) {
    rows += fmt::format(
        R"(<tr><td class="num">{}</td><td class="date">{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td><code>{}</code></td></tr>)",
        line.seq, escape_html(line.time), escape_html(line.actor), escape_html(line.action),
        escape_html(line.object), escape_html(line.hash.substr(0, 16)));
  }
  return layout(
      frame, t(lang, "Ledger", "稽核鏈"),
      fmt::format(
          R"(<h1>{}</h1>{}
<dl class="facts"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd><code>{}:{}</code></dd></dl>
<p class="meta">{}</p>
<table><caption>{}</caption><thead><tr><th scope="col">#</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
          t(lang, "Ledger", "稽核鏈"), verdict, t(lang, "Entries", "紀錄數"), report.entries,
          t(lang, "Signed checkpoints", "已簽章檢查點"), report.checkpoints,
          t(lang, "Head (note it; demand it later)", "鏈首（請記下，日後比對）"), report.head_seq,
          escape_html(report.head_hash),
          t(lang,
            "An examiner verifies an export on their own: etguard ledger export, then "
            "etguard ledger verify --file with the public key.",
            "檢查人員可自行驗證匯出檔：etguard ledger export，再以公鑰執行 "
            "etguard ledger verify --file。"),
          t(lang, "The newest entries", "最新紀錄"), t(lang, "When", "時間"),
          t(lang, "By", "記錄者"), t(lang, "Action", "動作"), t(lang, "Object", "對象"),
          t(lang, "Hash", "雜湊"), rows));
}

nlohmann::ordered_json ledger_json(const app::LedgerView& view) {
  using Json = nlohmann::ordered_json;
  const ledger::VerifyReport& report = view.verification;
  Json latest = Json::array();
  for (const store::LedgerLine& line : view.latest) {
    latest.push_back({{"seq", line.seq},
                      {"time", line.time},
                      {"actor", line.actor},
                      {"action", line.action},
                      {"object", line.object},
                      {"hash", line.hash}});
  }
  return {{"schema", "etguard.ledger-view"},
          {"version", "1.0"},
          {"verifies", report.ok()},
          {"problem", report.problem},
          {"first_bad", report.first_bad ? Json(*report.first_bad) : Json(nullptr)},
          {"entries", report.entries},
          {"checkpoints", report.checkpoints},
          {"head", fmt::format("{}:{}", report.head_seq, report.head_hash)},
          {"latest", latest}};
}

}  // namespace etguard::server
