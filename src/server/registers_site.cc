// The site's registers (issue 18): parse the filter, call the use case of
// app/registers_view.h, render.
#include <fmt/format.h>

#include "app/registers_view.h"
#include "core/text.h"
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

// "name: value" lines as edits of `before`: a name no longer given is
// removed (an empty value); a line without a colon is refused.
Result<std::map<std::string, std::string>> line_edits(
    std::string_view text, const std::map<std::string, std::string>& before,
    std::string_view what) {
  std::map<std::string, std::string> edits;
  for (const auto& [name, value] : before) {
    edits[name] = "";
  }
  std::size_t number = 0;
  for (std::string_view rest = text; !rest.empty();) {
    const std::size_t end = rest.find('\n');
    const std::string line(trim(rest.substr(0, end)));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    ++number;
    if (line.empty()) {
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos || trim(std::string_view(line).substr(0, colon)).empty()) {
      return fail(ErrorKind::kUsage,
                  fmt::format("{} line {}: '{}' is not name: value", what, number, line),
                  fmt::format("{}第 {} 行：'{}' 不是「名稱: 值」", what, number, line));
    }
    edits[std::string(trim(std::string_view(line).substr(0, colon)))] =
        std::string(trim(std::string_view(line).substr(colon + 1)));
  }
  return edits;
}

Result<app::EntryEdit> edit_from_form(const Fields& form, const assess::RegisterEntry& before) {
  app::EntryEdit edit{.key = before.key(),
                      .name = field_of(form, "name"),
                      .owner = field_of(form, "owner"),
                      .facts = {},
                      .details = {},
                      .dates = {}};
  for (const auto& [field, value] : form) {
    if (field.starts_with("fact.") && (value == "yes" || value == "no")) {
      edit.facts[field.substr(5)] = value == "yes";
    }
  }
  auto details = line_edits(field_of(form, "details"), before.details, "details");
  auto dates = line_edits(field_of(form, "dates"), before.dates, "dates");
  if (!details || !dates) {
    return std::unexpected(details ? dates.error() : details.error());
  }
  edit.details = std::move(*details);
  edit.dates = std::move(*dates);
  return edit;
}

Result<app::EntryEdit> edit_from_json(std::string_view body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("key") ||
      !json["key"].is_string()) {
    return fail(ErrorKind::kUsage, "expected {\"key\": \"REGISTER/ID\", ...} as JSON",
                "應為 JSON {\"key\": \"清冊/代號\", ...}");
  }
  app::EntryEdit edit{.key = json["key"].get<std::string>(),
                      .name = std::nullopt,
                      .owner = std::nullopt,
                      .facts = {},
                      .details = {},
                      .dates = {}};
  try {
    if (json.contains("name")) {
      edit.name = json["name"].get<std::string>();
    }
    if (json.contains("owner")) {
      edit.owner = json["owner"].get<std::string>();
    }
    edit.facts = json.value("facts", std::map<std::string, bool>{});
    edit.details = json.value("details", std::map<std::string, std::string>{});
    edit.dates = json.value("dates", std::map<std::string, std::string>{});
  } catch (const nlohmann::json::exception& error) {
    return fail(ErrorKind::kUsage, fmt::format("a field of the wrong type: {}", error.what()),
                fmt::format("欄位型別錯誤：{}", error.what()));
  }
  return edit;
}

}  // namespace

Response Site::register_entry(const Request& request, const Visit& visit,
                              const app::WebSession& web) {
  const bool json = request.path().starts_with("/api/");
  const bool post = request.method == "POST";
  if (request.path().ends_with("/remove")) {
    return remove_register_entry(request, visit, web);
  }
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  const Fields form = post && !json ? form_fields(request.body) : form_fields(request.query());
  auto session = session_for(web, post);
  if (!session) {
    return problem(session.error());
  }
  if (json) {  // POST /api/registers/entry
    auto edit = edit_from_json(request.body);
    auto changed = edit ? app::set_entry_as(session->get(), web.who, *edit)
                        : Result<workspace::ImportSummary>(std::unexpected(edit.error()));
    if (!changed) {
      return problem(changed.error());
    }
    return json_response(
        200, {{"key", edit->key}, {"added", changed->added}, {"changed", changed->changed}});
  }
  const std::string key = field_of(form, "key");
  const std::size_t slash = key.find('/');
  auto shown = app::register_entry_as(session->get(), web.who, key);
  if (!shown) {
    return problem(shown.error());
  }
  const assess::RegisterEntry& entry = *shown->entry;
  if (!post) {
    return html_response(200, register_entry_page(frame, entry, {}, shown->may_remove));
  }
  auto edit = edit_from_form(form, entry);
  auto changed = edit ? app::set_entry_as(session->get(), web.who, *edit)
                      : Result<workspace::ImportSummary>(std::unexpected(edit.error()));
  if (!changed) {
    if (changed.error().kind != ErrorKind::kUsage && changed.error().kind != ErrorKind::kInput) {
      return problem(changed.error());
    }
    assess::RegisterEntry typed = entry;  // shown again as typed
    typed.name = field_of(form, "name");
    typed.owner = field_of(form, "owner");
    return html_response(
        400, register_entry_page(frame, typed, std::string(say(visit.lang, changed.error())),
                                 shown->may_remove));
  }
  return redirect(fmt::format("/registers?register={}&q={}&saved=1",
                              url_encode(key.substr(0, slash)), url_encode(key.substr(slash + 1))));
}

Response Site::remove_register_entry(const Request& request, const Visit& visit,
                                     const app::WebSession& web) {
  const bool json = request.path().starts_with("/api/");
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  std::string key;
  bool force = false;
  if (json) {
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("key") ||
        !body["key"].is_string() || (body.contains("force") && !body["force"].is_boolean())) {
      return problem({ErrorKind::kUsage, "expected {\"key\": \"REGISTER/ID\", \"force\": false}",
                      "應為 {\"key\": \"清冊/代號\", \"force\": false}"});
    }
    key = body["key"].get<std::string>();
    force = body.value("force", false);
  } else {
    const Fields form = form_fields(request.body);
    key = field_of(form, "key");
    force = field_of(form, "force") == "on";
  }
  auto session = session_for(web, true);
  if (!session) {
    return problem(session.error());
  }
  auto removed = app::remove_entry_as(session->get(), web.who, key, force);
  if (!removed) {
    return problem(removed.error());
  }
  return json ? json_response(200, {{"key", key}, {"removed", removed->removed}})
              : redirect("/registers?removed=1");
}

Response Site::registers_file(const Request& request, const Visit& visit,
                              const app::WebSession& web) {
  const bool importing = request.path() == "/api/registers/import";
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  const auto problem = [&](const Error& error) { return problem_answer(frame, importing, error); };
  auto session = session_for(web, importing);
  if (!session) {
    return problem(session.error());
  }
  const Fields query = form_fields(request.query());
  if (!importing) {  // GET /registers/download?format=xlsx
    auto file = app::download_registers_as(session->get(), web.who, field_of(query, "format"));
    if (!file) {
      return problem(file.error());
    }
    return attachment(file->media_type, file->file_name, std::move(file->content));
  }
  const bool dry_run = field_of(query, "dry_run") != "0";
  auto imported = app::import_registers_as(session->get(), web.who,
                                           {.file_name = url_decode(request.header("x-file-name")),
                                            .content = request.body,
                                            .dry_run = dry_run});
  if (!imported) {
    return problem(imported.error());
  }
  return json_response(200, registers_import_json(*imported));
}

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
