#include "server/report_pages.h"

#include <fmt/format.h>

#include "core/text.h"
#include "server/http.h"

namespace etguard::server {
namespace {

using Json = nlohmann::ordered_json;

std::string download_href(std::string_view what, std::string_view format, std::string_view lang,
                          std::string_view cycle) {
  return fmt::format("/reports/download?what={}&amp;format={}&amp;lang={}&amp;cycle={}", what,
                     format, lang, url_encode(cycle));
}

std::string downloads(Lang lang, const app::CycleReports& reports) {
  const std::string& cycle = reports.cycle.name;
  const auto link = [&](std::string_view what, std::string_view format, std::string_view tag,
                        std::string_view label) {
    return fmt::format(R"(<a href="{}" download>{}</a>)", download_href(what, format, tag, cycle),
                       label);
  };
  return fmt::format(
      R"(<ul class="downloads"><li>{}: {} · {} · {} · {} · {}</li><li>{}: {} · {} · {}</li><li>{}</li></ul>)",
      t(lang, "Assessment report", "評估報告"), link("report", "html", "zh-TW", "HTML 中文"),
      link("report", "html", "en", "HTML English"), link("report", "xlsx", "zh-TW", "XLSX"),
      link("report", "json", "en", "JSON"), link("report", "oscal-ar", "en", "OSCAL"),
      t(lang, "Statement of applicability", "適用性聲明"),
      link("soa", "html", "zh-TW", "HTML 中文"), link("soa", "html", "en", "HTML English"),
      link("soa", "xlsx", "zh-TW", "XLSX"),
      link("pack", "zip", "en",
           t(lang, "The examiner's pack (zip: reports, evidence, ledger, signed manifest)",
             "稽核包（zip：報告、佐證、稽核鏈、已簽章清單）")));
}

std::string signed_table(Lang lang, const app::CycleReports& reports) {
  if (reports.signed_off.empty()) {
    return fmt::format(
        R"(<p class="meta">{}</p>)",
        t(lang, "No report of this cycle is signed off yet.", "本週期尚無已簽核之報告。"));
  }
  std::string rows;
  for (const assess::SignOff& s : reports.signed_off) {
    rows += fmt::format(
        R"(<tr><td class="date">{}</td><td>{}</td><td><a href="/reports/download?what=signed&amp;sha256={}" download>{}</a></td><td>{}</td><td><code>{}</code></td></tr>)",
        escape_html(s.signed_at), escape_html(s.signed_by), escape_html(s.sha256),
        escape_html(s.report), escape_html(s.statement), escape_html(s.sha256.substr(0, 16)));
  }
  return fmt::format(
      R"(<table class="signed"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">SHA-256</th></tr></thead><tbody>{}</tbody></table>)",
      t(lang, "Signed off (the report as signed, kept unchanged)",
        "已簽核（保存簽核時之報告原文）"),
      t(lang, "When", "時間"), t(lang, "By", "簽核者"), t(lang, "Report", "報告"),
      t(lang, "Statement", "聲明"), rows);
}

// A report the signer was handed (the board's copy): dropped or chosen,
// sent as the request body by /static/reports.js; it is what is signed.
std::string handed_sign_off_form(Lang lang, std::string_view csrf) {
  return fmt::format(
      R"(<section aria-labelledby="sign-handed"><h2 id="sign-handed">{}</h2><p>{}</p>
<form class="edit upload sign-handed"><input type="hidden" name="csrf" value="{}">
<label for="handed_file">{}</label><div class="drop"><input id="handed_file" name="file" type="file" required><span>{}</span></div>
{}<button type="submit">{}</button><p role="alert" class="problem" hidden></p></form></section>
<script src="/static/reports.js" defer></script>)",
      t(lang, "Sign off a report file you were given", "簽核您收到之報告檔案"),
      t(lang,
        "The file itself is kept unchanged in the evidence store and its SHA-256 written to the "
        "ledger with your name: compare it with the copy you read before you sign.",
        "該檔案原文保存於佐證庫，其 SHA-256 與您的姓名一併寫入稽核鏈：簽核前請與您所閱讀之"
        "版本比對。"),
      escape_html(csrf), t(lang, "Report file", "報告檔案"),
      t(lang, "or drop it here", "或拖放至此"),
      area_field("handed_statement", t(lang, "Statement", "簽核聲明"), {}),
      t(lang, "Sign off this file", "簽核此檔案"));
}

