#include "server/user_pages.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text.h"
#include "server/http.h"

namespace etguard::server {
namespace {

using Json = nlohmann::ordered_json;

std::string state_label(Lang lang, const app::UserSummary& user) {
  if (user.disabled) {
    return fmt::format(R"(<span class="status non_compliant">{}</span>)",
                       t(lang, "disabled", "已停用"));
  }
  if (user.locked) {
    return fmt::format(R"(<span class="status non_compliant">{}</span>)",
                       t(lang, "locked", "已鎖定"));
  }
  return fmt::format(R"(<span class="status compliant">{}</span>)", t(lang, "active", "啟用"));
}

// A user's security keys, each with its removal once changes may be made (a
// lost key).
std::string keys_cell(Lang lang, const app::UserSummary& user, bool fresh, std::string_view csrf) {
  std::string cell;
  for (const workspace::SecurityKey& key : user.security_keys) {
    cell += fmt::format(
        R"(<div>{}{}</div>)", escape_html(key.name),
        fresh
            ? fmt::format(
                  R"( <form class="inline" method="post" action="/security-keys/remove"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="user" value="{}"><input type="hidden" name="id" value="{}"><button type="submit" class="secondary">{}</button></form>)",
                  escape_html(csrf), escape_html(user.name), escape_html(key.id),
                  t(lang, "Remove", "移除"))
            : std::string());
  }
  return cell.empty() ? std::string(t(lang, "none", "無")) : cell;
}

std::string users_table(Lang lang, const app::UserDirectory& directory, std::string_view csrf) {
  std::string rows;
  for (const app::UserSummary& user : directory.users) {
    rows += fmt::format(
        R"(<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="date">{}{}</td><td>{}</td></tr>)",
        escape_html(user.name), escape_html(user.display), role_label(lang, user.role),
        escape_html(fmt::format("{}", fmt::join(user.objects, ", "))), state_label(lang, user),
        user.failures, escape_html(user.password_changed_at.substr(0, 10)),
        user.advise_password_change
            ? fmt::format(" ({})",
                          t(lang, "over three months: advise a change", "逾三個月，建議變更"))
            : std::string(),
        keys_cell(lang, user, directory.fresh, csrf));
  }
  return fmt::format(
      R"(<table class="users"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
      t(lang, "Who may log in, and how their accounts stand", "可登入之使用者及帳號狀態"),
      t(lang, "Login", "帳號"), t(lang, "Name", "姓名"), t(lang, "Role", "角色"),
      t(lang, "Objects (owners)", "負責對象（負責人）"), t(lang, "State", "狀態"),
      t(lang, "Failures", "失敗次數"), t(lang, "Password changed", "密碼變更日"),
      t(lang, "Security keys", "安全金鑰"), rows);
}

// The accounts a form may change: never the viewer's own (another
// administrator changes it).
std::string user_options(const app::UserDirectory& directory, std::string_view self,
                         std::string_view chosen, bool (*offered)(const app::UserSummary&)) {
  std::string options;
  for (const app::UserSummary& user : directory.users) {
    if (user.name != self && offered(user)) {
      options += fmt::format(R"(<option value="{0}"{1}>{0}</option>)", escape_html(user.name),
                             user.name == chosen ? " selected" : "");
    }
  }
  return options;
}

std::string change_forms(Lang lang, const app::UserDirectory& directory, std::string_view self,
                         std::string_view csrf, const Entered& entered) {
  const std::string hidden =
      fmt::format(R"(<input type="hidden" name="csrf" value="{}">)", escape_html(csrf));
  const auto locked = [](const app::UserSummary& user) { return user.locked; };
  const auto anyone = [](const app::UserSummary&) { return true; };
  const auto enabled = [](const app::UserSummary& user) { return !user.disabled; };
  std::string roles;
  for (const app::Role role : {app::Role::kOwner, app::Role::kOfficer, app::Role::kAuditor,
                               app::Role::kBoard, app::Role::kAdmin}) {
    const std::string_view name = app::role_name(role);
    roles += fmt::format(R"(<option value="{}"{}>{}</option>)", name,
                         field_of(entered, "add_role") == name ? " selected" : "",
                         role_label(lang, role));
  }
  const std::string verification_hint = std::string(t(
      lang, "How you verified who asks (kept in the ledger)", "如何確認申請人身分（記入稽核鏈）"));
  return fmt::format(
      R"(<section aria-labelledby="unlock"><h2 id="unlock">{}</h2>
<form class="edit" method="post" action="/users/unlock">{}<label for="unlock_name">{}</label><select id="unlock_name" name="unlock_name">{}</select>
{}<button type="submit">{}</button></form></section>
<section aria-labelledby="reset"><h2 id="reset">{}</h2>
<form class="edit" method="post" action="/users/reset">{}<label for="reset_name">{}</label><select id="reset_name" name="reset_name">{}</select>
{}{}<button type="submit">{}</button></form></section>
<section aria-labelledby="disable"><h2 id="disable">{}</h2>
<form class="edit" method="post" action="/users/disable">{}<label for="disable_name">{}</label><select id="disable_name" name="disable_name">{}</select>
{}<button type="submit">{}</button></form></section>
<section aria-labelledby="add"><h2 id="add">{}</h2>
<form class="edit" method="post" action="/users/add">{}{}{}<label for="add_role">{}</label><select id="add_role" name="add_role">{}</select>
{}{}<button type="submit">{}</button></form></section>)",
      t(lang, "Unlock an account", "解除鎖定"), hidden, t(lang, "Account", "帳號"),
      user_options(directory, self, field_of(entered, "unlock_name"), locked),
      text_field("unlock_verification", verification_hint,
                 field_of(entered, "unlock_verification")),
      t(lang, "Unlock", "解除鎖定"),
      t(lang, "Reset password and authenticator", "重設密碼與驗證器"), hidden,
      t(lang, "Account", "帳號"),
      user_options(directory, self, field_of(entered, "reset_name"), anyone),
      text_field("reset_password", t(lang, "New password", "新密碼"), {}, "password"),
      text_field("reset_verification", verification_hint, field_of(entered, "reset_verification")),
      t(lang, "Reset", "重設"), t(lang, "Disable an account", "停用帳號"), hidden,
      t(lang, "Account", "帳號"),
      user_options(directory, self, field_of(entered, "disable_name"), enabled),
      text_field("disable_reason", t(lang, "Why (kept in the ledger)", "原因（記入稽核鏈）"),
                 field_of(entered, "disable_reason")),
      t(lang, "Disable", "停用"), t(lang, "Add a user", "新增使用者"), hidden,
      text_field("add_name", t(lang, "Login", "帳號"), field_of(entered, "add_name")),
      text_field("add_display", t(lang, "Name <e-mail>", "姓名 <電子郵件>"),
                 field_of(entered, "add_display")),
      t(lang, "Role", "角色"), roles,
      text_field("add_objects",
                 t(lang, "Objects of an owner (kind/key, comma-separated)",
                   "負責人之對象（種類/代號，以逗號分隔）"),
                 field_of(entered, "add_objects")),
      text_field("add_password", t(lang, "Password", "密碼"), {}, "password"),
      t(lang, "Add", "新增"));
}

}  // namespace

