// The site's security keys (issue 18): parse, call the use cases of
// app/security_keys.h and app/users.h, render.
#include <fmt/format.h>

#include "core/text.h"
#include "server/answers.h"
#include "server/key_pages.h"
#include "server/pages.h"
#include "server/site.h"

namespace etguard::server {
namespace {

// A login step refused: the login page again, with why.
Response login_refused(const Frame& frame, std::string_view name, const Error& error) {
  return html_response(error.kind == ErrorKind::kInternal ? 500 : 401,
                       login_page(frame, name, say(frame.lang, error)));
}

}  // namespace

Status Site::use_origin(std::string_view origin) {
  auto party = app::relying_party(origin);
  if (!party) {
    return std::unexpected(party.error());
  }
  const std::scoped_lock lock(party_mutex_);
  party_ = std::move(*party);
  return {};
}

Result<app::RelyingParty> Site::relying_party() {
  const std::scoped_lock lock(party_mutex_);
  if (!party_) {
    return fail(ErrorKind::kDenied, "this server has no origin for security keys (serve --origin)",
                "本伺服器未設定安全金鑰之來源（serve --origin）");
  }
  return *party_;
}

Response Site::key_login_step(const Request& request, Visit& visit, Fields& fields) {
  const Frame frame{.lang = visit.lang, .session = nullptr, .path = "/login"};
  const std::string& name = fields["name"];
  auto party = relying_party();
  if (!party) {
    return login_refused(frame, name, party.error());
  }
  auto challenge = [&] {
    const std::scoped_lock lock(users_mutex_);
    return users_->start_key_login(name, fields["password"], request.source, key_challenges_,
                                   *party);
  }();
  return challenge ? html_response(200, key_login_page(frame, name, *challenge))
                   : login_refused(frame, name, challenge.error());
}

Response Site::log_in_with_key(const Request& request, Visit& visit) {
  const Frame frame{.lang = visit.lang, .session = nullptr, .path = "/login"};
  auto fields = form_fields(request.body);
  const std::string& name = fields["name"];
  auto party = relying_party();
  if (!party) {
    return login_refused(frame, name, party.error());
  }
  auto login = [&] {
    const std::scoped_lock lock(users_mutex_);
    return users_->finish_key_login({.handle = fields["handle"],
                                     .credential_id = fields["credential_id"],
                                     .client_data = fields["client_data"],
                                     .authenticator_data = fields["authenticator_data"],
                                     .signature = fields["signature"]},
                                    key_challenges_, *party);
  }();
  return login ? logged_in(request, visit, *login) : login_refused(frame, name, login.error());
}

Response Site::security_keys(const Request& request, const Visit& visit,
                             const app::WebSession& web) {
  const auto [json, action, post] = within(request, "/security-keys");
  const Frame frame{.lang = visit.lang, .session = &web, .path = "/security-keys"};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  const bool known =
      post ? (action == "/remove" || (json && (action == "/options" || action == "/add")))
           : action.empty() && (request.method == "GET" || request.method == "HEAD");
  if (!known) {
    return problem(no_route(request));
  }
  auto session = session_for(web, post);
  if (!session) {
    return problem(session.error());
  }
  const app::AdminAct act{.who = web.who, .fresh = !visit.bearer && sessions_.fresh(web)};
  std::string notice;
  std::optional<Error> refused;
  if (post) {
    Result<Fields> fields = body_fields(request, json);
    if (!fields) {
      return problem(fields.error());
    }
    auto party = relying_party();
    if (action == "/options") {
      auto options =
          party ? app::begin_key_registration_as(session->get(), act, key_challenges_, *party)
                : Result<app::KeyRegistrationOptions>(std::unexpected(party.error()));
      return options ? json_response(200, key_options_json(*options)) : problem(options.error());
    }
    if (action == "/add") {
      const auto algorithm = field_of(*fields, "algorithm");
      const app::NewSecurityKey key{.name = field_of(*fields, "name"),
                                    .credential_id = field_of(*fields, "credential_id"),
                                    .client_data = field_of(*fields, "client_data"),
                                    .authenticator_data = field_of(*fields, "authenticator_data"),
                                    .public_key = field_of(*fields, "public_key"),
                                    .algorithm = algorithm == "-7"     ? -7
                                                 : algorithm == "-8"   ? -8
                                                 : algorithm == "-257" ? -257
                                                                       : 0};
      auto added = party
                       ? app::add_security_key_as(session->get(), act, key_challenges_, *party, key)
                       : Result<workspace::SecurityKey>(std::unexpected(party.error()));
      return added ? json_response(200, security_keys_json({*added}, act.fresh))
                   : problem(added.error());
    }
    const std::string user =
        field_of(*fields, "user").empty() ? web.who.name : field_of(*fields, "user");
    const std::string id = field_of(*fields, "id");
    if (Status removed = app::remove_security_key_as(session->get(), act, user, id); !removed) {
      refused = removed.error();
    } else if (json) {
      return json_response(200, nlohmann::ordered_json{{"schema", "etguard.security_key_removed"},
                                                       {"version", "1.0"},
                                                       {"user", user},
                                                       {"id", id}});
    } else if (user == web.who.name) {
      return redirect(fmt::format("/security-keys?done={}",
                                  url_encode(std::string(t(visit.lang, "Removed", "已移除")))));
    } else {
      // An administrator removing someone's lost key goes back to the users.
      return redirect(fmt::format(
          "/users?done={}",
          url_encode(fmt::format(
              fmt::runtime(t(visit.lang, "Removed a security key of {}: recorded in the ledger.",
                             "已移除 {} 之一支安全金鑰並寫入稽核鏈。")),
              user))));
    }
    if (json || refused->kind == ErrorKind::kDenied) {
      return problem(*refused);
    }
  } else if (const auto query = form_fields(request.query()); query.contains("done")) {
    notice = fmt::format(
        fmt::runtime(t(visit.lang, "{}: recorded in the ledger.", "{}：已寫入稽核鏈。")),
        query.at("done"));
  }
  auto keys = app::security_keys_as(session->get(), web.who);
  if (!keys) {
    return problem(keys.error());
  }
  if (json) {
    return json_response(200, security_keys_json(*keys, act.fresh));
  }
  return html_response(
      refused ? status_of(*refused) : 200,
      security_keys_page(frame, *keys, act.fresh, notice,
                         refused ? say(visit.lang, *refused) : std::string_view()));
}

}  // namespace etguard::server