std::string sign_off_form(Lang lang, const app::ReportsView& view, std::string_view csrf,
                          std::string_view statement) {
  if (!view.fresh) {
    return reauth_form(lang, csrf, "/reports", t(lang, "Signing off", "簽核報告"));
  }
  return fmt::format(
             R"(<section aria-labelledby="sign"><h2 id="sign">{}</h2><p>{}</p>
<form class="edit" method="post" action="/reports/sign-off"><input type="hidden" name="csrf" value="{}">
{}<label for="sign_lang">{}</label><select id="sign_lang" name="lang"><option value="zh-TW"{}>中文</option><option value="en"{}>English</option></select>
<button type="submit">{}</button></form></section>)",
             t(lang, "Sign off the current cycle's report", "簽核本週期之評估報告"),
             t(lang,
               "The report is produced now, kept unchanged in the evidence store and its SHA-256 "
               "written to the ledger with your name: what you sign is what an examiner later "
               "sees.",
               "報告於此時產出，原文保存於佐證庫，其 SHA-256 與您的姓名一併寫入稽核鏈：您所簽核者即"
               "檢查人員日後所見者。"),
             escape_html(csrf),
             area_field("statement", t(lang, "Statement", "簽核聲明"), statement),
             t(lang, "Report language", "報告語言"), lang == Lang::kZhTw ? " selected" : "",
             lang == Lang::kEn ? " selected" : "", t(lang, "Sign off", "簽核")) +
         handed_sign_off_form(lang, csrf);
}

// Starting a cycle archives every result: previewed first (what it would
// reset and carry over), then confirmed with the password and code.
std::string start_cycle_form(Lang lang, const app::ReportsView& view, std::string_view csrf,
                             const app::CycleStart& typed) {
  const std::string fields =
      text_field("cycle_name",
                 t(lang, "Name of the new cycle (e.g. 2027)", "新週期名稱（例如 2027）"),
                 typed.name) +
      text_field("cycle_due", t(lang, "Deadline (optional)", "期限（選填）"), typed.due_on, "date");
  const std::string start_button =
      view.fresh ? fmt::format(R"(<button type="submit" name="action" value="start">{}</button>)",
                               t(lang, "Start the cycle", "開始週期"))
                 : std::string();
  return fmt::format(
      R"(<section aria-labelledby="start"><h2 id="start">{}</h2><p>{}</p>
<form class="edit" method="post" action="/reports/start-cycle"><input type="hidden" name="csrf" value="{}">
{}<button type="submit" name="action" value="preview">{}</button> {}</form>{}</section>)",
      t(lang, "Start the next cycle", "開始下一評估週期"),
      t(lang,
        "Every result is archived as it stands and reset for re-attestation; open "
        "non-compliances carry over with their plans. Preview first: nothing changes until you "
        "start it.",
        "所有結果依現況封存並重設以待重新評估；未改善之不符合項目連同改善計畫延續。請先預覽："
        "開始前不會變更任何資料。"),
      escape_html(csrf), fields, t(lang, "Preview", "預覽"), start_button,
      view.fresh ? std::string()
      : view.cycles.empty()
          // no sign-off section above with its confirmation form
          ? reauth_form(lang, csrf, "/reports", t(lang, "Starting a cycle", "開始評估週期"))
          : fmt::format(R"(<p class="meta">{}</p>)",
                        t(lang,
                          "To start it, confirm your password and code in the sign-off section "
                          "above.",
                          "開始前，請於上方簽核區再次輸入密碼與驗證碼。")));
}

}  // namespace

std::string cycle_preview_notice(Lang lang, const app::CycleStarted& preview) {
  return fmt::format(
      fmt::runtime(t(lang,
                     "Starting cycle {} on {} would archive and reset {} results and carry over "
                     "{} open non-compliances. Nothing has changed yet.",
                     "於 {1} 開始評估週期 {0} 將封存並重設 {2} 項結果，延續 {3} 項未改善之不符合"
                     "項目。尚未變更任何資料。")),
      preview.name, preview.started_on, preview.results_reset, preview.carried_over);
}

