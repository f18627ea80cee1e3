#include "server/layout.h"

#include <fmt/format.h>

#include "app/access.h"
#include "assess/status.h"
#include "core/text.h"
#include "server/http.h"

namespace etguard::server {
namespace {

std::string language_switch(const Frame& frame) {
  const std::string back = url_encode(frame.path);
  return fmt::format(
      R"(<nav class="lang" aria-label="{}"><a href="/lang?to=zh-TW&amp;back={}" lang="zh-TW"{}>中文</a> · <a href="/lang?to=en&amp;back={}" lang="en"{}>English</a></nav>)",
      t(frame.lang, "Language", "語言"), back,
      frame.lang == Lang::kZhTw ? R"( aria-current="true")" : "", back,
      frame.lang == Lang::kEn ? R"( aria-current="true")" : "");
}

// The sections the visitor's role may open; the current one marked.
std::string navigation(const Frame& frame) {
  if (frame.session == nullptr) {
    return {};
  }
  struct Section {
    std::string_view path;
    std::string_view en;
    std::string_view zh;
    bool allowed;
  };
  const app::Role role = frame.session->who.role;
  const Section sections[] = {
      {"/", "Dashboard", "總覽", true},
      {"/assessment", "Assessment", "評估", app::permits(role, app::Permission::kViewAssessment)},
      {"/catalog", "Guideline", "指引條文", app::permits(role, app::Permission::kViewAssessment)},
      {"/registers", "Registers", "清冊", app::permits(role, app::Permission::kViewAssessment)},
      {"/scope", "Scope", "適用範圍", app::permits(role, app::Permission::kViewAssessment)},
      {"/evidence", "Evidence", "佐證", app::permits(role, app::Permission::kViewAssessment)},
      {"/findings", "Findings", "檢查結果", app::permits(role, app::Permission::kViewAssessment)},
      {"/reports", "Reports", "報告", true},
      {"/ledger", "Ledger", "稽核鏈", app::permits(role, app::Permission::kVerifyLedger)},
      {"/users", "Users", "使用者", app::permits(role, app::Permission::kAdministerUsers)},
      {"/tokens", "API tokens", "API 權杖", true},
      {"/security-keys", "Security keys", "安全金鑰", true},
  };
  std::string links;
  for (const Section& section : sections) {
    if (!section.allowed) {
      continue;
    }
    const bool current =
        section.path == "/" ? frame.path == "/" : frame.path.starts_with(section.path);
    links += fmt::format(R"(<a href="{}"{}>{}</a>)", section.path,
                         current ? R"( aria-current="page")" : "",
                         t(frame.lang, section.en, section.zh));
  }
  return fmt::format(R"(<nav class="site" aria-label="{}">{}</nav>)",
                     t(frame.lang, "Sections", "功能"), links);
}

}  // namespace

std::string text_field(std::string_view id, std::string_view label, std::string_view value,
                       std::string_view type) {
  return fmt::format(
      R"(<label for="{0}">{1}</label><input id="{0}" name="{0}" type="{2}" value="{3}" maxlength="2000">)",
      id, label, type, escape_html(value));
}

std::string area_field(std::string_view id, std::string_view label, std::string_view value) {
  return fmt::format(
      R"(<label for="{0}">{1}</label><textarea id="{0}" name="{0}" rows="3" maxlength="4000">{2}</textarea>)",
      id, label, escape_html(value));
}

std::string said(std::string_view notice, std::string_view problem) {
  return (notice.empty()
              ? std::string()
              : fmt::format(R"(<p class="advice" role="status">{}</p>)", escape_html(notice))) +
         (problem.empty()
              ? std::string()
              : fmt::format(R"(<p class="problem" role="alert">{}</p>)", escape_html(problem)));
}

std::string reauth_form(Lang lang, std::string_view csrf, std::string_view back,
                        std::string_view what) {
  return fmt::format(
      R"(<section aria-labelledby="reauth"><h2 id="reauth">{}</h2><p>{}</p>
<form class="edit" method="post" action="/reauth"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="back" value="{}">
<label for="reauth_password">{}</label><input id="reauth_password" name="password" type="password" autocomplete="current-password" required>
<label for="reauth_code">{}</label><input id="reauth_code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" required>
<button type="submit">{}</button></form></section>)",
      t(lang, "Confirm who you are", "確認您的身分"),
      fmt::format("{}{}", what,
                  t(lang,
                    " asks for your password and authenticator code again (they stay confirmed "
                    "for five minutes).",
                    "前須再次輸入密碼與驗證碼（確認後五分鐘內有效）。")),
      escape_html(csrf), escape_html(back), t(lang, "Password", "密碼"),
      t(lang, "Authenticator code", "驗證碼"), t(lang, "Confirm", "確認"));
}

