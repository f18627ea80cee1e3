// HTTP Basic authentication (RFC 7617) on a device's web interface, without
// TLS (a port inside TLS is not probed): GET / without a credential, then
// with each listed one. A 401 asking for Basic moves on; 2xx or 3xx lets the
// client in. A page that asks for no HTTP authentication (a form login) and a
// Digest challenge are reported as unclear: this probe does not judge them.
#include <fmt/format.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "core/digest.h"
#include "core/text.h"
#include "iot/probe/deadline_stream.h"
#include "iot/probe/login_loop.h"

namespace etguard::iot::probe {
namespace {

namespace http = boost::beast::http;

constexpr std::size_t kBodyLimit = std::size_t{64} * 1024;

LoginResult judged(const http::response<http::string_body>& response, bool with_credential) {
  const unsigned status = response.result_int();
  const std::string challenge(response[http::field::www_authenticate]);
  if (status == 401) {
    if (ascii_lower(challenge).starts_with("basic")) {
      return {Login::kRefused, "401, Basic authentication asked"};
    }
    return {Login::kUnclear, fmt::format("401 with a challenge this probe does not answer: '{}'",
                                         challenge.substr(0, challenge.find(' ')))};
  }
  if (status >= 200 && status < 400) {
    if (!with_credential) {
      return {Login::kUnclear,
              fmt::format("{} without HTTP authentication (a form login is not probed)", status)};
    }
    return {Login::kAccepted, fmt::format("{} with Basic authentication", status)};
  }
  return {Login::kUnclear, fmt::format("HTTP {}", status)};
}

LoginResult http_login(const Target& target, const Credential* credential,
                       const ProbeLimits& limits) {
  DeadlineStream stream(limits.timeout);
  if (const auto error = stream.connect(target.address, target.port.number)) {
    return {Login::kUnreachable, error.message()};
  }
  http::request<http::empty_body> request{http::verb::get, "/", 11};
  const bool v6 = target.address.find(':') != std::string::npos;
  request.set(http::field::host, v6 ? fmt::format("[{}]:{}", target.address, target.port.number)
                                    : fmt::format("{}:{}", target.address, target.port.number));
  request.set(http::field::user_agent, "etguard-iot-probe");
  request.set(http::field::connection, "close");
  if (credential != nullptr) {
    request.set(http::field::authorization,
                "Basic " + to_base64(credential->user + ":" + credential->password));
  }
  if (const auto error =
          stream.run([&](auto handler) { http::async_write(stream.stream(), request, handler); })) {
    return {Login::kUnclear, "sending the request: " + error.message()};
  }
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kBodyLimit);
  if (const auto error = stream.run(
          [&](auto handler) { http::async_read(stream.stream(), buffer, parser, handler); })) {
    return {Login::kUnclear, "reading the answer: " + error.message()};
  }
  return judged(parser.get(), credential != nullptr);
}

}  // namespace

ProbeOutcome probe_http(const Target& target, Credentials credentials, const ProbeLimits& limits,
                        Pacer& pacer) {
  return run_logins("http", target, credentials, pacer, true, [&](const Credential* credential) {
    return http_login(target, credential, limits);
  });
}

}  // namespace etguard::iot::probe