std::string reports_page(const Frame& frame, const app::ReportsView& view, std::string_view notice,
                         std::string_view problem, const ReportsForms& typed) {
  const Lang lang = frame.lang;
  const std::string csrf = frame.session != nullptr ? frame.session->csrf : std::string();
  std::string cycles;
  for (auto it = view.cycles.rbegin(); it != view.cycles.rend(); ++it) {
    const app::CycleReports& reports = *it;
    const store::CycleRecord& c = reports.cycle;
    cycles += fmt::format(
        R"(<section class="cycle"><h2>{} {}{}</h2><p class="meta">{}</p>{}{}</section>)",
        t(lang, "Cycle", "評估週期"), escape_html(c.name),
        reports.current ? fmt::format(" <small>({})</small>", t(lang, "current", "進行中"))
                        : std::string(),
        escape_html(fmt::format("{} {} · {} {}{}", t(lang, "started", "開始於"), c.started_on,
                                t(lang, "by", "由"), c.started_by,
                                c.due_on.empty()
                                    ? std::string()
                                    : fmt::format(" · {} {}", t(lang, "due", "期限"), c.due_on))),
        view.may_download ? downloads(lang, reports) : std::string(), signed_table(lang, reports));
  }
  if (view.cycles.empty()) {
    cycles = fmt::format("<p>{}</p>",
                         t(lang, "No cycle has been started yet.", "尚未開始任何評估週期。"));
  }
  return layout(
      frame, t(lang, "Reports", "報告"),
      fmt::format(
          R"(<h1>{}</h1>{}{}{}{})", t(lang, "Reports", "報告"), said(notice, problem),
          view.may_sign_off && !view.cycles.empty()
              ? sign_off_form(lang, view, csrf, typed.statement)
              : std::string(),
          cycles,
          view.may_start_cycle ? start_cycle_form(lang, view, csrf, typed.cycle) : std::string()));
}

std::string_view reports_script() {
  return R"js(// Signing a handed report: the statement in the query.
for (const form of document.querySelectorAll("form.sign-handed")) {
  etgUploadForm(form, () => {
    const query = new URLSearchParams({ statement: form.querySelector("#handed_statement").value });
    return `/api/reports/sign-off?${query}`;
  }, () => window.location.assign("/reports?signed=1"));
}
)js";
}

Json sign_off_json(const assess::SignOff& s) {
  return {{"cycle", s.cycle},         {"report", s.report},       {"sha256", s.sha256},
          {"statement", s.statement}, {"signed_by", s.signed_by}, {"signed_at", s.signed_at}};
}

Json cycle_started_json(const app::CycleStarted& started) {
  return {{"schema", "etguard.cycle"},
          {"version", "1.0"},
          {"cycle",
           {{"name", started.name},
            {"started_on", started.started_on},
            {"due_on", started.due_on},
            {"results_reset", started.results_reset},
            {"carried_over", started.carried_over},
            {"dry_run", started.dry_run}}}};
}

Json reports_json(const app::ReportsView& view) {
  Json cycles = Json::array();
  for (const app::CycleReports& reports : view.cycles) {
    Json signed_off = Json::array();
    for (const assess::SignOff& s : reports.signed_off) {
      signed_off.push_back(sign_off_json(s));
    }
    cycles.push_back({{"name", reports.cycle.name},
                      {"started_on", reports.cycle.started_on},
                      {"started_by", reports.cycle.started_by},
                      {"due_on", reports.cycle.due_on},
                      {"current", reports.current},
                      {"signed_off", signed_off}});
  }
  return {{"schema", "etguard.reports"},
          {"version", "1.1"},
          {"may_download", view.may_download},
          {"may_sign_off", view.may_sign_off},
          {"may_start_cycle", view.may_start_cycle},
          {"fresh", view.fresh},
          {"cycles", cycles}};
}

}  // namespace etguard::server