std::string_view t(Lang lang, std::string_view en, std::string_view zh) {
  return Text{.zh = zh, .en = en}.in(lang);
}

std::string_view role_label(Lang lang, app::Role role) {
  switch (role) {
    case app::Role::kAdmin:
      return t(lang, "administrator", "系統管理者");
    case app::Role::kOfficer:
      return t(lang, "security officer", "資安人員");
    case app::Role::kOwner:
      return t(lang, "owner", "負責人");
    case app::Role::kAuditor:
      return t(lang, "auditor", "稽核人員");
    case app::Role::kBoard:
      return t(lang, "board", "董事會");
  }
  return "";
}

std::string status_label(Lang lang, std::string_view status) {
  const auto parsed = assess::parse_result_status(status);
  return parsed ? std::string(assess::describe(*parsed).in(lang)) : escape_html(status);
}

std::string layout(const Frame& frame, std::string_view title, const std::string& main) {
  std::string account;
  if (frame.session != nullptr) {
    const app::WebSession& session = *frame.session;
    account = fmt::format(
        R"(<div class="account"><span>{} <small>({})</small></span><form method="post" action="/logout"><input type="hidden" name="csrf" value="{}"><button type="submit">{}</button></form></div>)",
        escape_html(session.who.display.empty() ? session.who.name : session.who.display),
        role_label(frame.lang, session.who.role), escape_html(session.csrf),
        t(frame.lang, "Log out", "登出"));
  }
  return fmt::format(R"(<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{} · etguard</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header><a class="brand" href="/">etguard</a>{}{}{}</header>
<main id="main">
{}
</main>
<footer>{}</footer>
</body>
</html>
)",
                     lang_tag(frame.lang), escape_html(title), navigation(frame),
                     language_switch(frame), account, main,
                     t(frame.lang, "Emerging Technology Cybersecurity Control Guideline",
                       "新興科技資通安全管控指引"));
}

std::string pager(Lang lang, std::size_t offset, std::size_t shown, std::size_t total,
                  std::size_t limit, const std::function<std::string(std::size_t)>& link) {
  std::string pages;
  if (offset > 0) {
    pages += fmt::format(R"(<a href="{}" rel="prev">{}</a> )",
                         link(offset > limit ? offset - limit : 0), t(lang, "previous", "上一頁"));
  }
  if (offset + shown < total) {
    pages += fmt::format(R"(<a href="{}" rel="next">{}</a>)", link(offset + shown),
                         t(lang, "next", "下一頁"));
  }
  return pages;
}

std::string_view drop_zone_script() {
  return R"js(// A drop zone: dragging a file over it marks it, dropping sets the input.
"use strict";
function etgDropZone(form) {
  const input = form.querySelector("input[type=file]");
  const zone = form.querySelector(".drop");
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    if (event.dataTransfer.files.length > 0) input.files = event.dataTransfer.files;
  });
  return input;
}
// An upload form: its file goes as the request body (no multipart) to
// `target()` (a URL made when it is sent), its name in X-File-Name, the CSRF
// token in X-CSRF-Token; `done(answer)` on success, else the server's
// message in the form's alert.
function etgUploadForm(form, target, done) {
  const input = etgDropZone(form);
  const alert = form.querySelector("[role=alert]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = input.files[0];
    if (!file) return;
    const answer = await fetch(target(), {
      method: "POST", body: file, credentials: "same-origin",
      headers: {
        "Content-Type": "application/octet-stream",
        "X-File-Name": encodeURIComponent(file.name),
        "X-CSRF-Token": form.querySelector("input[name=csrf]").value,
      },
    });
    if (answer.ok) {
      done(answer);
      return;
    }
    let message = `${answer.status}`;
    try { message = (await answer.json()).error || message; } catch (ignored) { /* not JSON */ }
    alert.textContent = message;
    alert.hidden = false;
  });
}
)js";
}

}  // namespace etguard::server
