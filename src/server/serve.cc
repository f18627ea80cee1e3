#include "server/serve.h"

#include <fmt/format.h>
#include <openssl/ssl.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

namespace etguard::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kHandshakeTime = 10s;
constexpr auto kRequestTime = 15s;  // header and body together
constexpr std::size_t kHeaderLimit = std::size_t{16} * 1024;
constexpr std::uint64_t kBodyLimit = 1U << 20U;  // forms and JSON
// Evidence uploads and a handed report signed off (their body is the file),
// and a pipeline's pushed findings (a part is at most 24 MiB): larger, and
// given longer.
constexpr std::array<std::string_view, 3> kUploadPaths = {"/api/evidence/upload", "/api/findings",
                                                          "/api/reports/sign-off"};
constexpr std::uint64_t kUploadLimit = std::uint64_t{32} << 20U;
constexpr auto kUploadTime = 120s;
// Logins wait in their own lane (one Argon2id hash at a time, on its own
// thread), so a flood of them never holds the workers other requests need;
// past this many waiting, a login is answered at once: 503, try again.
constexpr int kLoginsWaiting = 64;

// Where a request's handler runs.
struct Lanes {
  net::thread_pool* workers;
  net::thread_pool* logins;
  std::atomic<int> waiting_logins = 0;
};

// Requests that check a password: a login, and its confirmation before
// sign-off and user administration.
bool checks_a_password(const Request& request) {
  const std::string_view path = request.path();
  return request.method == "POST" &&
         (path == "/login" || path == "/reauth" || path == "/api/reauth");
}

// An answer the listener gives itself, before any handler: plain text.
Response plain_answer(int status, std::string body) {
  return {.status = status,
          .content_type = "text/plain; charset=utf-8",
          .body = std::move(body),
          .headers = security_headers()};
}

// TLS as the project's own Art. 34 policy judges it: 1.2 and 1.3 only,
// ECDHE with AEAD ciphers, no renegotiation, no compression.
Result<ssl::context> tls_context(const ServeOptions& options) {
  ssl::context context(ssl::context::tls_server);
  SSL_CTX* native = context.native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                  SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TICKET);
  const bool configured =
      SSL_CTX_set_cipher_list(native,
                              "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:"
                              "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305") == 1 &&
      SSL_CTX_set_ciphersuites(native,
                               "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
                               "TLS_CHACHA20_POLY1305_SHA256") == 1 &&
      SSL_CTX_set1_groups_list(native, "X25519:P-256:P-384") == 1;
  if (!configured) {
    return fail(ErrorKind::kInternal, "OpenSSL refused the TLS settings", "OpenSSL 拒絕 TLS 設定");
  }
  if (SSL_CTX_use_certificate_chain_file(native, options.cert.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(native, options.key.c_str(), SSL_FILETYPE_PEM) != 1) {
    return fail(ErrorKind::kInput,
                fmt::format("cannot use {} and {} as the server's certificate and key",
                            options.cert.string(), options.key.string()),
                fmt::format("無法以 {} 與 {} 作為伺服器憑證與私鑰", options.cert.string(),
                            options.key.string()));
  }
  return context;
}

Request to_request(const http::request<http::string_body>& message, std::string source) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    request.headers.try_emplace(std::move(name), std::string(field.value()));
  }
  request.body = message.body();
  request.source = std::move(source);
  return request;
}

