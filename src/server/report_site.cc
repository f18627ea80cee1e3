// The site's reports (issue 18): parse, call the use case of
// app/reports_view.h, render or hand the document over as an attachment.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/reports_view.h"
#include "server/answers.h"
#include "server/report_pages.h"
#include "server/site.h"

namespace etguard::server {
namespace {

// A sign-off from the page's form or the API's JSON; or, when the body is a
// report file (application/octet-stream, its name in X-File-Name), of that
// file, the statement and the rest in the query.
Result<app::WebSignOff> sign_off_request(const Request& request, bool json, Lang lang) {
  const bool handed = json && request.header("content-type") == "application/octet-stream";
  auto fields = handed ? Result<Fields>(form_fields(request.query())) : body_fields(request, json);
  if (!fields) {
    return std::unexpected(fields.error());
  }
  app::WebSignOff sign_off{.cycle = field_of(*fields, "cycle"),
                           .statement = field_of(*fields, "statement"),
                           .lang = lang};
  if (const std::string tag = field_of(*fields, "lang"); !tag.empty()) {
    const auto chosen = parse_lang(tag);
    if (!chosen) {
      return fail(ErrorKind::kUsage, fmt::format("lang '{}' is neither zh-TW nor en", tag),
                  fmt::format("語言 '{}' 不是 zh-TW 或 en", tag));
    }
    sign_off.lang = *chosen;
  }
  if (handed) {
    sign_off.file_name = url_decode(request.header("x-file-name"));
    sign_off.content = std::string_view(request.body);
  }
  return sign_off;
}

// The cycle to start: name and deadline, and whether only to preview it
// (API: name, due_on, "dry_run": true; form: cycle_name, cycle_due and the
// Preview button, action=preview).
Result<app::CycleStart> cycle_start_request(const Request& request, bool json) {
  auto fields = body_fields(request, json);
  if (!fields) {
    return std::unexpected(fields.error());
  }
  const std::string flag = field_of(*fields, json ? "dry_run" : "action");
  const std::string_view preview = json ? "true" : "preview";
  const std::string_view start = json ? "false" : "start";
  if (!flag.empty() && flag != preview && flag != start) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("{} '{}' is neither {} nor {}", json ? "dry_run" : "action", flag, preview,
                    start),
        fmt::format("{} '{}' 不是 {} 或 {}", json ? "dry_run" : "action", flag, preview, start));
  }
  return app::CycleStart{.name = field_of(*fields, json ? "name" : "cycle_name"),
                         .today = {},
                         .due_on = field_of(*fields, json ? "due_on" : "cycle_due"),
                         .dry_run = flag == preview};
}

}  // namespace

Response Site::reports(const Request& request, const Visit& visit, const app::WebSession& web) {
  const auto [json, rest, post] = within(request, "/reports");
  const Frame frame{.lang = visit.lang, .session = &web, .path = "/reports"};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  const bool listing = rest.empty() && !post;
  const bool download = rest == "/download" && !post;
  const bool signing = rest == "/sign-off" && post;
  const bool starting = rest == "/start-cycle" && post;
  if (!listing && !download && !signing && !starting) {
    return problem(no_route(request));
  }
  // Handing out the pack is recorded in the ledger: it writes too.
  const bool writes =
      post || (download && field_of(form_fields(request.query()), "what") == "pack");
  auto session = session_for(web, writes);
  if (!session) {
    return problem(session.error());
  }
  if (download) {
    const Fields query = form_fields(request.query());
    const auto tag = parse_lang(field_of(query, "lang"));
    auto document = app::download_as(session->get(), web.who,
                                     {.what = field_of(query, "what"),
                                      .format = field_of(query, "format"),
                                      .lang = tag.value_or(visit.lang),
                                      .cycle = field_of(query, "cycle"),
                                      .sha256 = field_of(query, "sha256")});
    if (!document) {
      return problem(document.error());
    }
    return attachment(std::move(document->media_type), document->file_name,
                      std::move(document->content));
  }
  const bool fresh = sessions_.fresh(web);
  std::string notice;
  std::optional<Error> refused;
  std::string statement;
  app::CycleStart cycle_form;
  if (starting) {
    auto wanted = cycle_start_request(request, json);
    if (wanted) {
      cycle_form = *wanted;
    }
    auto started = wanted ? app::start_cycle_as(session->get(), web.who, fresh, *wanted)
                          : Result<app::CycleStarted>(std::unexpected(wanted.error()));
    if (json) {
      return started ? json_response(200, cycle_started_json(*started)) : problem(started.error());
    }
    if (started && !started->dry_run) {
      return redirect("/reports?started=" + url_encode(started->name));
    }
    if (started) {
      notice = cycle_preview_notice(visit.lang, *started);
    } else {
      refused = started.error();
    }
  } else if (const Fields query = form_fields(request.query()); query.contains("started")) {
    notice = fmt::format(
        fmt::runtime(t(visit.lang,
                       "Cycle {} started: the previous results are archived and every line "
                       "awaits re-attestation.",
                       "評估週期 {} 已開始：先前結果已封存，各項待重新評估。")),
        field_of(query, "started"));
  }
  if (signing) {
    auto wanted = sign_off_request(request, json, visit.lang);
    if (wanted) {
      statement = wanted->statement;
    }
    auto signed_off = wanted ? app::sign_off_as(session->get(), web.who, fresh, *wanted)
                             : Result<assess::SignOff>(std::unexpected(wanted.error()));
    if (json) {
      return signed_off ? json_response(
                              200, nlohmann::ordered_json{{"schema", "etguard.sign-off"},
                                                          {"version", "1.0"},
                                                          {"sign_off", sign_off_json(*signed_off)}})
                        : problem(signed_off.error());
    }
    if (signed_off) {
      return redirect("/reports?signed=1");
    }
    refused = signed_off.error();
  } else if (form_fields(request.query()).contains("signed")) {
    notice = t(visit.lang, "Signed off: the report is kept and the ledger names you.",
               "已簽核：報告已保存，稽核鏈記載您的姓名。");
  }
  auto view = app::reports_view(session->get(), web.who, fresh);
  if (!view) {
    return problem(view.error());
  }
  if (json) {
    return json_response(200, reports_json(*view));
  }
  return html_response(
      refused ? status_of(*refused) : 200,
      reports_page(frame, *view, notice, refused ? say(visit.lang, *refused) : std::string_view(),
                   {.statement = statement, .cycle = cycle_form}));
}

}  // namespace etguard::server
