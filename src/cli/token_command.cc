// etguard token add|list|revoke: API tokens for pipelines that push their
// scan findings to `etguard serve` (`etguard scan ... --push`).
#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "app/api_tokens.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

struct TokenOptions {
  app::ApiTokenSpec spec;
  std::string out;  // a new file for the secret (mode 0600); empty: standard output
  std::string id;
};

// A new file only its owner reads, made before the token so that a path
// that cannot be used leaves no token behind; never an existing file.
class SecretFile {
 public:
  static Result<SecretFile> create(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      const int error = errno;
      return fail(
          ErrorKind::kIo,
          fmt::format("{}: cannot create it for the token ({}); the file must not exist", path,
                      std::strerror(error)),
          fmt::format("{}：無法建立權杖檔（{}）；該檔案不得已存在", path, std::strerror(error)));
    }
    return SecretFile(path, fd);
  }
  SecretFile(SecretFile&& other) noexcept
      : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}
  SecretFile(const SecretFile&) = delete;
  SecretFile& operator=(const SecretFile&) = delete;
  SecretFile& operator=(SecretFile&&) = delete;
  // Unless written, the file is removed.
  ~SecretFile() {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(path_.c_str());
    }
  }
  Status write(const std::string& secret) {
    const std::string line = secret + "\n";
    const bool written =
        ::write(fd_, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    const bool closed = ::close(std::exchange(fd_, -1)) == 0;
    if (!written || !closed) {
      ::unlink(path_.c_str());
      return fail(ErrorKind::kIo, fmt::format("{}: the token could not be written", path_),
                  fmt::format("{}：無法寫入權杖", path_));
    }
    return {};
  }

 private:
  SecretFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_;
};

Result<int> run_token_add(const Context& context, const TokenOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  std::optional<SecretFile> file;
  if (!options.out.empty()) {
    auto created = SecretFile::create(options.out);
    if (!created) {
      return std::unexpected(created.error());
    }
    file.emplace(std::move(*created));
  }
  auto issued = app::create_api_token(*session, options.spec);
  if (!issued) {
    return std::unexpected(issued.error());
  }
  const bool zh = context.lang == Lang::kZhTw;
  if (file) {
    Status written = file->write(issued->secret);
    OPENSSL_cleanse(issued->secret.data(), issued->secret.size());
    if (!written) {
      return fail(
          ErrorKind::kIo,
          written.error().message +
              fmt::format("; revoke token {} (its secret is lost)", issued->id),
          written.error().message_zh + fmt::format("；請撤銷權杖 {}（其密鑰已遺失）", issued->id));
    }
  }
  if (context.json) {
    nlohmann::ordered_json shown{{"schema", "etguard.api_token"},
                                 {"version", "1.0"},
                                 {"id", issued->id},
                                 {"expires_at", issued->expires_at}};
    if (options.out.empty()) {
      shown["secret"] = issued->secret;
    } else {
      shown["secret_file"] = options.out;
    }
    print_json(shown);
  } else if (options.out.empty()) {
    print(fmt::format("{}\n", issued->secret));
    fmt::print(stderr, "{}\n",
               zh ? fmt::format("權杖 {} 效期至 {}；上列密鑰僅顯示這一次，請存入管線之機密儲存",
                                issued->id, issued->expires_at)
                  : fmt::format("token {} expires at {}; the secret above is shown this once "
                                "only: keep it in the pipeline's secret store",
                                issued->id, issued->expires_at));
  } else {
    print(zh ? fmt::format("權杖 {} 已寫入 {}（僅擁有者可讀），效期至 {}\n", issued->id,
                           options.out, issued->expires_at)
             : fmt::format("token {} written to {} (readable by its owner only), expires at {}\n",
                           issued->id, options.out, issued->expires_at));
  }
  OPENSSL_cleanse(issued->secret.data(), issued->secret.size());
  return kExitOk;
}

std::string token_state_text(const app::ApiTokenSummary& token, Lang lang) {
  const bool zh = lang == Lang::kZhTw;
  if (!token.revoked_at.empty()) {
    return zh ? fmt::format("已撤銷 {}（{}）", token.revoked_at.substr(0, 10), token.revoked_by)
              : fmt::format("revoked {} by {}", token.revoked_at.substr(0, 10), token.revoked_by);
  }
  if (token.expired) {
    return zh ? "已過期" : "expired";
  }
  return zh ? "有效" : "active";
}

