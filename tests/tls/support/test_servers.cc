#include "test_servers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <csignal>
#include <stdexcept>

namespace etguard::testing {
namespace {

void set_timeouts(int fd) {
  timeval limit{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
}

std::string read_line(int fd) {
  std::string line;
  char c = 0;
  while (::recv(fd, &c, 1, 0) == 1) {
    line += c;
    if (line.ends_with("\r\n")) {
      break;
    }
  }
  return line;
}

void send_text(int fd, const std::string& text) {
  ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

// Reads one TLS record or SSLv2 message, whole.
tls::Bytes read_hello(int fd) {
  tls::Bytes data(5);
  if (::recv(fd, data.data(), 2, MSG_WAITALL) != 2) {
    return {};
  }
  std::size_t total = 0;
  if ((data[0] & 0x80U) != 0) {
    total = 2 + (((data[0] & 0x7FU) << 8U) | data[1]);
  } else {
    if (::recv(fd, data.data() + 2, 3, MSG_WAITALL) != 3) {
      return {};
    }
    total = 5 + ((std::size_t{data[3]} << 8U) | data[4]);
  }
  const std::size_t have = (data[0] & 0x80U) != 0 ? 2 : 5;
  data.resize(total);
  if (total > have && ::recv(fd, data.data() + have, total - have, MSG_WAITALL) !=
                          static_cast<ssize_t>(total - have)) {
    return {};
  }
  return data;
}

tls::Bytes alert(std::uint8_t description) {
  return {21, 3, 3, 0, 2, 2, description};
}

}  // namespace

LoopbackServer::LoopbackServer(ServerOptions options) : options_(options) {
  listener_ = ::socket(options.ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_storage address{};
  socklen_t length = 0;
  if (options.ipv6) {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
    v6->sin6_family = AF_INET6;
    v6->sin6_addr = in6addr_loopback;
    length = sizeof *v6;
  } else {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
    v4->sin_family = AF_INET;
    v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    length = sizeof *v4;
  }
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::listen(listener_, 64) != 0) {
    throw std::runtime_error("test server: cannot listen on loopback");
  }
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(options.ipv6 ? reinterpret_cast<sockaddr_in6*>(&address)->sin6_port
                             : reinterpret_cast<sockaddr_in*>(&address)->sin_port);
}

LoopbackServer::~LoopbackServer() {
  if (listener_ >= 0) {
    ::close(listener_);
  }
}

std::string LoopbackServer::target() const {
  return (options_.ipv6 ? "[::1]:" : "127.0.0.1:") + std::to_string(port_);
}

void LoopbackServer::start() {
  // Scanners hang up mid-handshake; a server must see EPIPE, not die of SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  thread_ = std::thread([this] { loop(); });
}

void LoopbackServer::stop() {
  stopping_ = true;
  if (thread_.joinable()) {
    thread_.join();
  }
}

void LoopbackServer::loop() {
  while (!stopping_) {
    pollfd entry{listener_, POLLIN, 0};
    if (::poll(&entry, 1, 20) <= 0) {
      continue;
    }
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      continue;
    }
    set_timeouts(fd);
    if (!options_.smtp || smtp_handshake(fd)) {
      serve(fd);
    }
    ::close(fd);
  }
}

bool LoopbackServer::smtp_handshake(int fd) const {
  send_text(fd, "220 test.invalid ESMTP\r\n");
  if (!read_line(fd).starts_with("EHLO")) {
    return false;
  }
  send_text(fd, "250-test.invalid\r\n250-SIZE 1000\r\n250 STARTTLS\r\n");
  if (!read_line(fd).starts_with("STARTTLS")) {
    return false;
  }
  send_text(fd, "220 2.0.0 Ready to start TLS\r\n");
  return true;
}

OpenSslServer::OpenSslServer(const std::function<void(SSL_CTX*)>& configure, ServerOptions options)
    : LoopbackServer(options), context_(SSL_CTX_new(TLS_server_method())) {
  configure(context_);
  start();
}

OpenSslServer::~OpenSslServer() {
  stop();
  SSL_CTX_free(context_);
}

HangUpServer::HangUpServer() : LoopbackServer({}) {
  start();
}

HangUpServer::~HangUpServer() {
  stop();
}

void HangUpServer::serve(int /*fd*/) {}

void OpenSslServer::serve(int fd) {
  SSL* ssl = SSL_new(context_);
  SSL_set_fd(ssl, fd);
  if (SSL_accept(ssl) == 1) {
    SSL_shutdown(ssl);
  }
  SSL_free(ssl);
}

EmulatedServer::EmulatedServer(Emulation emulation, ServerOptions options)
    : LoopbackServer(options), emulation_(std::move(emulation)) {
  start();
}

EmulatedServer::~EmulatedServer() {
  stop();
}

void EmulatedServer::serve(int fd) {
  const tls::Bytes hello = read_hello(fd);
  if (emulation_.silent) {
    std::array<std::uint8_t, 256> sink{};
    while (::recv(fd, sink.data(), sink.size(), 0) > 0) {
    }
    return;
  }
  const tls::Bytes reply = emulation_.raw_reply.empty() ? answer(hello)
                                                        : tls::Bytes(emulation_.raw_reply.begin(),
                                                                     emulation_.raw_reply.end());
  ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
}

tls::Bytes EmulatedServer::answer(const tls::Bytes& hello) const {
  if (hello.size() < 2) {
    return {};
  }
  if ((hello[0] & 0x80U) != 0) {  // SSLv2 CLIENT-HELLO
    if (emulation_.sslv2_ciphers.empty()) {
      return {};
    }
    tls::ByteWriter body;
    body.u8(4);  // SERVER-HELLO
    body.u8(0);
    body.u8(1);  // X.509
    body.u16(0x0002);
    body.u16(static_cast<std::uint32_t>(emulation_.certificate.size()));
    body.u16(static_cast<std::uint32_t>(emulation_.sslv2_ciphers.size() * 3));
    body.u16(16);
    body.append(emulation_.certificate);
    for (std::uint32_t kind : emulation_.sslv2_ciphers) {
      body.u24(kind);
    }
    body.append(tls::Bytes(16, 0x11));
    const std::size_t length = body.bytes().size();
    tls::Bytes out = {static_cast<std::uint8_t>(0x80U | (length >> 8U)),
                      static_cast<std::uint8_t>(length & 0xFFU)};
    out.insert(out.end(), body.bytes().begin(), body.bytes().end());
    return out;
  }
  tls::ByteReader record(hello);
  record.take(5);
  record.take(4);
  const std::uint32_t client_version = record.u16();
  record.take(32);
  record.block(1);
  tls::ByteReader offered = record.sub(2);
  std::vector<std::uint16_t> suites;
  while (offered.ok() && !offered.empty()) {
    suites.push_back(static_cast<std::uint16_t>(offered.u16()));
  }
  if (!record.ok() || emulation_.versions.empty()) {
    return alert(40);
  }
  std::uint16_t version = 0;
  if (std::ranges::find(emulation_.versions, client_version) != emulation_.versions.end()) {
    version = static_cast<std::uint16_t>(client_version);
  } else if (client_version > *std::ranges::max_element(emulation_.versions)) {
    version = *std::ranges::max_element(emulation_.versions);
  } else {
    return alert(70);  // protocol_version
  }
  auto chosen = std::ranges::find_if(emulation_.suites, [&](std::uint16_t suite) {
    return std::ranges::find(suites, suite) != suites.end();
  });
  if (chosen == emulation_.suites.end()) {
    return alert(40);
  }
  tls::ByteWriter handshake;
  handshake.u8(2);  // ServerHello
  std::size_t mark = handshake.begin_length(3);
  handshake.u16(version);
  handshake.append(tls::Bytes(32, 0x42));
  handshake.u8(0);
  handshake.u16(*chosen);
  handshake.u8(0);
  handshake.end_length(mark);
  handshake.u8(11);  // Certificate
  mark = handshake.begin_length(3);
  const std::size_t list = handshake.begin_length(3);
  const std::size_t one = handshake.begin_length(3);
  handshake.append(emulation_.certificate);
  handshake.end_length(one);
  handshake.end_length(list);
  handshake.end_length(mark);
  const bool ecdhe = (*chosen >> 8U) == 0xC0;  // the emulated suites: ECDHE ones live in 0xC0xx
  if (ecdhe) {
    handshake.u8(12);  // ServerKeyExchange
    mark = handshake.begin_length(3);
    handshake.u8(3);
    handshake.u16(emulation_.group);
    handshake.u8(65);
    handshake.append(tls::Bytes(65, 0x04));
    if (version >= 0x0303) {
      handshake.u16(emulation_.scheme);
    }
    handshake.u16(256);
    handshake.append(tls::Bytes(256, 0x5A));
    handshake.end_length(mark);
  }
  handshake.u8(14);  // ServerHelloDone
  handshake.u24(0);
  tls::ByteWriter out;
  out.u8(22);
  out.u16(version);
  out.u16(static_cast<std::uint32_t>(handshake.bytes().size()));
  out.append(handshake.bytes());
  return out.take();
}

}  // namespace etguard::testing
