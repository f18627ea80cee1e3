// etguard mail set KEY VALUE | show | test --to ADDRESS: the workspace's
// mail relay (for reminders); etguard remind [--send] [--force]: today's
// digests of what comes due, previewed or sent once a day (from cron, or
// by etguard serve itself).
#include <fmt/format.h>

#include "app/reminders.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct MailOptions {
  std::string key;
  std::string value;
  std::string to;
  bool send = false;
  bool force = false;
};

Result<int> run_mail_set(const Context& context, const MailOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  if (Status set = app::configure_mail(*session, options.key, options.value); !set) {
    return std::unexpected(set.error());
  }
  if (!context.json) {
    print(fmt::format(fmt::runtime(context.lang == Lang::kZhTw ? "已設定 {}\n" : "set {}\n"),
                      options.key));
  }
  return kExitOk;
}

Result<int> run_mail_show(const Context& context) {
  auto session = open_session(context, Access::kReadOnly);
  auto settings =
      session ? app::mail_settings(*session)
              : Result<std::map<std::string, std::string>>(std::unexpected(session.error()));
  if (!settings) {
    return std::unexpected(settings.error());
  }
  if (context.json) {
    print_json(Json{
        {"format", "etguard.mail-settings"}, {"format_version", "1.0"}, {"settings", *settings}});
    return kExitOk;
  }
  std::string out;
  for (const auto& [key, value] : *settings) {
    out += fmt::format("{}={}\n", key, value);
  }
  print(out);
  return kExitOk;
}

Result<int> run_mail_test(const Context& context, const MailOptions& options) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto sender = app::mail_sender(*session);
  if (!sender) {
    return std::unexpected(sender.error());
  }
  if (Status sent = (*sender)->send({.to = options.to,
                                     .subject = "etguard 測試郵件 / test message",
                                     .body = "郵件設定可用。\nThe mail settings work.\n"});
      !sent) {
    return std::unexpected(sent.error());
  }
  print(fmt::format(fmt::runtime(context.lang == Lang::kZhTw ? "已寄出測試郵件給 {}\n"
                                                             : "sent a test message to {}\n"),
                    options.to));
  return kExitOk;
}

Result<int> run_remind(const Context& context, const MailOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  std::unique_ptr<mail::Sender> sender;
  if (options.send) {
    auto made = app::mail_sender(*session);
    if (!made) {
      return std::unexpected(made.error());
    }
    sender = std::move(*made);
  }
  auto run = app::send_digests(*session, sender.get(), options.force);
  if (!run) {
    return std::unexpected(run.error());
  }
  const bool zh = context.lang == Lang::kZhTw;
  if (context.json) {
    Json digests = Json::array();
    for (const app::Digest& digest : run->digests) {
      digests.push_back({{"user", digest.user},
                         {"address", digest.address},
                         {"overdue", digest.overdue},
                         {"due_in_1", digest.due_in_1},
                         {"due_in_7", digest.due_in_7},
                         {"due_in_30", digest.due_in_30},
                         {"sent", digest.sent}});
    }
    print_json(Json{{"format", "etguard.reminders"},
                    {"format_version", "1.0"},
                    {"day", run->day},
                    {"already_sent", run->already_sent},
                    {"digests", digests}});
    return kExitOk;
  }
  std::string out;
  for (const app::Digest& digest : run->digests) {
    out += fmt::format(
        fmt::runtime(
            zh ? "{:<12} {:<28} 逾期 {:>4}  1 日內 {:>4}  7 日內 {:>4}  30 日內 {:>4}  {}\n"
               : "{:<12} {:<28} overdue {:>4}  1 day {:>4}  7 days {:>4}  30 days {:>4}  {}\n"),
        digest.user, digest.address.empty() ? "-" : digest.address, digest.overdue, digest.due_in_1,
        digest.due_in_7, digest.due_in_30,
        digest.sent              ? (zh ? "已寄出" : "sent")
        : digest.address.empty() ? (zh ? "無地址" : "no address")
        : options.send           ? (zh ? "今日已寄" : "sent earlier today")
                                 : (zh ? "預覽" : "preview"));
  }
  if (run->already_sent && options.send) {
    out += zh ? "今日摘要已寄出；再寄一次請加 --force\n"
              : "today's digests went out already; --force sends them again\n";
  }
  print(out);
  return kExitOk;
}

}  // namespace

void add_mail_command(CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<MailOptions>();
  CLI::App* mail_app =
      app.add_subcommand("mail", help("The mail relay for reminders", "寄送提醒之郵件轉送伺服器"));
  mail_app->require_subcommand(1);
  std::string keys;
  for (const app::MailKey& key : app::mail_keys()) {
    keys += fmt::format("  {:<20} {}\n", key.key, help(key.en, key.zh));
  }
  CLI::App* set = mail_app->add_subcommand(
      "set", help("Set (an empty value removes) one mail setting; recorded in the ledger",
                  "設定（值為空白時移除）一項郵件設定；記錄於稽核鏈"));
  set->add_option("key", options->key, help("the setting", "設定鍵"))->required();
  set->add_option("value", options->value, help("its value", "設定值"))->required();
  set->footer(
      help.footer("Settings:\n" + keys +
                      "TLS is always on: STARTTLS is required, TLS 1.2 or newer, the "
                      "relay's certificate verified.",
                  "設定鍵：\n" + keys + "一律加密：必須 STARTTLS、TLS 1.2 以上，並驗證伺服器憑證。",
                  "  etguard mail set mail.host smtp.firm.example\n"
                  "  etguard mail set mail.from etguard@firm.example\n"
                  "  etguard mail set mail.password_file /etc/etguard/smtp-password"));
  set->callback([&selected, options] {
    selected = [options](const Context& context) { return run_mail_set(context, *options); };
  });
  CLI::App* show = mail_app->add_subcommand("show", help("The mail settings", "郵件設定"));
  show->callback(
      [&selected] { selected = [](const Context& context) { return run_mail_show(context); }; });
  CLI::App* test = mail_app->add_subcommand("test", help("Send a test message", "寄送測試郵件"));
  test->add_option("--to", options->to, help("the address", "收件地址"))->required();
  test->callback([&selected, options] {
    selected = [options](const Context& context) { return run_mail_test(context, *options); };
  });

  CLI::App* remind = app.add_subcommand(
      "remind", help("Today's digests of what comes due (30, 7, 1 days) and what is overdue",
                     "今日到期提醒摘要（30、7、1 日內及逾期）"));
  remind->add_flag(
      "--send", options->send,
      help("mail each user their digest (once a day)", "寄送各使用者之摘要（每日一次）"));
  remind->add_flag("--force", options->force,
                   help("send again though today's went out", "今日已寄仍再寄送"));
  remind->footer(help.footer(
      "Without --send, shows who would get what. Each mail sent is recorded in the ledger "
      "(mail.digest).\nA user's address is the one in their display name: \"Name <address>\".",
      "未加 --send 時僅預覽。每封寄出之郵件均記錄於稽核鏈（mail.digest）。\n"
      "使用者地址取自其顯示名稱：\"姓名 <地址>\"。",
      "  etguard remind\n  etguard remind --send    # e.g. daily from cron"));
  remind->callback([&selected, options] {
    selected = [options](const Context& context) { return run_remind(context, *options); };
  });
}

}  // namespace etguard::cli