http::response<http::string_body> to_message(const Response& response, unsigned version,
                                             bool keep_alive, bool head) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "etguard");
  message.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) {
    message.insert(name, value);
  }
  message.body() = response.body;
  message.keep_alive(keep_alive);
  message.prepare_payload();
  if (head) {
    message.body().clear();
  }
  return message;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, ssl::context& context, Site& site, Lanes& lanes)
      : stream_(std::move(socket), context), site_(&site), lanes_(&lanes) {
    beast::error_code ignored;
    source_ =
        beast::get_lowest_layer(stream_).socket().remote_endpoint(ignored).address().to_string();
  }

  void start() {
    beast::get_lowest_layer(stream_).expires_after(kHandshakeTime);
    stream_.async_handshake(ssl::stream_base::server,
                            [self = shared_from_this()](beast::error_code error) {
                              if (!error) {
                                self->read();
                              }
                            });
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // Beast checks a declared Content-Length against the limit as the header
    // is parsed: the largest a route takes, narrowed once the route is known.
    parser_->body_limit(kUploadLimit);
    beast::get_lowest_layer(stream_).expires_after(kRequestTime);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code error, std::size_t) {
                              self->on_header(error);
                            });
  }

  // The body's limits follow the route the header names.
  void on_header(beast::error_code error) {
    if (error || !parser_) {
      on_read(error);
      return;
    }
    auto& parser = *parser_;
    const std::string_view target(parser.get().target());
    if (std::ranges::find(kUploadPaths, target.substr(0, target.find('?'))) != kUploadPaths.end()) {
      beast::get_lowest_layer(stream_).expires_after(kUploadTime);
    } else {
      if (parser.content_length().value_or(0) > kBodyLimit) {
        on_read(http::error::body_limit);
        return;
      }
      parser.body_limit(kBodyLimit);  // a chunked body, counted as it comes
    }
    http::async_read(stream_, buffer_, parser,
                     [self = shared_from_this()](beast::error_code read_error, std::size_t) {
                       self->on_read(read_error);
                     });
  }

  void on_read(beast::error_code error) {
    if (error == http::error::body_limit || error == http::error::header_limit) {
      send(plain_answer(error == http::error::body_limit ? 413 : 431, "request too large\n"), 11,
           false, false);
      return;
    }
    if (error || !parser_) {
      return;  // closed, timed out or malformed: the connection ends
    }
    const auto& message = parser_->get();
    const unsigned version = message.version();
    const bool keep_alive = message.keep_alive();
    const bool head = message.method() == http::verb::head;
    Request request = to_request(message, source_);
    const bool login = checks_a_password(request);
    if (login && lanes_->waiting_logins.fetch_add(1) >= kLoginsWaiting) {
      lanes_->waiting_logins.fetch_sub(1);
      Response busy = plain_answer(
          503, "too many logins at once; try again in a moment\n登入人數過多，請稍後再試\n");
      busy.headers.emplace_back("Retry-After", "2");
      send(busy, version, keep_alive, head);
      return;
    }
    // The handler runs in its lane; the answer goes back to this
    // connection's strand.
    net::post(login ? *lanes_->logins : *lanes_->workers,
              [self = shared_from_this(), request = std::move(request), version, keep_alive, head,
               login]() {
                Response response = self->site_->handle(request);
                if (login) {
                  self->lanes_->waiting_logins.fetch_sub(1);
                }
                net::post(self->stream_.get_executor(),
                          [self, response = std::move(response), version, keep_alive, head]() {
                            self->send(response, version, keep_alive, head);
                          });
              });
  }

  void send(const Response& response, unsigned version, bool keep_alive, bool head) {
    response_ = to_message(response, version, keep_alive, head);
    beast::get_lowest_layer(stream_).expires_after(kRequestTime);
    http::async_write(
        stream_, response_,
        [self = shared_from_this(), keep_alive](beast::error_code error, std::size_t) {
          if (!error && keep_alive) {
            self->read();
          } else {
            self->close();
          }
        });
  }

  void close() {
    beast::get_lowest_layer(stream_).expires_after(kHandshakeTime);
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) {});
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  Site* site_;
  Lanes* lanes_;
  std::string source_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& io, tcp::acceptor acceptor, ssl::context& context, Site& site,
           Lanes& lanes)
      : io_(&io),
        acceptor_(std::move(acceptor)),
        context_(&context),
        site_(&site),
        lanes_(&lanes) {}

  void accept() {
    acceptor_.async_accept(
        net::make_strand(*io_),
        [self = shared_from_this()](beast::error_code error, tcp::socket socket) {
          if (!error) {
            // Answers are whole: Nagle's wait for an ACK the client delays
            // (40 ms) would only hold back their last TLS record. A socket
            // that refuses the option still serves, only slower.
            beast::error_code refused;
            // NOLINTNEXTLINE(bugprone-unused-return-value): `refused` holds it
            socket.set_option(tcp::no_delay(true), refused);
            std::make_shared<Connection>(std::move(socket), *self->context_, *self->site_,
                                         *self->lanes_)
                ->start();
          }
          if (self->acceptor_.is_open()) {
            self->accept();
          }
        });
  }

 private:
  net::io_context* io_;
  tcp::acceptor acceptor_;
  ssl::context* context_;
  Site* site_;
  Lanes* lanes_;
};

}  // namespace

Status serve(Site& site, const ServeOptions& options,
             const std::function<void(std::uint16_t port)>& ready) {
  auto context = tls_context(options);
  if (!context) {
    return std::unexpected(context.error());
  }
  beast::error_code error;
  const auto address = net::ip::make_address(options.host, error);
  if (error) {
    return fail(ErrorKind::kUsage, fmt::format("--listen: '{}' is not an IP address", options.host),
                fmt::format("--listen：「{}」不是 IP 位址", options.host));
  }
  net::io_context io;
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(address, options.port);
  // Each step returns its error code (set, so true, when it failed).
  const bool listening = !acceptor.open(endpoint.protocol(), error) &&
                         !acceptor.set_option(net::socket_base::reuse_address(true), error) &&
                         !acceptor.bind(endpoint, error) &&
                         !acceptor.listen(net::socket_base::max_listen_connections, error);
  if (!listening) {
    return fail(
        ErrorKind::kIo,
        fmt::format("cannot listen on {}:{}: {}", options.host, options.port, error.message()),
        fmt::format("無法於 {}:{} 接受連線：{}", options.host, options.port, error.message()));
  }
  const std::uint16_t port = acceptor.local_endpoint().port();
  const unsigned cores = std::max(2U, std::thread::hardware_concurrency());
  net::thread_pool workers(options.workers > 0 ? options.workers : cores);
  net::thread_pool logins(1);  // the users' lockout takes one login at a time anyway
  Lanes lanes{.workers = &workers, .logins = &logins};
  std::make_shared<Listener>(io, std::move(acceptor), *context, site, lanes)->accept();
  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](beast::error_code, int) { io.stop(); });
  ready(port);
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < cores; ++i) {
    threads.emplace_back([&io] { io.run(); });
  }
  io.run();
  for (std::thread& thread : threads) {
    thread.join();
  }
  workers.stop();
  logins.stop();
  workers.join();
  logins.join();
  return {};
}

}  // namespace etguard::server
