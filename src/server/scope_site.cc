// The site's scope (issue 18): parse the filter, call the use case of
// app/scope_view.h, render.
#include <fmt/format.h>

#include "app/scope_view.h"
#include "server/answers.h"
#include "server/scope_pages.h"
#include "server/site.h"

namespace etguard::server {
namespace {

Result<app::ScopeQuery> scope_query(std::string_view query, Lang lang) {
  const Fields fields = form_fields(query);
  app::ScopeQuery scope{
      .applies = field_of(fields, "applies"), .node = field_of(fields, "node"), .lang = lang};
  // A whole number up to `largest`, or nothing when the field is absent.
  const auto number = [&](std::string_view key,
                          std::size_t largest) -> Result<std::optional<std::size_t>> {
    const std::string value = field_of(fields, key);
    if (value.empty()) {
      return std::nullopt;
    }
    const auto given = count_of(value);
    if (!given || *given > largest) {
      return fail(ErrorKind::kUsage, fmt::format("{} '{}' is not a valid value", key, value),
                  fmt::format("{} 之值 '{}' 不正確", key, value));
    }
    return given;
  };
  const auto chapter = number("chapter", 99);
  const auto offset = chapter ? number("offset", 1'000'000) : chapter;
  if (!offset) {
    return std::unexpected(offset.error());
  }
  scope.chapter = static_cast<int>(chapter->value_or(0));
  scope.offset = offset->value_or(0);
  return scope;
}

}  // namespace

Response Site::scope(const Request& request, const Visit& visit, const app::WebSession& web) {
  const bool json = request.path().starts_with("/api/");
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  auto query = scope_query(request.query(), visit.lang);
  if (!query) {
    return problem(query.error());
  }
  auto session = session_for(web, false);
  if (!session) {
    return problem(session.error());
  }
  auto view = app::scope_view(session->get(), web.who, *query);
  if (!view) {
    return problem(view.error());
  }
  return json ? json_response(200, scope_json(*view, *query))
              : html_response(200, scope_page(frame, *view, *query));
}

}  // namespace etguard::server
