#include "server/site.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/assessment_grid.h"
#include "app/catalog_view.h"
#include "app/dashboard.h"
#include "app/evidence_review.h"
#include "app/ledger_view.h"
#include "app/result_view.h"
#include "app/snapshot_cache.h"
#include "core/text.h"
#include "server/answers.h"
#include "server/assessment_pages.h"
#include "server/catalog_api.h"
#include "server/catalog_pages.h"
#include "server/evidence_pages.h"
#include "server/key_pages.h"
#include "server/ledger_pages.h"
#include "server/openapi.h"
#include "server/pages.h"
#include "server/registers_pages.h"
#include "server/report_pages.h"
#include "server/result_pages.h"

namespace etguard::server {

namespace {

std::string session_cookie(std::string_view token) {
  return fmt::format("{}={}; Path=/; Secure; HttpOnly; SameSite=Strict", kSessionCookie, token);
}

// A POST from one of our own pages: the browser says where it came from
// (Sec-Fetch-Site, Origin); a client that says neither (a script) must still
// present the CSRF token wherever a session is used.
bool from_our_pages(const Request& request) {
  const std::string_view site = request.header("sec-fetch-site");
  if (!site.empty() && site != "same-origin" && site != "none") {
    return false;
  }
  const std::string_view origin = request.header("origin");
  return origin.empty() || origin == fmt::format("https://{}", request.header("host"));
}

// A path of this site to return to after a language switch: never another
// host ("//evil", "https://...").
std::string local_path(std::string_view back) {
  if (back.empty() || back.front() != '/' ||
      (back.size() > 1 && (back[1] == '/' || back[1] == '\\'))) {
    return "/";
  }
  return std::string(back);
}

nlohmann::json dashboard_json(const app::Dashboard& board, Lang lang) {
  const app::DashboardCounts& c = board.counts;
  nlohmann::json tasks = nlohmann::json::array();
  for (const app::Task& task : board.tasks) {
    tasks.push_back({{"requirement", task.node_id},
                     {"title", task.title.in(lang)},
                     {"object", task.object},
                     {"owner", task.owner},
                     {"status", task.status},
                     {"due", task.due},
                     {"days_left", task.days_left}});
  }
  return {{"schema", "etguard.dashboard"},
          {"version", "1.0"},
          {"firm", board.firm},
          {"today", board.today},
          {"cycle", board.cycle},
          {"deadline", board.deadline},
          {"counts",
           {{"total", c.total},
            {"compliant", c.compliant},
            {"partially_compliant", c.partially_compliant},
            {"non_compliant", c.non_compliant},
            {"not_applicable", c.not_applicable},
            {"compensating", c.compensating},
            {"not_assessed", c.not_assessed},
            {"overdue", c.overdue},
            {"due_in_1", c.due_in_1},
            {"due_in_7", c.due_in_7},
            {"due_in_30", c.due_in_30}}},
          {"tasks", tasks}};
}

}  // namespace

Site::Site(std::filesystem::path workspace, app::Environment environment, Lang lang,
           app::SessionPolicy policy)
    : workspace_(std::move(workspace)),
      environment_(std::move(environment)),
      lang_(lang),
      sessions_(*environment_.clock, *environment_.random, policy),
      key_challenges_(*environment_.clock, *environment_.random) {
  environment_.snapshots = &snapshots_;
  pool_ = std::make_unique<app::SessionPool>(workspace_, environment_);
  notifier_ = std::thread([this] { mail_notices(); });
}

Site::~Site() {
  {
    const std::scoped_lock lock(notices_mutex_);
    stopping_ = true;
  }
  notices_ready_.notify_all();
  notifier_.join();
}

void Site::mail_notices() {
  constexpr std::chrono::minutes kDigestCheck{1};
  auto digest_check = std::chrono::steady_clock::now();  // at start, then each minute
  std::unique_lock lock(notices_mutex_);
  while (true) {
    const bool woken = notices_ready_.wait_until(lock, digest_check,
                                                 [this] { return stopping_ || !notices_.empty(); });
    if (woken && notices_.empty()) {
      return;  // stopping, nothing left
    }
    if (!woken) {  // the minute has come
      lock.unlock();
      send_due_digests();
      digest_check = std::chrono::steady_clock::now() + kDigestCheck;
      lock.lock();
      continue;
    }
    const app::LoginNotice notice = std::move(notices_.front());
    notices_.pop_front();
    lock.unlock();
    auto session = pool_->lease("etguard serve", true);
    auto sent = session ? app::send_login_notice(session->get(), notice)
                        : Result<bool>(std::unexpected(session.error()));
    if (!sent) {
      fmt::print(stderr, "etguard serve: the login notice to {} was not sent: {}\n", notice.user,
                 sent.error().message);
    }
    lock.lock();
  }
}

void Site::send_due_digests() {
  auto session = pool_->lease("etguard serve", true);
  auto run = session ? app::send_digests_when_due(session->get())
                     : Result<std::optional<app::DigestRun>>(std::unexpected(session.error()));
  if (!run) {
    fmt::print(stderr, "etguard serve: the daily digests were not sent: {}\n", run.error().message);
    return;
  }
  if (const std::optional<app::DigestRun>& done = *run; done.has_value()) {
    const auto sent =
        std::ranges::count_if(done->digests, [](const app::Digest& digest) { return digest.sent; });
    fmt::print(stderr, "etguard serve: {} daily digests of {} sent\n", sent, done->day);
  }
}

Result<std::unique_ptr<Site>> Site::open(const std::optional<std::filesystem::path>& workspace,
                                         app::Environment environment, Lang lang,
                                         app::SessionPolicy policy) {
  auto session = app::Session::open(workspace, environment);
  if (!session) {
    return std::unexpected(session.error());
  }
  std::unique_ptr<Site> site(new Site(session->root(), std::move(environment), lang, policy));
  site->users_session_ = std::make_unique<app::Session>(std::move(*session));
  auto users = app::Users::open(*site->users_session_);
  if (!users) {
    return std::unexpected(users.error());
  }
  site->users_ = std::make_unique<app::Users>(std::move(*users));
  return site;
}

Response Site::handle(const Request& request) {
  Visit visit;
  visit.lang = lang_;
  if (const auto chosen = parse_lang(cookie_value(request.header("cookie"), kLanguageCookie))) {
    visit.lang = *chosen;
  } else if (const std::string_view accept = request.header("accept-language"); !accept.empty()) {
    visit.lang = accept.starts_with("zh") ? Lang::kZhTw : Lang::kEn;
  }
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view authorization = request.header("authorization");
  Response response;
  if (authorization.starts_with(kBearer) && request.path().starts_with("/api/")) {
    if (Status known = bearer_session(authorization.substr(kBearer.size()), visit); !known) {
      response =
          json_problem(visit.lang, status_of(known.error()) == 500 ? 500 : 401, known.error());
      response.headers.emplace_back("WWW-Authenticate", R"(Bearer error="invalid_token")");
    } else {
      response = route(request, visit);
    }
  } else {
    visit.token = cookie_value(request.header("cookie"), kSessionCookie);
    if (!visit.token.empty()) {
      visit.session = sessions_.find(visit.token);
    }
    response = route(request, visit);
  }
  for (const auto& header : security_headers()) {
    response.headers.push_back(header);
  }
  return response;
}

Response Site::route(const Request& request, Visit& visit) {
  const std::string_view path = request.path();
  const bool get = request.method == "GET" || request.method == "HEAD";
  const bool post = request.method == "POST";
  const Frame frame{.lang = visit.lang, .session = nullptr, .path = path};
  if (path == "/static/app.css" && get) {
    return {.status = 200,
            .content_type = "text/css; charset=utf-8",
            .body = std::string(stylesheet()),
            .headers = {}};
  }
  if (path == "/static/evidence.js" && get) {
    return {.status = 200,
            .content_type = "text/javascript; charset=utf-8",
            .body = std::string(drop_zone_script()) + std::string(evidence_script()),
            .headers = {}};
  }
  if (path == "/static/registers.js" && get) {
    return {.status = 200,
            .content_type = "text/javascript; charset=utf-8",
            .body = std::string(drop_zone_script()) + std::string(registers_script()),
            .headers = {}};
  }
  if (path == "/static/security-keys.js" && get) {
    return {.status = 200,
            .content_type = "text/javascript; charset=utf-8",
            .body = std::string(security_keys_script()),
            .headers = {}};
  }
  if (path == "/static/reports.js" && get) {
    return {.status = 200,
            .content_type = "text/javascript; charset=utf-8",
            .body = std::string(drop_zone_script()) + std::string(reports_script()),
            .headers = {}};
  }
  if (path == "/lang" && get) {
    return choose_language(request);
  }
  if (path == "/login" && get) {
    return login_form(request, visit);
  }
  if (path == "/login" && post) {
    return log_in(request, visit);
  }
  if (post && !visit.bearer && !from_our_pages(request)) {
    const Error refused{ErrorKind::kDenied, "a request from another site is refused",
                        "拒絕來自其他網站之請求"};
    return html_response(403, message_page(frame, "403", say(visit.lang, refused)));
  }
  if (path == "/login/key" && post) {
    return log_in_with_key(request, visit);
  }
  const bool api = path.starts_with("/api/");
  if (!visit.session) {
    if (api) {
      return json_problem(visit.lang, 401, {ErrorKind::kDenied, "log in first", "請先登入"});
    }
    return redirect("/login");
  }
  const app::WebSession& web = *visit.session;
  // Every changing request of a session carries its CSRF token: refused here,
  // once, before any handler.
  if (post && !visit.bearer && !csrf_ok(request, visit)) {
    return problem_answer({.lang = visit.lang, .session = &web, .path = path}, api, csrf_refusal());
  }
  if (path == "/logout" && post) {
    return log_out(visit);
  }
  if (path == "/" && get) {
    return dashboard(visit, web, false);
  }
  if (path == "/api/dashboard" && get) {
    return dashboard(visit, web, true);
  }
  if (path == "/api/session" && get) {
    return whoami(web);
  }
  if (path == "/api/openapi.json" && get) {
    return {.status = 200,
            .content_type = "application/json",
            .body = std::string(openapi_document()),
            .headers = {}};
  }
  if ((path == "/assessment/result" || path == "/api/result") && (get || post)) {
    return result(request, visit, web);
  }
  if ((path == "/assessment/comment" || path == "/api/comments") && post) {
    return result(request, visit, web);
  }
  if (path == "/users" || path == "/api/users" || path.starts_with("/users/") ||
      path.starts_with("/api/users/")) {
    return users(request, visit, web);
  }
  if (path == "/reports" || path == "/api/reports" || path.starts_with("/reports/") ||
      path.starts_with("/api/reports/")) {
    return reports(request, visit, web);
  }
  if (path == "/evidence" || path == "/api/evidence" || path.starts_with("/evidence/") ||
      path.starts_with("/api/evidence/")) {
    return evidence(request, visit, web);
  }
  if (path == "/security-keys" || path == "/api/security-keys" ||
      path.starts_with("/security-keys/") || path.starts_with("/api/security-keys/")) {
    return security_keys(request, visit, web);
  }
  if (path == "/tokens" || path == "/api/tokens" || path.starts_with("/tokens/") ||
      path.starts_with("/api/tokens/")) {
    return tokens(request, visit, web);
  }
  if (path == "/api/findings" && post) {
    return pushed_findings(request, visit, web);
  }
  if ((path == "/findings" || path == "/api/findings") && get) {
    return findings(request, visit, web);
  }
  if ((path == "/reauth" || path == "/api/reauth") && post && visit.bearer) {
    // A token never becomes a fresh login (and cannot try passwords).
    return json_problem(
        visit.lang, 403,
        {ErrorKind::kDenied, "an API token cannot confirm a password", "API 權杖不能用以確認密碼"});
  }
  if ((path == "/reauth" || path == "/api/reauth") && post) {
    return reauthenticate(request, visit, web);
  }
  if ((path == "/registers/download" && get) || (path == "/api/registers/import" && post)) {
    return registers_file(request, visit, web);
  }
  if ((path == "/registers/entry" && (get || post)) || (path == "/api/registers/entry" && post) ||
      ((path == "/registers/entry/remove" || path == "/api/registers/entry/remove") && post)) {
    return register_entry(request, visit, web);
  }
  if ((path == "/registers" || path == "/api/registers") && get) {
    return registers(request, visit, web);
  }
  if ((path == "/scope" || path == "/api/scope") && get) {
    return scope(request, visit, web);
  }
  if ((path == "/ledger" || path == "/api/ledger") && get) {
    return ledger(request, visit, web);
  }
  if ((path == "/assessment" || path == "/api/assessment") && get) {
    return assessment(request, visit, web);
  }
  if ((path == "/catalog" || path.starts_with("/catalog/") || path == "/api/catalog" ||
       path.starts_with("/api/catalog/")) &&
      get) {
    return catalog(request, visit, web);
  }
  const Error missing{ErrorKind::kNotFound, fmt::format("there is no page {}", path),
                      fmt::format("沒有頁面 {}", path)};
  if (api) {
    return json_problem(visit.lang, 404, missing);
  }
  const Frame signed_in{.lang = visit.lang, .session = &web, .path = path};
  return html_response(404, message_page(signed_in, "404", say(visit.lang, missing)));
}

Response Site::login_form(const Request& request, const Visit& visit) {
  if (visit.session) {
    return redirect("/");
  }
  const auto fields = form_fields(request.query());
  const auto name = fields.find("name");
  return html_response(200,
                       login_page({.lang = visit.lang, .session = nullptr, .path = "/login"},
                                  name == fields.end() ? std::string_view() : name->second, {}));
}

Response Site::log_in(const Request& request, Visit& visit) {
  const Frame frame{.lang = visit.lang, .session = nullptr, .path = "/login"};
  auto fields = form_fields(request.body);
  const std::string& name = fields["name"];
  if (!from_our_pages(request)) {
    return html_response(
        403, login_page(frame, name,
                        visit.lang == Lang::kZhTw ? "拒絕來自其他網站之登入"
                                                  : "a login from another site is refused"));
  }
  if (trim(fields["code"]).empty()) {
    return key_login_step(request, visit, fields);
  }
  Result<app::LoggedIn> login = [&] {
    const std::scoped_lock lock(users_mutex_);
    return users_->log_in(name, fields["password"], fields["code"], request.source);
  }();
  if (!login) {
    return html_response(login.error().kind == ErrorKind::kInternal ? 500 : 401,
                         login_page(frame, name, say(visit.lang, login.error())));
  }
  return logged_in(request, visit, *login);
}

Response Site::logged_in(const Request& request, Visit& visit, const app::LoggedIn& login) {
  const Frame frame{.lang = visit.lang, .session = nullptr, .path = "/login"};
  if (visit.session) {
    sessions_.end(visit.token);  // a new login never reuses a session (fixation)
  }
  auto started = sessions_.start(login);
  if (!started) {
    return html_response(500, login_page(frame, login.name, say(visit.lang, started.error())));
  }
  {
    const std::scoped_lock lock(notices_mutex_);
    notices_.push_back({.user = login.name,
                        .display = login.display,
                        .source = request.source,
                        .at = environment_.clock->utc_now()});
  }
  notices_ready_.notify_one();
  Response response = redirect("/");
  response.headers.emplace_back("Set-Cookie", session_cookie(started->token));
  return response;
}

Response Site::log_out(const Visit& visit) {
  sessions_.end(visit.token);
  Response response = redirect("/login");
  response.headers.emplace_back(
      "Set-Cookie",
      fmt::format("{}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0", kSessionCookie));
  return response;
}

Response Site::dashboard(const Visit& visit, const app::WebSession& web, bool json) {
  auto session = session_for(web, false);
  Result<app::Dashboard> board = session ? app::dashboard(session->get(), web.who)
                                         : Result<app::Dashboard>(std::unexpected(session.error()));
  const Frame frame{.lang = visit.lang, .session = &web, .path = "/"};
  if (!board) {
    return problem_answer(frame, json, board.error());
  }
  if (json) {
    return json_response(200, dashboard_json(*board, visit.lang));
  }
  return html_response(200, dashboard_page(frame, *board));
}

Response Site::catalog(const Request& request, const Visit& visit, const app::WebSession& web) {
  const std::string_view path = request.path();
  const bool json = path.starts_with("/api/");
  const std::string_view rest = path.substr(json ? std::string_view("/api/catalog").size()
                                                 : std::string_view("/catalog").size());
  const Frame frame{.lang = visit.lang, .session = &web, .path = path};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  const auto html = [](std::string body) { return html_response(200, std::move(body)); };
  if (rest.empty() || rest == "/") {
    auto outline = app::catalog_outline(web.who);
    if (!outline) {
      return problem(outline.error());
    }
    return json ? json_response(200, catalog_outline_json(*outline))
                : html(catalog_outline_page(frame, *outline));
  }
  if (rest == "/search") {
    const auto fields = form_fields(request.query());
    const auto q = fields.find("q");
    const std::string query = q == fields.end() ? std::string() : q->second;
    auto found = app::catalog_search(web.who, query);
    if (!found) {
      return problem(found.error());
    }
    return json ? json_response(200, catalog_search_json(*found))
                : html(catalog_search_page(frame, *found, query));
  }
  constexpr std::string_view kArticles = "/articles/";
  if (rest.starts_with(kArticles)) {
    const auto number = count_of(rest.substr(kArticles.size()));
    if (number && *number <= 999) {
      auto shown = app::catalog_article(web.who, static_cast<int>(*number));
      if (!shown) {
        return problem(shown.error());
      }
      return json ? json_response(200, catalog_article_json(*shown))
                  : html(catalog_article_page(frame, *shown));
    }
  }
  return problem({ErrorKind::kNotFound, fmt::format("there is no page {}", path),
                  fmt::format("沒有頁面 {}", path)});
}

namespace {

// A whole non-negative number of the query, or nullopt.
// The grid's filter from the query string; a usage error names what is wrong.
Result<app::GridFilter> grid_filter(std::string_view query) {
  const auto fields = form_fields(query);
  const auto field = [&](std::string_view key) { return field_of(fields, key); };
  const auto bad = [](std::string_view key, std::string_view value) {
    return fail(ErrorKind::kUsage, fmt::format("{} '{}' is not a valid value", key, value),
                fmt::format("{} 之值 '{}' 不正確", key, value));
  };
  app::GridFilter filter;
  filter.owner = field("owner");
  filter.status = field("status");
  filter.object = field("object");
  if (const std::string chapter = field("chapter"); !chapter.empty()) {
    const auto number = count_of(chapter);
    if (!number || *number > 99) {
      return bad("chapter", chapter);
    }
    filter.chapter = static_cast<int>(*number);
  }
  const std::string due = field("due");
  const auto within = app::parse_due_within(due);
  if (!within) {
    return bad("due", due);
  }
  filter.due = *within;
  for (const auto& [key, target] :
       {std::pair{"offset", &filter.offset}, std::pair{"limit", &filter.limit}}) {
    if (const std::string value = field(key); !value.empty()) {
      const auto number = count_of(value);
      if (!number) {
        return bad(key, value);
      }
      *target = *number;
    }
  }
  return filter;
}

}  // namespace

Response Site::assessment(const Request& request, const Visit& visit, const app::WebSession& web) {
  const bool json = request.path().starts_with("/api/");
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  auto filter = grid_filter(request.query());
  if (!filter) {
    return problem(filter.error());
  }
  auto session = session_for(web, false);
  if (!session) {
    return problem(session.error());
  }
  auto grid = app::assessment_grid(session->get(), web.who, *filter);
  if (!grid) {
    return problem(grid.error());
  }
  if (json) {
    return json_response(200, assessment_grid_json(*grid, *filter, visit.lang));
  }
  return html_response(200, assessment_grid_page(frame, *grid, *filter));
}

Result<app::SessionPool::Lease> Site::session_for(const app::WebSession& web, bool writes) {
  return pool_->lease(web.who.name, writes);  // what they change is theirs in the ledger
}

bool Site::csrf_ok(const Request& request, const Visit& visit) {
  const auto fields = form_fields(request.body);
  const auto csrf = fields.find("csrf");
  const std::string_view given =
      csrf != fields.end() ? std::string_view(csrf->second) : request.header("x-csrf-token");
  return sessions_.csrf_matches(visit.token, given);
}

namespace {

// A change to one result from the page's form: every field the form shows is
// posted, so an empty one clears; an empty plan removes the plan.
Result<app::ResultChange> change_from_form(const Fields& form) {
  const auto field = [&](std::string_view key) -> std::optional<std::string> {
    const auto found = form.find(key);
    return found == form.end() ? std::nullopt : std::optional(found->second);
  };
  app::ResultChange change;
  change.node_id = field("node").value_or("");
  change.object = field("object").value_or("");
  if (const auto status = field("status"); status && !status->empty()) {
    change.status = assess::parse_result_status(*status);
    if (!change.status) {
      return fail(ErrorKind::kUsage, fmt::format("status '{}' is not a result status", *status),
                  fmt::format("'{}' 不是評估結果", *status));
    }
  }
  change.owner = field("owner");
  change.note = field("note");
  change.justification = field("justification");
  change.due_date = field("due_date");
  const auto action = field("plan_action").value_or("");
  const auto plan_owner = field("plan_owner").value_or("");
  const auto plan_due = field("plan_due").value_or("");
  if (action.empty() && plan_owner.empty() && plan_due.empty()) {
    change.clear_plan = true;
  } else {
    change.plan_action = action;
    change.plan_owner = plan_owner;
    change.plan_due = plan_due;
    const std::string status = field("plan_status").value_or("open");
    change.plan_status = assess::parse_plan_status(status);
    if (!change.plan_status) {
      return fail(ErrorKind::kUsage, fmt::format("plan status '{}' is not one", status),
                  fmt::format("'{}' 不是改善計畫進度", status));
    }
  }
  return change;
}

// A change from the API's JSON body: only the keys given change; "plan":
// null clears the plan.
Result<app::ResultChange> change_from_json(std::string_view body, std::string node,
                                           std::string object) {
  const auto bad = [](std::string_view why) {
    return fail(ErrorKind::kUsage, fmt::format("the request body: {}", why),
                fmt::format("請求內容：{}", why));
  };
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return bad("not a JSON object");
  }
  app::ResultChange change;
  change.node_id = std::move(node);
  change.object = std::move(object);
  const auto text = [&](std::string_view key, std::optional<std::string>& into) -> Status {
    if (const auto found = parsed.find(key); found != parsed.end()) {
      if (!found->is_string()) {
        return bad(fmt::format("{} is not a string", key));
      }
      into = found->get<std::string>();
    }
    return {};
  };
  std::optional<std::string> status;
  for (const auto& [key, into] :
       {std::pair{"status", &status}, std::pair{"owner", &change.owner},
        std::pair{"note", &change.note}, std::pair{"justification", &change.justification},
        std::pair{"due_date", &change.due_date}}) {
    if (Status read = text(key, *into); !read) {
      return std::unexpected(read.error());
    }
  }
  if (status) {
    change.status = assess::parse_result_status(*status);
    if (!change.status) {
      return bad(fmt::format("status '{}' is not a result status", *status));
    }
  }
  if (const auto plan = parsed.find("plan"); plan != parsed.end()) {
    if (plan->is_null()) {
      change.clear_plan = true;
    } else if (!plan->is_object()) {
      return bad("plan is neither an object nor null");
    } else {
      for (const auto& [key, into] :
           {std::pair{"action", &change.plan_action}, std::pair{"owner", &change.plan_owner},
            std::pair{"due", &change.plan_due}}) {
        if (const auto found = plan->find(key); found != plan->end()) {
          if (!found->is_string()) {
            return bad(fmt::format("plan.{} is not a string", key));
          }
          *into = found->get<std::string>();
        }
      }
      if (const auto found = plan->find("status"); found != plan->end()) {
        change.plan_status = found->is_string()
                                 ? assess::parse_plan_status(found->get<std::string>())
                                 : std::nullopt;
        if (!change.plan_status) {
          return bad("plan.status is none of open, in_progress, done");
        }
      }
    }
  }
  return change;
}

// The page after a refused change shows what was entered, not what is stored:
// nothing typed is lost.
void show_entered(app::ResultView& view, const app::ResultChange& change) {
  assess::Result shown = view.result.value_or(assess::Result{});
  if (change.status) {
    view.status = std::string(assess::to_string(*change.status));
  }
  for (const auto& [field, value] : {std::pair{&shown.note, &change.note},
                                     std::pair{&shown.justification, &change.justification},
                                     std::pair{&shown.due_date, &change.due_date},
                                     std::pair{&shown.plan.action, &change.plan_action},
                                     std::pair{&shown.plan.owner, &change.plan_owner},
                                     std::pair{&shown.plan.due_on, &change.plan_due}}) {
    if (value->has_value()) {
      *field = **value;
    }
  }
  if (change.owner) {
    view.owner = *change.owner;
  }
  view.result = shown;
}

}  // namespace

