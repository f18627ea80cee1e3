// What `etguard serve` answers (issue 18): the pages and the JSON API, each
// a thin front over an application use case. The site parses the request,
// finds the logged-in user, checks the request came from our own pages,
// calls the use case and renders its answer; who may do what is decided by
// the use case (app/access.h), never here.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "app/reminders.h"
#include "app/security_keys.h"
#include "app/session.h"
#include "app/session_pool.h"
#include "app/snapshot_cache.h"
#include "app/users.h"
#include "app/web_sessions.h"
#include "core/lang.h"
#include "core/result.h"
#include "server/http.h"

namespace etguard::server {

// The cookie that names a session: __Host- binds it to this origin, HTTPS
// only, path /.
inline constexpr std::string_view kSessionCookie = "__Host-etguard";
inline constexpr std::string_view kLanguageCookie = "etguard_lang";

class Site {
 public:
  // The site of the workspace at `workspace` (as Session::open finds it);
  // `lang` is the language before a visitor chooses one.
  [[nodiscard]] static Result<std::unique_ptr<Site>> open(
      const std::optional<std::filesystem::path>& workspace, app::Environment environment,
      Lang lang, app::SessionPolicy policy = {});
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;
  ~Site();

  // Thread-safe.
  Response handle(const Request& request);

  // The origin the team's browsers reach the server at
  // ("https://etguard.firm.example"): security keys are made for and used
  // on it alone (app::relying_party says what it may be). Until it is set,
  // keys can be neither registered nor used.
  [[nodiscard]] Status use_origin(std::string_view origin);

 private:
  Site(std::filesystem::path workspace, app::Environment environment, Lang lang,
       app::SessionPolicy policy);

  // One request: its language, session and token. A pipeline's API token
  // (Authorization: Bearer, /api/ only) stands for a session that is never
  // fresh and needs no CSRF token: a browser never sends it by itself.
  struct Visit {
    Lang lang = Lang::kZhTw;
    std::string token;
    std::optional<app::WebSession> session;
    bool bearer = false;
  };
  // The principal of the request's Bearer token; an error when it is refused.
  [[nodiscard]] Status bearer_session(std::string_view credential, Visit& visit);
  Response route(const Request& request, Visit& visit);
  Response login_form(const Request& request, const Visit& visit);
  Response log_in(const Request& request, Visit& visit);
  // POST /login without a code: the password checked, then the page that
  // asks the browser for the user's security key (key_site.cc).
  Response key_login_step(const Request& request, Visit& visit, Fields& fields);
  // POST /login/key: the second step of a login with a security key
  // (key_site.cc); route() has checked it comes from our own pages.
  Response log_in_with_key(const Request& request, Visit& visit);
  // A login that succeeded: a new session, its cookie, the login notice.
  Response logged_in(const Request& request, Visit& visit, const app::LoggedIn& login);
  // /security-keys, /api/security-keys: the caller's keys; POST /options,
  // /add (the browser's answer, JSON) and /remove (key_site.cc).
  Response security_keys(const Request& request, const Visit& visit, const app::WebSession& web);
  // The relying party set by use_origin(); an error saying so when unset.
  [[nodiscard]] Result<app::RelyingParty> relying_party();
  Response log_out(const Visit& visit);
  Response dashboard(const Visit& visit, const app::WebSession& web, bool json);
  Response whoami(const app::WebSession& web);
  // /catalog..., /api/catalog...: the outline, an article, a search.
  Response catalog(const Request& request, const Visit& visit, const app::WebSession& web);
  // /assessment, /api/assessment: the grid, filtered and paged by the query.
  Response assessment(const Request& request, const Visit& visit, const app::WebSession& web);
  // /assessment/result, /api/result: one line, and its change (POST).
  Response result(const Request& request, const Visit& visit, const app::WebSession& web);
  // /scope, /api/scope: what applies and why; ?node= explains one
  // requirement (scope_site.cc).
  Response scope(const Request& request, const Visit& visit, const app::WebSession& web);
  Response registers(const Request& request, const Visit& visit, const app::WebSession& web);
  Response register_entry(const Request& request, const Visit& visit, const app::WebSession& web);
  Response remove_register_entry(const Request& request, const Visit& visit,
                                 const app::WebSession& web);
  // GET /registers/download, POST /api/registers/import (the file as the body).
  Response registers_file(const Request& request, const Visit& visit, const app::WebSession& web);
  // /ledger, /api/ledger: verified, with the newest entries.
  Response ledger(const Request& request, const Visit& visit, const app::WebSession& web);
  // /users, /api/users: the users; POST /users/{add,unlock,reset,disable}
  // and the same under /api/users/ change one (user_site.cc).
  Response users(const Request& request, const Visit& visit, const app::WebSession& web);
  // /reports, /api/reports: the cycles, their documents (/download) and
  // sign-offs (POST /sign-off) (report_site.cc).
  Response reports(const Request& request, const Visit& visit, const app::WebSession& web);
  // /evidence, /api/evidence: the records and their reviews; POST /review;
  // GET /evidence/file?id=; POST /api/evidence/upload (evidence_site.cc).
  Response evidence(const Request& request, const Visit& visit, const app::WebSession& web);
  // /tokens, /api/tokens: the caller's API tokens (an administrator's:
  // everyone's); POST /add and /revoke (token_site.cc).
  Response tokens(const Request& request, const Visit& visit, const app::WebSession& web);
  // POST /api/findings: a scan's findings pushed by a pipeline
  // (findings_site.cc).
  Response pushed_findings(const Request& request, const Visit& visit, const app::WebSession& web);
  // GET /findings, /api/findings: the checks' latest findings per object,
  // ?object= one (findings_site.cc).
  Response findings(const Request& request, const Visit& visit, const app::WebSession& web);
  // POST /reauth, /api/reauth: the password and code confirmed again.
  Response reauthenticate(const Request& request, const Visit& visit, const app::WebSession& web);
  Response choose_language(const Request& request);
  // Whether a changing request carries the session's CSRF token (form field
  // csrf, else the X-CSRF-Token header).
  bool csrf_ok(const Request& request, const Visit& visit);
  // The workspace for one request, with the user as the actor: opened
  // read-write for a request that `writes`, else a kept read-only session.
  [[nodiscard]] Result<app::SessionPool::Lease> session_for(const app::WebSession& web,
                                                            bool writes);

  std::filesystem::path workspace_;
  app::Environment environment_;
  Lang lang_;
  app::WebSessions sessions_;
  // The current snapshot, kept between requests (environment_.snapshots).
  app::SnapshotCache snapshots_;
  std::unique_ptr<app::SessionPool> pool_;  // with environment_
  std::mutex users_mutex_;                  // logins go one at a time through the one lockout
  std::unique_ptr<app::Session> users_session_;
  std::unique_ptr<app::Users> users_;
  app::KeyChallenges key_challenges_;
  std::mutex party_mutex_;
  std::optional<app::RelyingParty> party_;
  // Login notices are mailed by a thread of their own, so a slow relay
  // never holds a login.
  // The mail thread: login notices as they come, and each minute the day's
  // digests once mail.digest_hour has come.
  void mail_notices();
  void send_due_digests();
  std::mutex notices_mutex_;
  std::condition_variable notices_ready_;
  std::deque<app::LoginNotice> notices_;
  bool stopping_ = false;
  std::thread notifier_;
};

}  // namespace etguard::server
