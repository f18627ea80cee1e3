// FTP (RFC 959): USER and PASS on a fresh connection for each credential.
// 230 lets the client in, 530 refuses it; a USER answered with 230 asked for
// no password at all.
#include <fmt/format.h>

#include "iot/probe/deadline_stream.h"
#include "iot/probe/ftp_reply.h"
#include "iot/probe/login_loop.h"

namespace etguard::iot::probe {
namespace {

using Reply = FtpReply;

// One reply, multi-line ones ("230-...", ..., "230 ...") read to their end.
boost::system::error_code read_reply(DeadlineStream& stream, Reply& reply) {
  std::string line;
  for (int lines = 0; lines < 64; ++lines) {
    if (const auto error = stream.read_line(line)) {
      return error;
    }
    if (std::optional<FtpReply> end = ftp_reply_end(line)) {
      reply = std::move(*end);
      return {};
    }
  }
  return boost::asio::error::message_size;
}

boost::system::error_code command(DeadlineStream& stream, const std::string& line, Reply& reply) {
  const auto error = stream.write(line);
  return error ? error : read_reply(stream, reply);
}

LoginResult answered(const Reply& reply) {
  if (reply.code == 230) {
    return {Login::kAccepted, reply.text};
  }
  if (reply.code == 530) {
    return {Login::kRefused, reply.text};
  }
  return {Login::kUnclear, reply.text};
}

LoginResult ftp_login(const Target& target, const Credential& credential,
                      const ProbeLimits& limits) {
  DeadlineStream stream(limits.timeout);
  if (const auto error = stream.connect(target.address, target.port.number)) {
    return {Login::kUnreachable, error.message()};
  }
  Reply reply;
  if (const auto error = read_reply(stream, reply); error || reply.code != 220) {
    return {Login::kUnclear, error ? error.message() : "no 220 greeting: " + reply.text};
  }
  if (const auto error = command(stream, fmt::format("USER {}\r\n", credential.user), reply)) {
    return {Login::kUnclear, "USER: " + error.message()};
  }
  if (reply.code != 331) {
    return answered(reply);
  }
  if (const auto error = command(stream, fmt::format("PASS {}\r\n", credential.password), reply)) {
    return {Login::kUnclear, "PASS: " + error.message()};
  }
  return answered(reply);
}

}  // namespace

ProbeOutcome probe_ftp(const Target& target, Credentials credentials, const ProbeLimits& limits,
                       Pacer& pacer) {
  return run_logins("ftp", target, credentials, pacer, false, [&](const Credential* credential) {
    return ftp_login(target, *credential, limits);
  });
}

}  // namespace etguard::iot::probe
