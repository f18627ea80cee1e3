#include "tls/connection.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace etguard::tls {
namespace {

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(left.count());
}

// Waits until `fd` is ready for `events`; false on timeout.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  pollfd entry{fd, events, 0};
  for (;;) {
    const int ready = ::poll(&entry, 1, remaining_ms(deadline));
    if (ready > 0) {
      return true;
    }
    if (ready == 0 || errno != EINTR) {
      return false;
    }
  }
}

Status send_all(int fd, std::span<const std::uint8_t> data, Clock::time_point deadline) {
  while (!data.empty()) {
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      data = data.subspan(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!wait_for(fd, POLLOUT, deadline)) {
        return fail(ErrorKind::kIo, "timed out sending", "傳送逾時");
      }
      continue;
    }
    return fail(ErrorKind::kIo, fmt::format("send failed: {}", std::strerror(errno)),
                fmt::format("傳送失敗：{}", std::strerror(errno)));
  }
  return {};
}

// Reads one SMTP reply (possibly multi-line) and returns its code.
Result<int> read_smtp_reply(int fd, Clock::time_point deadline) {
  std::string reply;
  std::array<char, 1024> buffer{};
  for (;;) {
    // A reply ends with a line "NNN text\r\n" (space after the code).
    std::size_t line_start = 0;
    for (std::size_t end = reply.find("\r\n"); end != std::string::npos;
         end = reply.find("\r\n", line_start)) {
      const std::string_view line(reply.data() + line_start, end - line_start);
      if (line.size() >= 4 && line[3] == ' ') {
        return std::stoi(std::string(line.substr(0, 3)));
      }
      if (line.size() < 3) {
        return fail(ErrorKind::kInput, "malformed SMTP reply", "SMTP 回應格式錯誤");
      }
      line_start = end + 2;
    }
    if (reply.size() > std::size_t{64} * 1024 || !wait_for(fd, POLLIN, deadline)) {
      return fail(ErrorKind::kIo, "no SMTP reply", "SMTP 無回應");
    }
    const ssize_t got = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (got <= 0) {
      if (got < 0 && (errno == EAGAIN || errno == EINTR)) {
        continue;
      }
      return fail(ErrorKind::kIo, "SMTP server closed the connection", "SMTP 伺服器關閉連線");
    }
    reply.append(buffer.data(), static_cast<std::size_t>(got));
  }
}

Status smtp_starttls(int fd, Clock::time_point deadline) {
  auto send_line = [&](std::string_view line) {
    return send_all(fd, std::span(reinterpret_cast<const std::uint8_t*>(line.data()), line.size()),
                    deadline);
  };
  auto expect = [&](int wanted, std::string_view step) -> Status {
    auto code = read_smtp_reply(fd, deadline);
    if (!code) {
      return std::unexpected(code.error());
    }
    if (*code != wanted) {
      return fail(ErrorKind::kInput,
                  fmt::format("SMTP {} answered {}, expected {}", step, *code, wanted),
                  fmt::format("SMTP {} 回應 {}，預期 {}", step, *code, wanted));
    }
    return {};
  };
  if (auto status = expect(220, "greeting"); !status) {
    return status;
  }
  if (auto status = send_line("EHLO etguard.invalid\r\n"); !status) {
    return status;
  }
  if (auto status = expect(250, "EHLO"); !status) {
    return status;
  }
  if (auto status = send_line("STARTTLS\r\n"); !status) {
    return status;
  }
  return expect(220, "STARTTLS");
}

}  // namespace

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

Socket::~Socket() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

Status resolve(Endpoint& endpoint) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(endpoint.port);
  const int code = ::getaddrinfo(endpoint.host.c_str(), port.c_str(), &hints, &found);
  if (code != 0 || found == nullptr) {
    return fail(
        ErrorKind::kNotFound,
        fmt::format("{}: cannot resolve '{}': {}", endpoint.target, endpoint.host,
                    gai_strerror(code)),
        fmt::format("{}：無法解析 '{}'：{}", endpoint.target, endpoint.host, gai_strerror(code)));
  }
  std::memcpy(&endpoint.address, found->ai_addr, found->ai_addrlen);
  endpoint.address_length = found->ai_addrlen;
  ::freeaddrinfo(found);
  return {};
}

Result<Socket> open_connection(const Endpoint& endpoint, Clock::time_point deadline) {
  Socket socket(
      ::socket(endpoint.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (socket.fd() < 0) {
    return fail(ErrorKind::kIo, fmt::format("socket: {}", std::strerror(errno)),
                fmt::format("socket：{}", std::strerror(errno)));
  }
  const int one = 1;
  ::setsockopt(socket.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&endpoint.address),
                endpoint.address_length) != 0) {
    if (errno != EINPROGRESS) {
      return fail(ErrorKind::kIo, fmt::format("connect: {}", std::strerror(errno)),
                  fmt::format("連線：{}", std::strerror(errno)));
    }
    if (!wait_for(socket.fd(), POLLOUT, deadline)) {
      return fail(ErrorKind::kIo, "connect: timed out", "連線逾時");
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
      return fail(ErrorKind::kIo, fmt::format("connect: {}", std::strerror(error)),
                  fmt::format("連線：{}", std::strerror(error)));
    }
  }
  if (endpoint.starttls == Starttls::kSmtp) {
    if (auto status = smtp_starttls(socket.fd(), deadline); !status) {
      return fail(ErrorKind::kIo, "STARTTLS: " + status.error().message,
                  "STARTTLS：" + status.error().message);
    }
  }
  return socket;
}

ProbeResult probe(const Endpoint& endpoint, const Bytes& hello, std::uint16_t offered_version,
                  Clock::time_point deadline) {
  ProbeResult result;
  auto socket = open_connection(endpoint, deadline);
  if (!socket) {
    result.status = ProbeStatus::kUnreachable;
    result.detail = socket.error().message;
    return result;
  }
  if (auto sent = send_all(socket->fd(), hello, deadline); !sent) {
    result.status = ProbeStatus::kRejected;  // reset while sending: the server hung up on us
    result.detail = sent.error().message;
    result.silent = true;
    return result;
  }
  FlightParser parser(offered_version);
  std::array<std::uint8_t, 16384> buffer{};
  std::size_t received = 0;
  while (!parser.complete()) {
    if (!wait_for(socket->fd(), POLLIN, deadline)) {
      result.status = ProbeStatus::kTimeout;
      result.flight = parser.flight();
      return result;
    }
    const ssize_t got = ::recv(socket->fd(), buffer.data(), buffer.size(), 0);
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) {
      continue;
    }
    if (got <= 0) {
      break;  // closed (or reset): whatever arrived is the answer
    }
    received += static_cast<std::size_t>(got);
    parser.feed(std::span(buffer).first(static_cast<std::size_t>(got)));
  }
  result.flight = parser.flight();
  if (const std::optional<std::string>& error = parser.error(); error.has_value()) {
    result.status = ProbeStatus::kMalformed;
    result.detail = *error;
  } else if (result.flight.server_hello) {
    result.status = ProbeStatus::kAnswered;
  } else {
    result.status = ProbeStatus::kRejected;
    result.silent = received == 0;
  }
  return result;
}

}  // namespace etguard::tls
