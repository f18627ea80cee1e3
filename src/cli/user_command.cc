// etguard user add|list|disable|unlock|reset: the people who log in to
// `etguard serve`. The first administrator is made here, at the terminal.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <functional>
#include <iostream>

#include "app/users.h"
#include "cli/command.h"
#include "cli/open_workspace.h"
#include "core/atomic_file.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct UserOptions {
  app::UserSpec spec;
  std::string password_file;  // "-": the first line of stdin
  std::string verified_by;
  std::string reason;
  std::string key_uri;
};

// One line typed without echo on the terminal.
std::string read_hidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  return line;
}

// The new password: from --password-file (its first line; "-" is stdin), or
// typed twice at the terminal. Never echoed, never logged.
Result<std::string> new_password(const Context& context, const std::string& file) {
  const bool zh = context.lang == Lang::kZhTw;
  if (file == "-") {
    std::string line;
    std::getline(std::cin, line);
    return line;
  }
  if (!file.empty()) {
    auto text = read_file(file);
    if (!text) {
      return std::unexpected(text.error());
    }
    return text->substr(0, text->find('\n'));
  }
  if (::isatty(STDIN_FILENO) == 0) {
    return usage_error(
        "no terminal to type the password on: give --password-file FILE (or - "
        "for standard input)",
        "沒有可輸入密碼的終端機：請以 --password-file FILE（或 - 代表標準輸入）提供");
  }
  std::string first = read_hidden(zh ? "新密碼：" : "New password: ");
  if (read_hidden(zh ? "再輸入一次：" : "Again: ") != first) {
    return usage_error("the two passwords differ", "兩次輸入的密碼不同");
  }
  return first;
}

void print_enrolment(const Context& context, const app::Enrolment& enrolment) {
  if (context.json) {
    print_json(Json{{"schema", "etguard.user_enrolment"},
                    {"version", "1.0"},
                    {"name", enrolment.name},
                    {"otpauth_uri", enrolment.otpauth_uri}});
    return;
  }
  const bool zh = context.lang == Lang::kZhTw;
  print(fmt::format(
      fmt::runtime(zh ? "使用者 {} 已就緒。請以驗證器 App 掃描下列 QR 碼（僅顯示這一次）：\n"
                      : "User {} is ready. Scan this QR code with an authenticator app (shown "
                        "this once only):\n"),
      enrolment.name));
  if (stdout_is_terminal()) {
    print(enrolment.qr_text);
  }
  print(fmt::format("{}\n", enrolment.otpauth_uri));
}

// Opens the workspace and its users, and lets `use` work on them.
Result<int> with_users(const Context& context, const std::function<Result<int>(app::Users&)>& use) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto users = app::Users::open(*session);
  if (!users) {
    return std::unexpected(users.error());
  }
  return use(*users);
}

// add and reset: a new password (and so a new enrolment) for one user.
Result<int> run_enrol(const Context& context, const UserOptions& options, bool reset) {
  return with_users(context, [&](app::Users& users) -> Result<int> {
    auto password = new_password(context, options.password_file);
    if (!password) {
      return std::unexpected(password.error());
    }
    auto enrolment = reset ? users.reset(options.spec.name, *password, options.verified_by)
                           : users.add(options.spec, *password);
    if (!enrolment) {
      return std::unexpected(enrolment.error());
    }
    print_enrolment(context, *enrolment);
    return kExitOk;
  });
}

std::string state_text(const app::UserSummary& user, Lang lang) {
  const bool zh = lang == Lang::kZhTw;
  std::string out;
  const auto add = [&](std::string_view en, std::string_view zh_text) {
    out += out.empty() ? "" : zh ? "、" : ", ";
    out += zh ? zh_text : en;
  };
  if (user.disabled) {
    add("disabled", "已停用");
  }
  if (user.locked) {
    add("locked", "已鎖定");
  } else if (user.failures > 0) {
    add(fmt::format("{} failed", user.failures), fmt::format("失敗 {} 次", user.failures));
  }
  if (user.advise_password_change) {
    add("password older than 3 months", "密碼逾三個月");
  }
  if (out.empty()) {
    add("active", "使用中");
  }
  if (!user.security_keys.empty()) {
    add(fmt::format("{} security key(s)", user.security_keys.size()),
        fmt::format("安全金鑰 {} 支", user.security_keys.size()));
  }
  return out;
}