Response Site::result(const Request& request, const Visit& visit, const app::WebSession& web) {
  const bool json = request.path().starts_with("/api/");
  const bool post = request.method == "POST";
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  const auto query = form_fields(request.query());
  const auto form = post && !json ? form_fields(request.body) : decltype(query){};
  const auto& names = post && !json ? form : query;
  const auto node = names.find("node");
  const auto object = names.find("object");
  if (node == names.end() || object == names.end() || node->second.empty() ||
      object->second.empty()) {
    return problem({ErrorKind::kUsage, "name the line: node and object", "請指定要求與對象"});
  }
  auto session = session_for(web, post);
  if (!session) {
    return problem(session.error());
  }
  // A change first (it checks who may make it); the line is read once,
  // after it or to show it again with what was typed.
  std::optional<Error> refused;
  std::optional<app::ResultChange> entered;
  std::string draft;  // a refused comment, shown again
  const bool commenting =
      request.path() == "/assessment/comment" || request.path() == "/api/comments";
  if (commenting) {
    auto fields = body_fields(request, json);
    draft = fields ? field_of(*fields, "body") : std::string();
    auto added = fields
                     ? app::comment_as(session->get(), web.who, node->second, object->second, draft)
                     : Result<assess::Comment>(std::unexpected(fields.error()));
    if (!added && (json || added.error().kind != ErrorKind::kUsage)) {
      return problem(added.error());
    }
    if (added) {
      return json
                 ? json_response(200, comment_json(*added))
                 : redirect(fmt::format("/assessment/result?node={}&object={}&commented=1#comments",
                                        url_encode(node->second), url_encode(object->second)));
    }
    refused = added.error();
  } else if (post) {
    auto change = json ? change_from_json(request.body, node->second, object->second)
                       : change_from_form(form);
    auto changed = change ? app::change_result_as(session->get(), web.who, *change)
                          : Result<assess::Result>(std::unexpected(change.error()));
    if (!changed && (json || changed.error().kind == ErrorKind::kDenied)) {
      return problem(changed.error());
    }
    if (changed && !json) {
      return redirect(fmt::format("/assessment/result?node={}&object={}&recorded=1",
                                  url_encode(node->second), url_encode(object->second)));
    }
    if (!changed) {
      refused = changed.error();
      if (change) {
        entered = std::move(*change);
      }
    }
  }
  auto view = app::view_result(session->get(), web.who, node->second, object->second);
  if (!view) {
    return problem(view.error());
  }
  if (entered) {
    show_entered(*view, *entered);
  }
  if (json) {
    return json_response(200, result_json(*view, visit.lang));
  }
  const std::string notice =
      query.contains("recorded") || query.contains("uploaded") || query.contains("commented")
          ? std::string(
                t(visit.lang, "Recorded, and written to the ledger.", "已記錄並寫入稽核鏈。"))
          : std::string();
  auto evidence = app::evidence_lines(session->get(), web.who,
                                      {.node_id = node->second, .object = object->second});
  if (!evidence) {
    return problem(evidence.error());
  }
  return html_response(
      refused ? status_of(*refused) : 200,
      result_page(frame, *view, notice, refused ? say(visit.lang, *refused) : std::string_view(),
                  evidence_section(frame, *evidence, node->second, object->second, view->may_edit),
                  draft));
}

