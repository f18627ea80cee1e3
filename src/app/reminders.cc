#include "app/reminders.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>
#include <nlohmann/json.hpp>

#include "app/dashboard.h"
#include "app/users.h"
#include "core/atomic_file.h"

namespace etguard::app {
namespace {

constexpr std::array kMailKeys = {
    MailKey{"mail.host", "the relay's host name", "郵件轉送伺服器主機名稱"},
    MailKey{"mail.port", "its port (587 for STARTTLS, 465 for TLS)",
            "埠號（STARTTLS 587、TLS 465）"},
    MailKey{"mail.tls", "starttls (default) or implicit", "starttls（預設）或 implicit"},
    MailKey{"mail.from", "the sender's address", "寄件者地址"},
    MailKey{"mail.user", "the login at the relay, if it asks for one",
            "轉送伺服器帳號（如需登入）"},
    MailKey{"mail.password_file", "a file holding that password (never the password itself)",
            "存放該密碼之檔案（絕不存放密碼本身）"},
    MailKey{"mail.ca_file", "the CA certificate that signed the relay's, if not a system one",
            "簽發轉送伺服器憑證之 CA 憑證（非系統信任者時）"},
    MailKey{"mail.digest_hour",
            "the hour (0-23, UTC, as every date here) from which etguard serve sends the day's "
            "digests",
            "etguard serve 自該時起寄送當日摘要（0-23，UTC，與本工具之日期一致）"}};

Error bad(const std::string& key, const std::string& value, std::string_view why_en,
          std::string_view why_zh) {
  return {ErrorKind::kUsage, fmt::format("{} '{}': {}", key, value, why_en),
          fmt::format("{} '{}'：{}", key, value, why_zh)};
}

std::optional<int> number_in(std::string_view text, int lowest, int highest) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < lowest ||
      value > highest) {
    return std::nullopt;
  }
  return value;
}

// "Mei Lin <mei@firm.example>" → "mei@firm.example"; a bare address as it is.
std::string address_in(std::string_view display) {
  const auto open = display.rfind('<');
  const auto close = display.rfind('>');
  const std::string_view inside = open != std::string_view::npos && close > open
                                      ? display.substr(open + 1, close - open - 1)
                                      : display;
  return mail::is_address(inside) ? std::string(inside) : std::string();
}

mail::Message digest_message(const Dashboard& board, const Digest& digest) {
  std::string lines;
  constexpr std::size_t kListed = 50;
  for (std::size_t i = 0; i < board.tasks.size() && i < kListed; ++i) {
    const Task& task = board.tasks[i];
    lines += fmt::format(
        "- {} {} · {} · {} {}\n", task.due,
        task.days_left < 0
            ? fmt::format("(逾期 {} 天 / overdue {} d)", -task.days_left, -task.days_left)
            : fmt::format("({} 天 / {} d)", task.days_left, task.days_left),
        task.node_id, task.object, task.title.in(Lang::kZhTw));
  }
  if (board.tasks.size() > kListed) {
    lines += fmt::format("… 另有 {0} 項 / {0} more\n", board.tasks.size() - kListed);
  }
  return {.to = digest.address,
          .subject = fmt::format("etguard {}：逾期 {} · 7 日內 {} / overdue {} · within 7 days {}",
                                 board.today, digest.overdue, digest.due_in_7, digest.overdue,
                                 digest.due_in_7),
          .body = fmt::format(
              "{} ({})\n\n逾期 overdue: {}\n1 日內 within 1 day: {}\n7 日內 within 7 days: {}\n"
              "30 日內 within 30 days: {}\n\n{}\n— etguard（新興科技資通安全管控指引 / Emerging "
              "Technology Cybersecurity Control Guideline）\n",
              board.firm, board.today, digest.overdue, digest.due_in_1, digest.due_in_7,
              digest.due_in_30, lines)};
}

}  // namespace

std::span<const MailKey> mail_keys() {
  return kMailKeys;
}

