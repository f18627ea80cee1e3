#include "server/pages.h"

#include <fmt/format.h>

#include <array>

#include "core/text.h"
#include "server/http.h"
#include "server/layout.h"

namespace etguard::server {
namespace {

struct Segment {
  std::string_view css;
  Text label;
  int count;
};

// One stacked bar of the status counts, with its legend as a list a screen
// reader reads.
std::string status_chart(Lang lang, const app::DashboardCounts& counts) {
  const std::array<Segment, 6> segments = {{
      {"compliant", {"符合", "compliant"}, counts.compliant},
      {"compensating", {"補償性措施", "compensating control"}, counts.compensating},
      {"partial", {"部分符合", "partially compliant"}, counts.partially_compliant},
      {"noncompliant", {"不符合", "non-compliant"}, counts.non_compliant},
      {"na", {"不適用", "not applicable"}, counts.not_applicable},
      {"unassessed", {"未評估", "not assessed"}, counts.not_assessed},
  }};
  std::string bars;
  std::string legend;
  const double total = counts.total > 0 ? counts.total : 1;
  double x = 0;
  for (const Segment& segment : segments) {
    const double width = 1000.0 * segment.count / total;
    if (segment.count > 0) {
      bars += fmt::format(R"(<rect class="{}" x="{:.1f}" y="0" width="{:.1f}" height="40"/>)",
                          segment.css, x, width);
    }
    x += width;
    legend += fmt::format(R"(<li><span class="swatch {}"></span>{} <strong>{}</strong></li>)",
                          segment.css, segment.label.in(lang), segment.count);
  }
  return fmt::format(
      R"(<svg class="bar" viewBox="0 0 1000 40" preserveAspectRatio="none" role="img" aria-label="{}">{}</svg><ul class="legend">{}</ul>)",
      t(lang, "Results by status", "評估結果分布"), bars, legend);
}

std::string card(std::string_view css, std::string_view label, int value) {
  return fmt::format(R"(<div class="card {}"><div class="value">{}</div><div>{}</div></div>)", css,
                     value, label);
}

std::string days_text(Lang lang, int days_left) {
  if (days_left < 0) {
    return lang == Lang::kZhTw ? fmt::format("逾期 {} 日", -days_left)
                               : fmt::format("{} days overdue", -days_left);
  }
  return lang == Lang::kZhTw ? fmt::format("{} 日內", days_left)
                             : fmt::format("in {} days", days_left);
}

std::string task_table(Lang lang, const std::vector<app::Task>& tasks) {
  if (tasks.empty()) {
    return fmt::format("<p>{}</p>",
                       t(lang, "Nothing is due within 30 days.", "30 日內沒有到期項目。"));
  }
  std::string rows;
  for (const app::Task& task : tasks) {
    rows += fmt::format(
        R"(<tr class="{}"><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td>{}</td><td class="date">{}</td><td>{}</td></tr>)",
        task.days_left < 0 ? "overdue" : "", escape_html(task.node_id),
        escape_html(truncate_to_width(task.title.in(lang), 60)), escape_html(task.object),
        escape_html(task.owner), status_label(lang, task.status), escape_html(task.due),
        days_text(lang, task.days_left));
  }
  return fmt::format(
      R"(<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
      t(lang, "Due within 30 days and overdue", "30 日內到期與逾期"),
      t(lang, "Requirement", "要求"), t(lang, "Object", "對象"), t(lang, "Owner", "負責人"),
      t(lang, "Status", "評估結果"), t(lang, "Due date", "到期日"), t(lang, "When", "期限"), rows);
}

}  // namespace

std::string login_page(const Frame& frame, std::string_view name, std::string_view problem) {
  const Lang lang = frame.lang;
  const std::string alert =
      problem.empty()
          ? std::string()
          : fmt::format(R"(<p class="problem" role="alert">{}</p>)", escape_html(problem));
  return layout(
      frame, t(lang, "Log in", "登入"),
      fmt::format(
          R"(<section class="login"><h1>{}</h1>{}<form method="post" action="/login" autocomplete="off">
<label for="name">{}</label><input id="name" name="name" value="{}" required autocomplete="username" autofocus>
<label for="password">{}</label><input id="password" name="password" type="password" required autocomplete="current-password">
<label for="code">{}</label><input id="code" name="code" inputmode="numeric" pattern="[0-9]{{6,8}}" autocomplete="one-time-code" aria-describedby="code-hint">
<p id="code-hint" class="hint">{}</p>
<button type="submit">{}</button></form>
<p class="hint">{}</p></section>)",
          t(lang, "Log in to etguard", "登入 etguard"), alert, t(lang, "User name", "使用者名稱"),
          escape_html(name), t(lang, "Password", "密碼"),
          t(lang, "Code from your authenticator app", "驗證器 App 顯示之驗證碼"),
          t(lang, "Leave it empty to confirm with your security key instead.",
            "若改以安全金鑰確認，請留空。"),
          t(lang, "Log in", "登入"),
          t(lang,
            "Five failed attempts in a row lock the account; an administrator unlocks it after "
            "verifying who you are.",
            "連續五次失敗將鎖定帳號，須由系統管理者確認身分後解鎖。")));
}