Result<int> run_token_list(const Context& context) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto tokens = app::list_api_tokens(*session);
  if (!tokens) {
    return std::unexpected(tokens.error());
  }
  if (context.json) {
    print_json(app::api_tokens_json(*tokens));
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  Table table(
      zh ? std::vector<std::string>{"權杖", "使用者", "名稱", "角色", "對象", "到期", "狀態"}
         : std::vector<std::string>{"token", "user", "name", "role", "objects", "expires",
                                    "state"});
  for (const app::ApiTokenSummary& token : *tokens) {
    std::string objects;
    for (const std::string& object : token.objects) {
      objects += (objects.empty() ? "" : ",") + object;
    }
    table.add({token.id, token.user, token.name, std::string(app::role_name(token.role)), objects,
               token.expires_at.substr(0, 10), token_state_text(token, context.lang)});
  }
  print(table.render(terminal_width()));
  return kExitOk;
}

Result<int> run_token_revoke(const Context& context, const TokenOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  if (Status revoked = app::revoke_api_token(*session, options.id); !revoked) {
    return std::unexpected(revoked.error());
  }
  if (!context.json) {
    print(context.lang == Lang::kZhTw ? fmt::format("已撤銷權杖 {}\n", options.id)
                                      : fmt::format("revoked token {}\n", options.id));
  }
  return kExitOk;
}

}  // namespace

void add_token_command(CLI::App& app, Action& selected, const Help& help) {
  CLI::App* token = app.add_subcommand(
      "token", help("API tokens for pipelines that push scan findings to etguard serve",
                    "供管線將掃描發現事項上傳至 etguard serve 之 API 權杖"));
  token->require_subcommand(1);
  auto options = std::make_shared<TokenOptions>();

  CLI::App* add =
      token->add_subcommand("add", help("Make a token for a user; its secret is shown once",
                                        "為使用者建立權杖；其密鑰僅顯示一次"));
  add->add_option("user", options->spec.user, help("the user it acts for", "代為行事之使用者"))
      ->required();
  add->add_option("--name", options->spec.name,
                  help("what it is for (\"ci-tls\")", "用途（如 \"ci-tls\"）"))
      ->required();
  add->add_option("--role", options->spec.role,
                  help("the role it acts in, no wider than the user's (default: the user's)",
                       "行事之角色，不得寬於該使用者（預設為該使用者之角色）"));
  add->add_option("--object", options->spec.objects,
                  help("an owner token's object (kind/key; repeat for more; default: the "
                       "owner's objects)",
                       "負責人權杖之對象（kind/key；可重複；預設為該負責人之對象）"));
  add->add_option("--days", options->spec.days, help("days until it expires", "至到期之天數"))
      ->capture_default_str()
      ->check(CLI::Range(1, app::kMaxTokenDays));
  add->add_option("--out", options->out,
                  help("write the secret to this new file (mode 0600) instead of printing it",
                       "將密鑰寫入此新檔（權限 0600），而非印出"));
  add->footer(help.footer(
      "Only the SHA-256 of the secret is kept. What the token records is the user's in the "
      "ledger; creating and revoking it are ledger entries too.",
      "僅保存密鑰之 SHA-256。權杖所記錄者於稽核帳本中歸屬該使用者；建立與撤銷亦記入帳本。",
      "  etguard token add ci-bot --name ci-tls --role owner --object trading/web-trading "
      "--out ci-tls.token\n"
      "  etguard scan tls --push https://etguard.example:8443 --token-file ci-tls.token "
      "--object trading/web-trading trade.example.com"));
  add->callback([&selected, options] {
    selected = [options](const Context& context) { return run_token_add(context, *options); };
  });

  CLI::App* list = token->add_subcommand(
      "list", help("Every token: user, role, objects, expiry, state (never a secret)",
                   "所有權杖：使用者、角色、對象、到期、狀態（不含密鑰）"));
  list->callback(
      [&selected] { selected = [](const Context& context) { return run_token_list(context); }; });

  CLI::App* revoke = token->add_subcommand(
      "revoke",
      help("Refuse a token from now on (it stays listed)", "自即刻起拒絕該權杖（仍列於清單）"));
  revoke->add_option("id", options->id, help("the token's id (tok-…)", "權杖代號（tok-…）"))
      ->required();
  revoke->callback([&selected, options] {
    selected = [options](const Context& context) { return run_token_revoke(context, *options); };
  });
}

}  // namespace etguard::cli