Status configure_mail(Session& session, const std::string& key, const std::string& value) {
  if (std::ranges::none_of(kMailKeys, [&](const MailKey& known) { return known.key == key; })) {
    return fail(ErrorKind::kUsage,
                fmt::format("'{}' is not a mail setting (etguard mail set --help lists them)", key),
                fmt::format("'{}' 不是郵件設定（etguard mail set --help 列出可用者）", key));
  }
  if (!value.empty()) {
    if (key == "mail.port" && !number_in(value, 1, 65535)) {
      return std::unexpected(bad(key, value, "not a port (1-65535)", "不是埠號（1-65535）"));
    }
    if (key == "mail.digest_hour" && !number_in(value, 0, 23)) {
      return std::unexpected(bad(key, value, "not an hour (0-23)", "不是時（0-23）"));
    }
    if (key == "mail.tls" && value != "starttls" && value != "implicit") {
      return std::unexpected(bad(key, value, "neither starttls nor implicit (TLS is never off)",
                                 "不是 starttls 或 implicit（不可不加密）"));
    }
    if (key == "mail.from" && !mail::is_address(value)) {
      return std::unexpected(bad(key, value, "not one e-mail address", "不是單一電子郵件地址"));
    }
    if ((key == "mail.password_file" || key == "mail.ca_file") &&
        !std::filesystem::is_regular_file(value)) {
      return std::unexpected(bad(key, value, "no such file", "檔案不存在"));
    }
  }
  return session.workspace().set_setting(key, value, session.actor());
}

Result<std::map<std::string, std::string>> mail_settings(Session& session) {
  return session.workspace().settings();
}

namespace {

// The relay as `settings` configure it (read once by the caller).
Result<std::unique_ptr<mail::Sender>> sender_from(
    const std::map<std::string, std::string>& settings) {
  const auto value = [&](std::string_view key) {
    const auto found = settings.find(std::string(key));
    return found == settings.end() ? std::string() : found->second;
  };
  if (value("mail.host").empty() || value("mail.from").empty()) {
    return fail(ErrorKind::kUsage,
                "mail is not configured: etguard mail set mail.host HOST and mail.from ADDRESS",
                "尚未設定郵件：請以 etguard mail set 設定 mail.host 與 mail.from");
  }
  const bool implicit_tls = value("mail.tls") == "implicit";
  mail::Relay relay{
      .host = value("mail.host"),
      .port = number_in(value("mail.port"), 1, 65535).value_or(implicit_tls ? 465 : 587),
      .implicit_tls = implicit_tls,
      .username = value("mail.user"),
      .password = {},
      .ca_file = value("mail.ca_file"),
      .from = value("mail.from")};
  if (const std::string file = value("mail.password_file"); !file.empty()) {
    auto password = read_file(file);
    if (!password) {
      return std::unexpected(password.error());
    }
    while (!password->empty() && (password->back() == '\n' || password->back() == '\r')) {
      password->pop_back();
    }
    relay.password = std::move(*password);
  }
  return std::make_unique<mail::SmtpSender>(std::move(relay));
}

}  // namespace

Result<std::unique_ptr<mail::Sender>> mail_sender(Session& session) {
  auto settings = mail_settings(session);
  if (!settings) {
    return std::unexpected(settings.error());
  }
  return sender_from(*settings);
}