std::string users_page(const Frame& frame, const app::UserDirectory& directory,
                       std::string_view notice, std::string_view problem, const Entered& entered) {
  const Lang lang = frame.lang;
  const std::string csrf = frame.session != nullptr ? frame.session->csrf : std::string();
  const std::string self = frame.session != nullptr ? frame.session->who.name : std::string();
  return layout(
      frame, t(lang, "Users", "使用者"),
      fmt::format(R"(<h1>{}</h1>{}{}{})", t(lang, "Users", "使用者"), said(notice, problem),
                  users_table(lang, directory, csrf),
                  directory.fresh ? change_forms(lang, directory, self, csrf, entered)
                                  : reauth_form(lang, csrf, "/users",
                                                t(lang, "Changing users", "管理使用者"))));
}

std::string enrolment_page(const Frame& frame, const app::Enrolment& enrolment) {
  const Lang lang = frame.lang;
  return layout(
      frame, t(lang, "Authenticator enrolment", "驗證器設定"),
      fmt::format(
          R"(<p><a href="/users">{}</a></p><h1>{} <code>{}</code></h1>
<p class="advice" role="status">{}</p><figure class="qr">{}<figcaption>{}</figcaption></figure>
<p><code class="otpauth">{}</code></p>)",
          t(lang, "← users", "← 使用者"), t(lang, "Authenticator for", "驗證器設定："),
          escape_html(enrolment.name),
          t(lang,
            "Recorded, and written to the ledger. Give this to the user in person: it is shown "
            "once and never stored in readable form.",
            "已記錄並寫入稽核鏈。請當面交付使用者：此畫面僅顯示一次，系統不以可讀形式保存。"),
          enrolment.qr_svg,
          t(lang, "Scan with an authenticator app (TOTP, 30 s, 6 digits)",
            "以驗證器 App 掃描（TOTP，30 秒，6 位數）"),
          escape_html(enrolment.otpauth_uri)));
}

nlohmann::ordered_json users_json(const app::UserDirectory& directory) {
  nlohmann::ordered_json document = app::users_json(directory.users);
  document["fresh"] = directory.fresh;
  return document;
}

Json enrolment_json(const app::Enrolment& enrolment) {
  return {{"schema", "etguard.enrolment"},
          {"version", "1.0"},
          {"name", enrolment.name},
          {"otpauth_uri", enrolment.otpauth_uri}};
}

}  // namespace etguard::server