std::string dashboard_page(const Frame& frame, const app::Dashboard& board) {
  const Lang lang = frame.lang;
  const app::DashboardCounts& counts = board.counts;
  std::string advice;
  if (frame.session != nullptr && frame.session->advise_password_change) {
    advice = fmt::format(R"(<p class="advice" role="status">{}</p>)",
                         t(lang, "Your password is more than three months old; please change it.",
                           "您的密碼已逾三個月未變更，請變更密碼。"));
  }
  std::string cycle;
  if (!board.cycle.empty()) {
    cycle = lang == Lang::kZhTw
                ? fmt::format("評估週期 {}{}", escape_html(board.cycle),
                              board.deadline.empty()
                                  ? ""
                                  : fmt::format("，到期日 {}", escape_html(board.deadline)))
                : fmt::format("Cycle {}{}", escape_html(board.cycle),
                              board.deadline.empty()
                                  ? ""
                                  : fmt::format(", due {}", escape_html(board.deadline)));
  }
  const bool sees_tasks = frame.session != nullptr &&
                          frame.session->who.role != app::Role::kBoard &&
                          frame.session->who.role != app::Role::kAuditor;
  return layout(
      frame, t(lang, "Dashboard", "總覽"),
      fmt::format(
          R"({}<h1>{}</h1><p class="meta">{} · {} {}</p>
<section aria-labelledby="summary"><h2 id="summary">{}</h2><div class="cards">{}{}{}{}{}</div>{}</section>
{})",
          advice, escape_html(board.firm.empty() ? "etguard" : board.firm), cycle,
          t(lang, "as of", "資料日期"), escape_html(board.today),
          t(lang, "Where the assessment stands", "評估現況"),
          card("total", t(lang, "requirements × objects", "要求 × 對象"), counts.total),
          card("overdue", t(lang, "overdue", "逾期"), counts.overdue),
          card("soon", t(lang, "due within 7 days", "7 日內到期"), counts.due_in_7),
          card("soon", t(lang, "due within 30 days", "30 日內到期"), counts.due_in_30),
          card("noncompliant", t(lang, "non-compliant", "不符合"), counts.non_compliant),
          status_chart(lang, counts),
          sees_tasks ? fmt::format(
                           R"(<section aria-labelledby="tasks"><h2 id="tasks">{}</h2>{}</section>)",
                           t(lang, "My tasks", "我的待辦"), task_table(lang, board.tasks))
                     : std::string()));
}

std::string message_page(const Frame& frame, std::string_view title, std::string_view message) {
  return layout(
      frame, title,
      fmt::format(R"(<h1>{}</h1><p>{}</p><p><a href="/">{}</a></p>)", escape_html(title),
                  escape_html(message), t(frame.lang, "Back to the dashboard", "回到總覽")));
}

}  // namespace etguard::server
