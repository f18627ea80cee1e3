// The site's user administration and re-authentication (issue 18): parse,
// call the use case of app/user_admin.h, render.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/user_admin.h"
#include "core/text.h"
#include "server/answers.h"
#include "server/pages.h"
#include "server/site.h"
#include "server/user_pages.h"

namespace etguard::server {
namespace {

// What a change did: an enrolment to show once, or a notice.
struct Done {
  std::optional<app::Enrolment> enrolment;
  std::string notice_en;
  std::string notice_zh;
};

// One change by `action`, its fields read as `field(key)`.
Result<Done> change(app::Session& session, const app::AdminAct& act, std::string_view action,
                    const std::function<std::string(std::string_view)>& field) {
  const std::string name = field("name");
  if (action == "add") {
    const app::UserSpec spec{.name = name,
                             .display = field("display"),
                             .role = field("role"),
                             .objects = split_list(field("objects"))};
    auto added = app::add_user_as(session, act, spec, field("password"));
    if (!added) {
      return std::unexpected(added.error());
    }
    return Done{.enrolment = std::move(*added), .notice_en = {}, .notice_zh = {}};
  }
  if (action == "reset") {
    auto reset = app::reset_user_as(session, act, name, field("password"), field("verification"));
    if (!reset) {
      return std::unexpected(reset.error());
    }
    return Done{.enrolment = std::move(*reset), .notice_en = {}, .notice_zh = {}};
  }
  if (action == "unlock" || action == "disable") {
    const Status done = action == "unlock"
                            ? app::unlock_user_as(session, act, name, field("verification"))
                            : app::disable_user_as(session, act, name, field("reason"));
    if (!done) {
      return std::unexpected(done.error());
    }
    return Done{.enrolment = std::nullopt,
                .notice_en = fmt::format("{} {}: recorded in the ledger.",
                                         action == "unlock" ? "Unlocked" : "Disabled", name),
                .notice_zh = fmt::format("已{}「{}」並寫入稽核鏈。",
                                         action == "unlock" ? "解除鎖定" : "停用", name)};
  }
  return fail(ErrorKind::kInternal, fmt::format("user action '{}' reached change()", action),
              fmt::format("使用者操作「{}」不應到達此處", action));
}

}  // namespace

Response Site::users(const Request& request, const Visit& visit, const app::WebSession& web) {
  const auto [json, action, post] = within(request, "/users");
  const Frame frame{.lang = visit.lang, .session = &web, .path = "/users"};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  if (post == action.empty() || (!post && request.method != "GET" && request.method != "HEAD")) {
    return problem(no_route(request));
  }
  auto session = session_for(web, post);
  if (!session) {
    return problem(session.error());
  }
  const app::AdminAct act{.who = web.who, .fresh = sessions_.fresh(web)};
  Result<Done> done = Done{};
  Entered entered;
  std::string notice;
  if (post) {
    const std::string verb(action.substr(1));
    if (verb != "add" && verb != "unlock" && verb != "reset" && verb != "disable") {
      return problem({ErrorKind::kNotFound, fmt::format("there is no user action '{}'", verb),
                      fmt::format("沒有使用者操作「{}」", verb)});
    }
    Result<Fields> fields = body_fields(request, json);
    if (!fields) {
      return problem(fields.error());
    }
    // The page's fields are named for their form ("unlock_name"), the API's plainly.
    const std::string prefix = json ? std::string() : verb + "_";
    done = change(session->get(), act, verb, [&](std::string_view key) {
      return field_of(*fields, prefix + std::string(key));
    });
    if (done) {
      if (const std::optional<app::Enrolment>& enrolment = done->enrolment) {
        return json ? json_response(200, enrolment_json(*enrolment))
                    : html_response(200, enrolment_page(frame, *enrolment));
      }
    }
    if (!done && (json || done.error().kind == ErrorKind::kDenied)) {
      return problem(done.error());
    }
    if (done && !json) {
      return redirect(
          fmt::format("/users?done={}",
                      url_encode(visit.lang == Lang::kZhTw ? done->notice_zh : done->notice_en)));
    }
    if (!done) {
      for (const auto& [key, value] : *fields) {
        if (!key.ends_with("password") && key != "csrf") {
          entered.emplace(key, value);
        }
      }
    }
  } else if (const auto query = form_fields(request.query()); query.contains("done")) {
    notice = query.at("done");
  }
  auto directory = app::list_users_as(session->get(), act);
  if (!directory) {
    return problem(directory.error());
  }
  if (json) {
    return json_response(200, users_json(*directory));
  }
  return html_response(
      done ? 200 : status_of(done.error()),
      users_page(frame, *directory, notice,
                 done ? std::string_view() : say(visit.lang, done.error()), entered));
}

Response Site::reauthenticate(const Request& request, const Visit& visit,
                              const app::WebSession& web) {
  const bool json = request.path().starts_with("/api/");
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  Result<Fields> fields = body_fields(request, json);
  if (!fields) {
    return problem_answer(frame, json, fields.error());
  }
  const auto field = [&](std::string_view key) { return field_of(*fields, key); };
  const Status confirmed = [&] {
    const std::scoped_lock lock(users_mutex_);
    return app::reauthenticate(*users_, web.who, field("password"), field("code"), request.source);
  }();
  if (!confirmed) {
    const Error& error = confirmed.error();
    return json ? json_problem(visit.lang, error.kind == ErrorKind::kInternal ? 500 : 401, error)
                : html_response(401, message_page(frame, "401", say(visit.lang, error)));
  }
  sessions_.reauthenticated(visit.token);
  if (json) {
    return json_response(200,
                         nlohmann::json{{"schema", "etguard.reauthenticated"}, {"version", "1.0"}});
  }
  const std::string back = field("back");
  return redirect(back == "/users" || back == "/reports" || back == "/tokens" ? back : "/");
}

}  // namespace etguard::server