Result<DigestRun> send_digests(Session& session, mail::Sender* sender, bool force) {
  DigestRun run{.day = session.today(), .already_sent = false, .digests = {}};
  auto settings = mail_settings(session);
  if (!settings) {
    return std::unexpected(settings.error());
  }
  const auto last = settings->find("mail.digest_sent_on");  // claimed again below
  run.already_sent = !force && last != settings->end() && last->second == run.day;
  auto users = Users::open(session);
  auto listed =
      users ? users->list() : Result<std::vector<UserSummary>>(std::unexpected(users.error()));
  if (!listed) {
    return std::unexpected(listed.error());
  }
  for (const UserSummary& user : *listed) {
    if (user.disabled) {
      continue;
    }
    const Principal who{
        .name = user.name, .display = user.display, .role = user.role, .objects = user.objects};
    auto board = dashboard(session, who);
    if (!board) {
      if (board.error().kind == ErrorKind::kDenied) {
        continue;
      }
      return std::unexpected(board.error());
    }
    if (board->tasks.empty()) {
      continue;
    }
    Digest digest{.user = user.name, .address = address_in(user.display)};
    for (const Task& task : board->tasks) {
      digest.overdue += task.days_left < 0 ? 1 : 0;
      digest.due_in_1 += task.days_left >= 0 && task.days_left <= 1 ? 1 : 0;
      digest.due_in_7 += task.days_left >= 0 && task.days_left <= 7 ? 1 : 0;
      digest.due_in_30 += task.days_left >= 0 && task.days_left <= 30 ? 1 : 0;
    }
    digest.message = digest_message(*board, digest);
    run.digests.push_back(std::move(digest));
  }
  if (sender == nullptr || run.already_sent) {
    return run;
  }
  // The day is claimed before anything is sent: of two senders at once (the
  // server's mail thread and `remind --send` from cron), one sends.
  constexpr std::string_view kSentOn = "mail.digest_sent_on";
  auto claimed = session.workspace().claim_setting(std::string(kSentOn), run.day, session.actor());
  if (!claimed) {
    return std::unexpected(claimed.error());
  }
  if (!claimed->has_value() && !force) {
    run.already_sent = true;
    return run;
  }
  const std::string before = claimed->value_or(run.day);
  for (Digest& digest : run.digests) {
    if (digest.address.empty()) {
      continue;
    }
    if (Status sent = sender->send(digest.message); !sent) {
      // Given back, so that the next attempt sends the day's digests.
      if (Status released =
              session.workspace().set_setting(std::string(kSentOn), before, session.actor());
          !released) {
        return fail(sent.error().kind,
                    fmt::format("{}; {} could not be set back ({}): run `etguard remind --send "
                                "--force` once the relay works",
                                sent.error().message, kSentOn, released.error().message),
                    fmt::format("{}；{} 無法復原（{}）：郵件伺服器恢復後請執行 `etguard remind "
                                "--send --force`",
                                sent.error().message_zh, kSentOn, released.error().message_zh));
      }
      return std::unexpected(sent.error());
    }
    digest.sent = true;
    const nlohmann::json state = {{"day", run.day},
                                  {"to", digest.address},
                                  {"overdue", digest.overdue},
                                  {"due_in_1", digest.due_in_1},
                                  {"due_in_7", digest.due_in_7},
                                  {"due_in_30", digest.due_in_30}};
    if (Status recorded = session.workspace().record_mail("digest", "user/" + digest.user,
                                                          state.dump(), session.actor());
        !recorded) {
      return std::unexpected(recorded.error());
    }
  }
  return run;
}

bool digest_due(int digest_hour, TimePoint now) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return utc.tm_hour >= digest_hour;
}

Result<std::optional<DigestRun>> send_digests_when_due(Session& session) {
  auto settings = mail_settings(session);
  if (!settings) {
    return std::unexpected(settings.error());
  }
  const auto hour = settings->find("mail.digest_hour");
  const std::optional<int> digest_hour =
      hour == settings->end() ? std::nullopt : number_in(hour->second, 0, 23);
  const auto sent_on = settings->find("mail.digest_sent_on");
  const bool sent_today = sent_on != settings->end() && sent_on->second == session.today();
  if (!digest_hour || !settings->contains("mail.host") || sent_today ||
      !digest_due(*digest_hour, session.clock().now())) {
    return std::nullopt;
  }
  auto sender = sender_from(*settings);
  if (!sender) {
    return std::unexpected(sender.error());
  }
  auto run = send_digests(session, sender->get(), false);
  if (!run) {
    return std::unexpected(run.error());
  }
  return std::optional<DigestRun>(std::move(*run));
}

Result<bool> send_login_notice(Session& session, const LoginNotice& notice) {
  const std::string address = address_in(notice.display);
  auto settings = mail_settings(session);
  if (!settings) {
    return std::unexpected(settings.error());
  }
  if (address.empty() || !settings->contains("mail.host")) {
    return false;
  }
  auto sender = sender_from(*settings);
  if (!sender) {
    return std::unexpected(sender.error());
  }
  const mail::Message message{
      .to = address,
      .subject = "etguard 登入通知 / login notice",
      .body = fmt::format(
          "您的帳號 {0} 於 {1}（UTC）自 {2} 登入 "
          "etguard。\n若非您本人，請立即通知資安長並請管理者停用帳號。\n\n"
          "Your account {0} logged in to etguard at {1} (UTC) from {2}.\nIf this was not you, "
          "tell the security officer now and ask an administrator to disable the account.\n",
          notice.user, notice.at, notice.source)};
  if (Status sent = (*sender)->send(message); !sent) {
    return std::unexpected(sent.error());
  }
  const nlohmann::json state = {{"to", address}, {"source", notice.source}, {"at", notice.at}};
  if (Status recorded = session.workspace().record_mail("login_notice", "user/" + notice.user,
                                                        state.dump(), session.actor());
      !recorded) {
    return std::unexpected(recorded.error());
  }
  return true;
}

}  // namespace etguard::app
