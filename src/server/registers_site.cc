// The site's registers (issue 18): parse the filter, call the use case of
// app/registers_view.h, render.
#include <fmt/format.h>

#include "app/registers_view.h"
#include "server/answers.h"
#include "server/registers_pages.h"
#include "server/site.h"

namespace etguard::server {
namespace {

Result<app::RegistersQuery> registers_query(std::string_view query) {
  const Fields fields = form_fields(query);
  app::RegistersQuery registers{.subject = field_of(fields, "register"),
                                .search = field_of(fields, "q"),
                                .offset = 0,
                                .limit = 200};
  if (const std::string offset = field_of(fields, "offset"); !offset.empty()) {
    const auto given = count_of(offset);
    if (!given || *given > 10'000'000) {
      return fail(ErrorKind::kUsage, fmt::format("offset '{}' is not a valid value", offset),
                  fmt::format("offset 之值 '{}' 不正確", offset));
    }
    registers.offset = *given;
  }
  if (registers.search.size() > 200) {
    return fail(ErrorKind::kUsage, "the search is longer than 200 bytes",
                "搜尋字串超過 200 位元組");
  }
  return registers;
}

}  // namespace

Response Site::registers(const Request& request, const Visit& visit, const app::WebSession& web) {
  const bool json = request.path().starts_with("/api/");
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  auto query = registers_query(request.query());
  if (!query) {
    return problem(query.error());
  }
  auto session = session_for(web, false);
  if (!session) {
    return problem(session.error());
  }
  auto view = app::registers_view(session->get(), web.who, *query);
  if (!view) {
    return problem(view.error());
  }
  return json ? json_response(200, registers_json(*view, *query))
              : html_response(200, registers_page(frame, *view, *query));
}

}  // namespace etguard::server
