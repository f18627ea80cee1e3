// The site's API tokens (issue 18): parse, call the use cases of
// app/api_tokens.h, render.
#include <fmt/format.h>

#include "app/api_tokens.h"
#include "core/text.h"
#include "server/answers.h"
#include "server/site.h"
#include "server/token_pages.h"

namespace etguard::server {
namespace {

Result<app::ApiTokenSpec> token_spec(const Fields& fields) {
  app::ApiTokenSpec spec{.user = field_of(fields, "user"),
                         .name = std::string(trim(field_of(fields, "name"))),
                         .role = field_of(fields, "role"),
                         .objects = split_list(field_of(fields, "objects"))};
  if (const std::string days = field_of(fields, "days"); !days.empty()) {
    const auto number = count_of(days);
    if (!number || *number > static_cast<std::size_t>(app::kMaxTokenDays)) {
      return fail(ErrorKind::kUsage,
                  fmt::format("'{}' is not a number of days (1 to {})", days, app::kMaxTokenDays),
                  fmt::format("「{}」不是天數（1 至 {}）", days, app::kMaxTokenDays));
    }
    spec.days = static_cast<int>(*number);
  }
  return spec;
}

}  // namespace

Response Site::tokens(const Request& request, const Visit& visit, const app::WebSession& web) {
  const auto [json, action, post] = within(request, "/tokens");
  const Frame frame{.lang = visit.lang, .session = &web, .path = "/tokens"};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  if (post == action.empty() || (post && action != "/add" && action != "/revoke") ||
      (!post && request.method != "GET" && request.method != "HEAD")) {
    return problem(no_route(request));
  }
  auto session = session_for(web, post);
  if (!session) {
    return problem(session.error());
  }
  const app::AdminAct act{.who = web.who, .fresh = !visit.bearer && sessions_.fresh(web)};
  Fields entered;
  std::string notice;
  std::optional<Error> refused;
  if (post) {
    Result<Fields> fields = body_fields(request, json);
    if (!fields) {
      return problem(fields.error());
    }
    if (action == "/add") {
      auto spec = token_spec(*fields);
      auto issued = spec ? app::create_api_token_as(session->get(), act, std::move(*spec))
                         : Result<app::IssuedApiToken>(std::unexpected(spec.error()));
      if (issued) {
        return json ? json_response(200, issued_token_json(*issued))
                    : html_response(200, issued_token_page(frame, *issued));
      }
      refused = issued.error();
      entered = *fields;
      entered.erase("csrf");
    } else {
      const std::string id = field_of(*fields, "id");
      if (Status revoked = app::revoke_api_token_as(session->get(), web.who, id); !revoked) {
        refused = revoked.error();
      } else if (json) {
        return json_response(
            200, nlohmann::ordered_json{
                     {"schema", "etguard.api_token_revoked"}, {"version", "1.0"}, {"id", id}});
      } else {
        return redirect(fmt::format(
            "/tokens?done={}",
            url_encode(fmt::format(fmt::runtime(t(visit.lang, "Revoked {}: recorded in the ledger.",
                                                  "已撤銷 {} 並寫入稽核鏈。")),
                                   id))));
      }
    }
    if (json || refused->kind == ErrorKind::kDenied) {
      return problem(*refused);
    }
  } else if (const auto query = form_fields(request.query()); query.contains("done")) {
    notice = query.at("done");
  }
  auto directory = app::list_api_tokens_as(session->get(), act);
  if (!directory) {
    return problem(directory.error());
  }
  if (json) {
    return json_response(200, tokens_json(*directory));
  }
  return html_response(
      refused ? status_of(*refused) : 200,
      tokens_page(frame, *directory, notice,
                  refused ? say(visit.lang, *refused) : std::string_view(), entered));
}

}  // namespace etguard::server
