// The site's side of `etguard scan ... --push` (issue 18): a pipeline's API
// token (or a logged-in user) posts a scan's findings; they are recorded by
// the same use case as the terminal's `--import`, limited to the objects the
// principal reaches.
#include "app/api_tokens.h"
#include "app/findings_push.h"
#include "server/answers.h"
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

}  // namespace etguard::server
