// etguard serve: the workspace on HTTPS for the whole team (issue 18). Parses
// the options, makes or loads the certificate, and runs the server until
// Ctrl-C.
#include <fmt/format.h>

#include <cstdio>

#include "app/evidence_review.h"
#include "app/server_certificate.h"
#include "cli/command.h"
#include "cli/open_workspace.h"
#include "server/serve.h"
#include "server/site.h"

namespace etguard::cli {
namespace {

struct ServeCommandOptions {
  std::string listen = "127.0.0.1:8443";
  std::string cert;
  std::string key;
  std::string origin;
  unsigned workers = 0;
};

// "127.0.0.1:8443", "[::1]:8443", "0.0.0.0:443".
Result<std::pair<std::string, std::uint16_t>> split_listen(const std::string& listen) {
  const std::size_t colon = listen.rfind(':');
  std::string host = colon == std::string::npos ? std::string() : listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned long port = 0;
  try {
    std::size_t used = 0;
    const std::string digits = listen.substr(colon + 1);
    port = std::stoul(digits, &used);
    if (used != digits.size()) {
      port = 65536;
    }
  } catch (const std::exception&) {
    port = 65536;
  }
  if (host.empty() || colon == std::string::npos || port > 65535) {
    return usage_error(fmt::format("--listen '{}': give ADDRESS:PORT, e.g. 127.0.0.1:8443", listen),
                       fmt::format("--listen「{}」：請給 位址:埠，例如 127.0.0.1:8443", listen));
  }
  return std::pair{host, static_cast<std::uint16_t>(port)};
}

Result<int> run_serve(const Context& context, const ServeCommandOptions& options) {
  auto listen = split_listen(options.listen);
  if (!listen) {
    return std::unexpected(listen.error());
  }
  auto environment = app::terminal_environment(context.actor);
  if (!environment) {
    return std::unexpected(environment.error());
  }
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  std::vector<std::string> hosts = {"localhost", "127.0.0.1", "::1"};
  if (std::ranges::find(hosts, listen->first) == hosts.end()) {
    hosts.insert(hosts.begin(), listen->first);
  }
  const auto given = [](const std::string& path) {
    return path.empty() ? std::nullopt : std::optional<std::filesystem::path>(path);
  };
  auto certificate =
      app::server_certificate(*session, given(options.cert), given(options.key), hosts);
  if (!certificate) {
    return std::unexpected(certificate.error());
  }
  auto swept = app::remove_interrupted_uploads(*session);
  if (!swept) {
    return std::unexpected(swept.error());
  }
  if (*swept > 0) {
    fmt::print(stderr,
               fmt::runtime(context.lang == Lang::kZhTw
                                ? "etguard serve：已移除 {} 個中斷之上傳所留下之未完成檔案\n"
                                : "etguard serve: removed {} unfinished files of "
                                  "interrupted uploads\n"),
               *swept);
  }
  auto site = server::Site::open(session->root(), *environment, context.lang);
  if (!site) {
    return std::unexpected(site.error());
  }
  if (!options.origin.empty()) {
    if (Status origin = (*site)->use_origin(options.origin); !origin) {
      return std::unexpected(origin.error());
    }
  }
  const bool zh = context.lang == Lang::kZhTw;
  const server::ServeOptions serve_options{.host = listen->first,
                                           .port = listen->second,
                                           .cert = certificate->cert,
                                           .key = certificate->key,
                                           .workers = options.workers};
  // Said once the server accepts connections: the URL on stdout (for
  // scripts), the certificate on stderr.
  const std::string host =
      listen->first.find(':') != std::string::npos ? "[" + listen->first + "]" : listen->first;
  const std::string certificate_line =
      fmt::format(fmt::runtime(zh ? "etguard serve：{}憑證 {}（SHA-256 {}）；按 Ctrl-C 停止\n"
                                  : "etguard serve: {}certificate {} (SHA-256 {}); Ctrl-C stops\n"),
                  certificate->created ? (zh ? "已產生自簽" : "made a self-signed ") : "",
                  certificate->cert.string(), certificate->sha256);
  Status served = server::serve(**site, serve_options, [&](std::uint16_t port) {
    if (options.origin.empty()) {
      // Security keys need a domain name: the host listened on when it is
      // one, else localhost (the browser on this machine).
      const bool named = !listen->first.empty() &&
                         listen->first.find_first_not_of("0123456789.:") != std::string::npos;
      [[maybe_unused]] const Status origin = (*site)->use_origin(
          fmt::format("https://{}:{}", named ? listen->first : "localhost", port));
    }
    print(fmt::format("https://{}:{}/\n", host, port));
    std::fflush(stdout);
    fmt::print(stderr, "{}", certificate_line);
  });
  if (!served) {
    return std::unexpected(served.error());
  }
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<ServeCommandOptions>();
  CLI::App* serve = app.add_subcommand("serve", help("Serve the workspace to the team over HTTPS",
                                                     "以 HTTPS 將工作區提供給團隊使用"));
  serve->add_option("--listen", options->listen,
                    help("ADDRESS:PORT to listen on (default 127.0.0.1:8443)",
                         "接受連線之 位址:埠（預設 127.0.0.1:8443）"));
  serve->add_option("--cert", options->cert,
                    help("the server certificate (PEM, with its chain); default: a self-signed "
                         "one made on first start in .etguard/server/",
                         "伺服器憑證（PEM，含憑證鏈）；預設：首次啟動時於 .etguard/server/ "
                         "產生之自簽憑證"));
  serve->add_option("--key", options->key,
                    help("the certificate's private key (PEM)", "憑證之私鑰（PEM）"));
  serve->add_option(
      "--origin", options->origin,
      help("https://HOST[:PORT] where the team's browsers reach the server (behind "
           "a reverse proxy: its address); security keys work there alone. Default: "
           "https://localhost:PORT, or the --listen host when it is a name",
           "團隊瀏覽器連線本伺服器之 https://主機[:埠]（位於反向代理之後時為其位址）；"
           "安全金鑰僅於該處可用。預設：https://localhost:埠，或 --listen 之主機名稱"));
  serve->add_option("--workers", options->workers,
                    help("threads that handle requests (default: one per core)",
                         "處理請求之執行緒數（預設：每核心一個）"));
  serve->footer(help.footer(
      "Users log in with their password and the code of their authenticator app, or a "
      "security key they added on the Security keys page; create the first administrator with "
      "'etguard user add NAME --role admin'. TLS 1.2 and 1.3 only.",
      "使用者以密碼及驗證器 App 之驗證碼登入，或以其於「安全金鑰」頁面加入之安全金鑰登入；請先以"
      "「etguard user add NAME --role admin」建立第一位系統管理者。僅使用 TLS 1.2 與 1.3。",
      "  etguard user add mei --role admin\n"
      "  etguard serve --listen 127.0.0.1:8443\n"
      "  etguard serve --listen 0.0.0.0:443 --cert /etc/etguard/cert.pem --key "
      "/etc/etguard/key.pem --origin https://etguard.firm.example"));
  serve->callback([&selected, options] {
    selected = [options](const Context& context) { return run_serve(context, *options); };
  });
}

}  // namespace etguard::cli
