// The site's side of the checks' findings (issue 18): a pipeline's API token
// (or a logged-in user) posts a scan's findings (`etguard scan ... --push`),
// recorded by the same use case as the terminal's `--import`, limited to the
// objects the principal reaches; and the findings recorded, per object.
#include "app/api_tokens.h"
#include "app/findings_push.h"
#include "app/findings_view.h"
#include "server/answers.h"
#include "server/findings_pages.h"
#include "server/site.h"

namespace etguard::server {

Status Site::bearer_session(std::string_view credential, Visit& visit) {
  auto session = pool_->lease("etguard serve", false);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto who = app::authenticate_api_token(session->get(), credential);
  if (!who) {
    return std::unexpected(who.error());
  }
  const TimePoint now = environment_.clock->now();
  visit.session = app::WebSession{.who = std::move(*who),
                                  .csrf = {},
                                  .started = now,
                                  .last_seen = now,
                                  .authenticated = TimePoint{},
                                  .advise_password_change = false};
  visit.bearer = true;
  return {};
}

Response Site::pushed_findings(const Request& request, const Visit& visit,
                               const app::WebSession& web) {
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  auto pushed = app::parse_findings_push(request.body, "request body");
  if (!pushed) {
    return problem_answer(frame, true, pushed.error());
  }
  auto session = session_for(web, true);
  if (!session) {
    return problem_answer(frame, true, session.error());
  }
  auto imported = app::import_findings_as(session->get(), web.who, *pushed);
  if (!imported) {
    return problem_answer(frame, true, imported.error());
  }
  return json_response(200, app::findings_imported_json(*imported));
}

Response Site::findings(const Request& request, const Visit& visit, const app::WebSession& web) {
  const bool json = request.path().starts_with("/api/");
  const Frame frame{.lang = visit.lang, .session = &web, .path = "/findings"};
  const auto query = form_fields(request.query());
  const std::string object = query.contains("object") ? query.at("object") : std::string();
  auto session = session_for(web, false);
  Result<app::FindingsView> view =
      session ? app::findings_view_as(session->get(), web.who, object)
              : Result<app::FindingsView>(std::unexpected(session.error()));
  if (!view) {
    return problem_answer(frame, json, view.error());
  }
  return json ? json_response(200, findings_json(*view))
              : html_response(200, findings_page(frame, *view, object));
}

}  // namespace etguard::server
