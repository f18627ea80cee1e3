// HTTP authentication on a device's web interface (RFC 7617 Basic, RFC 7616
// Digest), without TLS (a port inside TLS is not probed): GET / without a
// credential, then with each listed one. A 401 asking for Basic or Digest
// moves on; 2xx or 3xx lets the client in. Digest fetches a fresh challenge
// (a new nonce) for each credential. A page that asks for no HTTP
// authentication (a form login) and other schemes are reported as unclear:
// this probe does not judge them.
#include <fmt/format.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "iot/probe/deadline_stream.h"
#include "iot/probe/http_auth.h"
#include "iot/probe/login_loop.h"

namespace etguard::iot::probe {
namespace {

namespace http = boost::beast::http;

constexpr std::size_t kBodyLimit = std::size_t{64} * 1024;

struct Answer {
  unsigned status = 0;
  std::vector<AuthChallenge> challenges;  // of every WWW-Authenticate field

  [[nodiscard]] const AuthChallenge* offered(std::string_view scheme) const {
    return find_challenge(challenges, scheme);
  }
};

// GET / with `authorization` (none when empty), on a connection of its own.
std::expected<Answer, LoginResult> get(const Target& target, const ProbeLimits& limits,
                                       const std::string& authorization) {
  DeadlineStream stream(limits.timeout);
  if (const auto error = stream.connect(target.address, target.port.number)) {
    return std::unexpected(LoginResult{Login::kUnreachable, error.message()});
  }
  http::request<http::empty_body> request{http::verb::get, "/", 11};
  const bool v6 = target.address.find(':') != std::string::npos;
  request.set(http::field::host, v6 ? fmt::format("[{}]:{}", target.address, target.port.number)
                                    : fmt::format("{}:{}", target.address, target.port.number));
  request.set(http::field::user_agent, "etguard-iot-probe");
  request.set(http::field::connection, "close");
  if (!authorization.empty()) {
    request.set(http::field::authorization, authorization);
  }
  if (const auto error =
          stream.run([&](auto handler) { http::async_write(stream.stream(), request, handler); })) {
    return std::unexpected(LoginResult{Login::kUnclear, "sending the request: " + error.message()});
  }
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kBodyLimit);
  const auto wait =
      authorization.empty() ? limits.timeout : std::max(limits.timeout, kPasswordAnswerWait);
  if (const auto error = stream.run_for(wait, [&](auto handler) {
        http::async_read(stream.stream(), buffer, parser, handler);
      })) {
    return std::unexpected(LoginResult{Login::kUnclear, "reading the answer: " + error.message()});
  }
  return Answer{.status = parser.get().result_int(),
                .challenges = challenges_of(parser.get().base())};
}

LoginResult without_credential(const Answer& answer) {
  if (answer.status >= 200 && answer.status < 400) {
    return {
        Login::kUnclear,
        fmt::format("{} without HTTP authentication (a form login is not probed)", answer.status)};
  }
  if (answer.status == 401 && answer.offered("digest") != nullptr) {
    return {Login::kRefused, "401, Digest authentication asked"};
  }
  if (answer.status == 401 && answer.offered("basic") != nullptr) {
    return {Login::kRefused, "401, Basic authentication asked"};
  }
  if (answer.status == 401) {
    return {Login::kUnclear,
            fmt::format("401 with a challenge this probe does not answer: '{}'",
                        answer.challenges.empty() ? "" : answer.challenges.front().scheme)};
  }
  return {Login::kUnclear, fmt::format("HTTP {}", answer.status)};
}

LoginResult with_credential(const Answer& answer, std::string_view scheme) {
  if (answer.status >= 200 && answer.status < 400) {
    return {Login::kAccepted, fmt::format("{} with {} authentication", answer.status, scheme)};
  }
  if (answer.status == 401) {
    return {Login::kRefused, fmt::format("401 to {} authentication", scheme)};
  }
  return {Login::kUnclear, fmt::format("HTTP {} to {} authentication", answer.status, scheme)};
}

// One credential: Digest where the device offers it (on a fresh challenge),
// else Basic.
LoginResult log_in(const Target& target, const Credential& credential, const ProbeLimits& limits,
                   bool digest) {
  if (!digest) {
    const auto answer =
        get(target, limits, basic_authorization(credential.user, credential.password));
    return answer ? with_credential(*answer, "Basic") : answer.error();
  }
  const auto challenge = get(target, limits, "");
  if (!challenge) {
    return challenge.error();
  }
  const auto authorization = answer_digest(
      challenge->status, challenge->challenges,
      {.method = "GET", .uri = "/", .user = credential.user, .password = credential.password});
  if (!authorization) {
    return {Login::kUnclear, "HTTP " + authorization.error()};
  }
  const auto answer = get(target, limits, *authorization);
  return answer ? with_credential(*answer, "Digest") : answer.error();
}

}  // namespace

ProbeOutcome probe_http(const Target& target, Credentials credentials, const ProbeLimits& limits,
                        Pacer& pacer) {
  bool digest = false;  // what the answer without a credential offered
  return run_logins("http", target, credentials, pacer, true, [&](const Credential* credential) {
    if (credential != nullptr) {
      return log_in(target, *credential, limits, digest);
    }
    const auto answer = get(target, limits, "");
    if (!answer) {
      return answer.error();
    }
    digest = answer->status == 401 && answer->offered("digest") != nullptr;
    return without_credential(*answer);
  });
}

}  // namespace etguard::iot::probe