// keys --uri: the users' keys on a PKCS#11 token, before the first user.
Result<int> run_keys(const Context& context, const UserOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto kept = app::Users::keep_keys_on_token(*session, options.key_uri);
  if (!kept) {
    return std::unexpected(kept.error());
  }
  if (context.json) {
    print_json(nlohmann::ordered_json{{"key_uri", *kept}});
  } else {
    print(
        context.lang == Lang::kZhTw
            ? fmt::format("使用者之密碼胡椒與 TOTP 封存金鑰置於權杖 {}（已記入稽核帳本）\n", *kept)
            : fmt::format("the users' password pepper and TOTP seal key are kept on the token "
                          "{} (recorded in the ledger)\n",
                          *kept));
  }
  return kExitOk;
}

Result<int> run_list(const Context& context) {
  return with_users(context, [&](app::Users& users) -> Result<int> {
    auto listed = users.list();
    if (!listed) {
      return std::unexpected(listed.error());
    }
    if (context.json) {
      print_json(app::users_json(*listed));
      return kExitOk;
    }
    const bool zh = context.lang == Lang::kZhTw;
    Table table(zh ? std::vector<std::string>{"使用者", "角色", "狀態", "姓名", "對象"}
                   : std::vector<std::string>{"user", "role", "state", "name", "objects"});
    for (const app::UserSummary& user : *listed) {
      std::string objects;
      for (const std::string& object : user.objects) {
        objects += (objects.empty() ? "" : ",") + object;
      }
      table.add({user.name, std::string(app::role_name(user.role)), state_text(user, context.lang),
                 user.display, objects});
    }
    print(table.render(terminal_width()));
    return kExitOk;
  });
}

Result<int> run_change(const Context& context, const UserOptions& options, bool unlock) {
  return with_users(context, [&](app::Users& users) -> Result<int> {
    Status done = unlock ? users.unlock(options.spec.name, options.verified_by)
                         : users.disable(options.spec.name, options.reason);
    if (!done) {
      return std::unexpected(done.error());
    }
    if (!context.json) {
      const bool zh = context.lang == Lang::kZhTw;
      print(fmt::format(fmt::runtime(unlock ? (zh ? "已解鎖 {}\n" : "unlocked {}\n")
                                            : (zh ? "已停用 {}\n" : "disabled {}\n")),
                        options.spec.name));
    }
    return kExitOk;
  });
}

void add_name(CLI::App& command, UserOptions& options, const Help& help) {
  command.add_option("name", options.spec.name, help("the login name", "登入名稱"))->required();
}

void add_verified_by(CLI::App& command, UserOptions& options, const Help& help) {
  command
      .add_option("--verified-by", options.verified_by,
                  help("how you verified who asks (the record of the in-person check)",
                       "如何確認申請人身分（當面確認之紀錄）"))
      ->required();
}

void add_password_file(CLI::App& command, UserOptions& options, const Help& help) {
  command.add_option("--password-file", options.password_file,
                     help("read the password from the first line of FILE (- : standard input) "
                          "instead of typing it",
                          "自 FILE 第一行讀取密碼（- 代表標準輸入），而非於終端機輸入"));
}

}  // namespace