Response Site::ledger(const Request& request, const Visit& visit, const app::WebSession& web) {
  const bool json = request.path().starts_with("/api/");
  const Frame frame{.lang = visit.lang, .session = &web, .path = request.path()};
  std::int64_t limit = 100;
  const auto fields = form_fields(request.query());
  if (const auto given = fields.find("limit"); given != fields.end()) {
    const auto number = count_of(given->second);
    if (number && *number <= 1'000'000) {
      limit = static_cast<std::int64_t>(*number);
    } else {
      return problem_answer(
          frame, json,
          {ErrorKind::kUsage, fmt::format("limit '{}' is not a whole number", given->second),
           fmt::format("筆數上限 '{}' 不是整數", given->second)});
    }
  }
  auto session = session_for(web, false);
  auto view = session ? app::ledger_view(session->get(), web.who, limit)
                      : Result<app::LedgerView>(std::unexpected(session.error()));
  if (!view) {
    return problem_answer(frame, json, view.error());
  }
  if (json) {
    return json_response(200, ledger_json(*view));
  }
  return html_response(200, ledger_page(frame, *view));
}

Response Site::whoami(const app::WebSession& web) {
  return json_response(200, {{"schema", "etguard.session"},
                             {"version", "1.0"},
                             {"name", web.who.name},
                             {"display", web.who.display},
                             {"role", app::role_name(web.who.role)},
                             {"objects", web.who.objects},
                             {"csrf", web.csrf},
                             {"advise_password_change", web.advise_password_change}});
}

Response Site::choose_language(const Request& request) {
  const auto fields = form_fields(request.query());
  const auto to = fields.find("to");
  const auto back = fields.find("back");
  Response response = redirect(local_path(back == fields.end() ? "/" : back->second));
  if (to != fields.end()) {
    if (const auto lang = parse_lang(to->second)) {
      response.headers.emplace_back(
          "Set-Cookie", fmt::format("{}={}; Path=/; Secure; SameSite=Strict; Max-Age=31536000",
                                    kLanguageCookie, lang_tag(*lang)));
    }
  }
  return response;
}

}  // namespace etguard::server
