#include "server/token_pages.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text.h"

namespace etguard::server {
namespace {

std::string token_state(Lang lang, const app::ApiTokenSummary& token) {
  if (!token.revoked_at.empty()) {
    return fmt::format(R"(<span class="status non_compliant">{} {}</span>)",
                       t(lang, "revoked", "已撤銷"), escape_html(token.revoked_at.substr(0, 10)));
  }
  if (token.expired) {
    return fmt::format(R"(<span class="status not_assessed">{}</span>)",
                       t(lang, "expired", "已過期"));
  }
  return fmt::format(R"(<span class="status compliant">{}</span>)", t(lang, "active", "有效"));
}

std::string tokens_table(Lang lang, const app::TokenDirectory& directory, std::string_view csrf) {
  if (directory.tokens.empty()) {
    return fmt::format("<p>{}</p>", t(lang, "No API tokens yet.", "尚無 API 權杖。"));
  }
  std::string rows;
  for (const app::ApiTokenSummary& token : directory.tokens) {
    const bool active = token.revoked_at.empty() && !token.expired;
    const std::string revoke =
        active
            ? fmt::format(
                  R"(<form method="post" action="/tokens/revoke"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="id" value="{}"><button type="submit" aria-label="{} {}">{}</button></form>)",
                  escape_html(csrf), escape_html(token.id), t(lang, "Revoke", "撤銷"),
                  escape_html(token.id), t(lang, "Revoke", "撤銷"))
            : std::string();
    rows += fmt::format(
        R"(<tr><td><code>{}</code></td>{}<td>{}</td><td>{}</td><td>{}</td><td class="date">{}</td><td>{}</td><td>{}</td></tr>)",
        escape_html(token.id),
        directory.everyone ? fmt::format("<td>{}</td>", escape_html(token.user)) : std::string(),
        escape_html(token.name), role_label(lang, token.role),
        escape_html(fmt::format("{}", fmt::join(token.objects, ", "))),
        escape_html(token.expires_at.substr(0, 10)), token_state(lang, token), revoke);
  }
  return fmt::format(
      R"(<table class="tokens"><caption>{}</caption><thead><tr><th scope="col">{}</th>{}<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
      directory.everyone ? t(lang, "Every user's API tokens", "所有使用者之 API 權杖")
                         : t(lang, "Your API tokens", "您的 API 權杖"),
      t(lang, "Token", "權杖"),
      directory.everyone ? fmt::format(R"(<th scope="col">{}</th>)", t(lang, "User", "使用者"))
                         : std::string(),
      t(lang, "Name", "名稱"), t(lang, "Role", "角色"), t(lang, "Objects", "對象"),
      t(lang, "Expires", "到期"), t(lang, "State", "狀態"), t(lang, "Action", "操作"), rows);
}

std::string create_form(Lang lang, const Frame& frame, std::string_view csrf,
                        const Fields& entered) {
  const app::Role own = frame.session->who.role;
  std::string roles;
  for (const app::Role role : {app::Role::kOwner, app::Role::kOfficer, app::Role::kAuditor,
                               app::Role::kBoard, app::Role::kAdmin}) {
    if (!app::covers(own, role)) {
      continue;
    }
    const std::string_view name = app::role_name(role);
    const std::string chosen = field_of(entered, "role");
    roles += fmt::format(R"(<option value="{}"{}>{}</option>)", name,
                         (chosen.empty() ? role == own : chosen == name) ? " selected" : "",
                         role_label(lang, role));
  }
  const std::string days = field_of(entered, "days");
  return fmt::format(
      R"(<section aria-labelledby="make"><h2 id="make">{}</h2>
<form class="edit" method="post" action="/tokens/add"><input type="hidden" name="csrf" value="{}">{}<label for="role">{}</label><select id="role" name="role">{}</select>
{}{}<button type="submit">{}</button></form>
<p class="advice">{}</p></section>)",
      t(lang, "Make a token for a pipeline", "為管線建立權杖"), escape_html(csrf),
      text_field("name", t(lang, "What it is for (ci-tls)", "用途（如 ci-tls）"),
                 field_of(entered, "name")),
      t(lang, "Role it acts in", "行事之角色"), roles,
      text_field("objects",
                 t(lang, "Objects of an owner token (kind/key, comma-separated; empty: yours)",
                   "負責人權杖之對象（種類/代號，以逗號分隔；空白為您負責之對象）"),
                 field_of(entered, "objects")),
      text_field("days", t(lang, "Days until it expires (1 to 366)", "至到期之天數（1 至 366）"),
                 days.empty() ? std::string_view("90") : days, "number"),
      t(lang, "Make the token", "建立權杖"),
      t(lang,
        "A pipeline sends it as Authorization: Bearer to the JSON API only, e.g. etguard scan "
        "tls --push https://this-server --token-file FILE. What it records is yours in the "
        "ledger.",
        "管線僅能以 Authorization: Bearer 將其送至 JSON API，例如 etguard scan tls --push "
        "https://本伺服器 --token-file 檔案。其所記錄者於稽核鏈中歸屬於您。"));
}

}  // namespace

std::string tokens_page(const Frame& frame, const app::TokenDirectory& directory,
                        std::string_view notice, std::string_view problem, const Fields& entered) {
  const Lang lang = frame.lang;
  const std::string csrf = frame.session != nullptr ? frame.session->csrf : std::string();
  return layout(
      frame, t(lang, "API tokens", "API 權杖"),
      fmt::format(R"(<h1>{}</h1>{}{}{})", t(lang, "API tokens", "API 權杖"), said(notice, problem),
                  tokens_table(lang, directory, csrf),
                  directory.fresh ? create_form(lang, frame, csrf, entered)
                                  : reauth_form(lang, csrf, "/tokens",
                                                t(lang, "Making an API token", "建立 API 權杖"))));
}

std::string issued_token_page(const Frame& frame, const app::IssuedApiToken& issued) {
  const Lang lang = frame.lang;
  return layout(
      frame, t(lang, "New API token", "新 API 權杖"),
      fmt::format(
          R"(<p><a href="/tokens">{}</a></p><h1>{} <code>{}</code></h1>
<p class="advice" role="status">{}</p><p><label for="secret">{}</label></p><p><input id="secret" class="secret" readonly value="{}" size="70"></p><p>{} {}</p>)",
          t(lang, "← API tokens", "← API 權杖"), t(lang, "API token", "API 權杖"),
          escape_html(issued.id),
          t(lang,
            "Recorded in the ledger. Copy the secret into the pipeline's secret store now: it is "
            "shown this once and kept only as a hash.",
            "已寫入稽核鏈。請立即將密鑰存入管線之機密儲存：此畫面僅顯示一次，系統僅保存其雜湊。"),
          t(lang, "Secret", "密鑰"), escape_html(issued.secret), t(lang, "Expires", "到期"),
          escape_html(issued.expires_at.substr(0, 10))));
}

nlohmann::ordered_json tokens_json(const app::TokenDirectory& directory) {
  nlohmann::ordered_json document = app::api_tokens_json(directory.tokens);
  document["fresh"] = directory.fresh;
  return document;
}

nlohmann::ordered_json issued_token_json(const app::IssuedApiToken& issued) {
  return {{"schema", "etguard.api_token"},
          {"version", "1.0"},
          {"id", issued.id},
          {"secret", issued.secret},
          {"expires_at", issued.expires_at}};
}

}  // namespace etguard::server