void add_user_command(CLI::App& app, Action& selected, const Help& help) {
  CLI::App* user = app.add_subcommand(
      "user", help("The people who log in to etguard serve", "登入 etguard serve 的使用者"));
  user->require_subcommand(1);
  auto options = std::make_shared<UserOptions>();

  CLI::App* add = user->add_subcommand(
      "add", help("Add a user: password, then an authenticator app for the second factor",
                  "新增使用者：密碼，再以驗證器 App 作為第二因子"));
  add_name(*add, *options, help);
  add->add_option("--role", options->spec.role, std::string(app::kRoleNames))->required();
  add->add_option("--display", options->spec.display,
                  help("name and e-mail, \"Name <email>\"", "姓名與電子郵件，「姓名 <email>」"));
  add->add_option("--objects", options->spec.objects,
                  help("an owner's objects (kind/key, comma-separated)",
                       "負責人之對象（kind/key，以逗號分隔）"))
      ->delimiter(',');
  add_password_file(*add, *options, help);
  add->footer(help.footer(
      "Roles: admin (everything), officer (everything but users), owner (only the objects "
      "given), auditor (reads and verifies, writes nothing), board (the summary and signed "
      "reports). Passwords follow the etauth policy (8 to 128 characters, letters with digits "
      "or symbols); five failed logins lock the account.",
      "角色：admin（全部）、officer（使用者管理以外之全部）、owner（僅限指定之對象）、auditor"
      "（唯讀、可驗證，不得寫入）、board（摘要與已簽核之報告）。密碼依 etauth 政策（8 至 128 "
      "字元，英文字母並含數字或符號）；連續五次登入失敗即鎖定帳號。",
      "  etguard user add mei --role admin --display \"林美 <mei@broker.example>\"\n"
      "  etguard user add chen --role owner --objects cloud/aws-trading,mobile_app/trade-app"));
  add->callback([&selected, options] {
    selected = [options](const Context& context) { return run_enrol(context, *options, false); };
  });

  CLI::App* keys = user->add_subcommand(
      "keys", help("Keep the keys behind passwords and authenticators on a PKCS#11 token (an "
                   "HSM), before the first user is added",
                   "於新增第一位使用者前，將密碼與驗證器之金鑰置於 PKCS#11 權杖（HSM）"));
  keys->add_option("--uri", options->key_uri,
                   help("the token's RFC 7512 URI; its object names the keys' prefix",
                        "權杖之 RFC 7512 URI；其 object 為金鑰標籤之前綴"))
      ->required();
  keys->footer(help.footer(
      "The pepper of every password hash and the key sealing TOTP seeds are generated on the "
      "token as non-extractable secrets (<object>-password-pepper, <object>-otp-seal) and used "
      "there; the workspace keeps only the URI. The PIN comes from ETGUARD_PKCS11_PIN or the "
      "URI's pin-source, as for the ledger key. Refused once a user exists.",
      "所有密碼雜湊之胡椒與封存 TOTP 種子之金鑰於權杖內產生為不可匯出之密鑰"
      "（<object>-password-pepper、<object>-otp-seal）並於權杖內使用；工作區僅保存 URI。PIN "
      "取自 ETGUARD_PKCS11_PIN 或 URI 之 pin-source，與稽核帳本金鑰相同。已有使用者時拒絕。",
      "  ETGUARD_PKCS11_PIN=… etguard user keys --uri "
      "'pkcs11:token=etguard;object=users?module-path=/usr/lib/softhsm/libsofthsm2.so'"));
  keys->callback([&selected, options] {
    selected = [options](const Context& context) { return run_keys(context, *options); };
  });

  CLI::App* list =
      user->add_subcommand("list", help("Every user: role, state (locked, disabled), objects",
                                        "所有使用者：角色、狀態（鎖定、停用）、對象"));
  list->callback(
      [&selected] { selected = [](const Context& context) { return run_list(context); }; });

  CLI::App* disable = user->add_subcommand(
      "disable", help("Refuse every login of a user from now on", "自即刻起拒絕該使用者登入"));
  add_name(*disable, *options, help);
  disable->add_option("--reason", options->reason, help("why (recorded)", "原因（將被記錄）"))
      ->required();
  disable->callback([&selected, options] {
    selected = [options](const Context& context) { return run_change(context, *options, false); };
  });

  CLI::App* unlock = user->add_subcommand(
      "unlock", help("Lift the lock after five failed logins, once you verified who asks",
                     "確認申請人身分後，解除連續五次登入失敗之鎖定"));
  add_name(*unlock, *options, help);
  add_verified_by(*unlock, *options, help);
  unlock->footer(help.footer("", "",
                             "  etguard user unlock chen --verified-by \"staff card seen, "
                             "ticket IT-1207\""));
  unlock->callback([&selected, options] {
    selected = [options](const Context& context) { return run_change(context, *options, true); };
  });

  CLI::App* reset = user->add_subcommand(
      "reset", help("A new password and authenticator for a user (lost phone, forgotten "
                    "password), once you verified who asks",
                    "確認申請人身分後，為使用者設定新密碼與驗證器（手機遺失、忘記密碼）"));
  add_name(*reset, *options, help);
  add_verified_by(*reset, *options, help);
  add_password_file(*reset, *options, help);
  reset->callback([&selected, options] {
    selected = [options](const Context& context) { return run_enrol(context, *options, true); };
  });
}

}  // namespace etguard::cli
