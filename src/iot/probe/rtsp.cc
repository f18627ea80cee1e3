// RTSP (RFC 2326) on a camera or recorder: DESCRIBE, the request a player
// sends first, without a credential and then with each listed one, answered
// by Basic or Digest as the device asks. Cameras serve their streams at
// vendor paths; the attempt without a credential finds the first common path
// that is not 404 and the credentials are tried there. A 200 without a
// credential is a stream anyone may watch. A device that authenticates
// before it looks the path up may answer a good credential with 404: past
// its 401, that too lets the client in.
#include <fmt/format.h>

#include "iot/probe/deadline_stream.h"
#include "iot/probe/login_loop.h"
#include "iot/probe/rtsp_reply.h"

namespace etguard::iot::probe {
namespace {

// Stream paths of common cameras and recorders, the root first.
constexpr std::string_view kPaths[] = {
    "/",         "/live",        "/stream1", "/h264", "/Streaming/Channels/101", "/cam/realmonitor",
    "/live.sdp", "/media/video1"};

constexpr int kHeaderLines = 64;

std::string url(const Target& target, std::string_view path) {
  const bool v6 = target.address.find(':') != std::string::npos;
  return v6 ? fmt::format("rtsp://[{}]:{}{}", target.address, target.port.number, path)
            : fmt::format("rtsp://{}:{}{}", target.address, target.port.number, path);
}

// DESCRIBE `target_url` with `authorization` (none when empty), on a
// connection of its own.
std::expected<RtspReply, LoginResult> describe(const Target& target, const ProbeLimits& limits,
                                               const std::string& target_url,
                                               const std::string& authorization) {
  DeadlineStream stream(limits.timeout);
  if (const auto error = stream.connect(target.address, target.port.number)) {
    return std::unexpected(LoginResult{Login::kUnreachable, error.message()});
  }
  std::string request = fmt::format(
      "DESCRIBE {} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\nUser-Agent: "
      "etguard-iot-probe\r\n",
      target_url);
  if (!authorization.empty()) {
    request += fmt::format("Authorization: {}\r\n", authorization);
  }
  request += "\r\n";
  if (const auto error = stream.write(request)) {
    return std::unexpected(LoginResult{Login::kUnclear, "sending DESCRIBE: " + error.message()});
  }
  std::string header;
  std::string line;
  for (int lines = 0;; ++lines) {
    if (lines == kHeaderLines) {
      return std::unexpected(LoginResult{Login::kUnclear, "a reply header of over 64 lines"});
    }
    const bool first_with_credential = lines == 0 && !authorization.empty();
    const auto wait =
        first_with_credential ? std::max(limits.timeout, kPasswordAnswerWait) : limits.timeout;
    if (const auto error = stream.read_line(line, wait)) {
      return std::unexpected(LoginResult{Login::kUnclear, "reading the reply: " + error.message()});
    }
    header += line + "\r\n";
    if (line.empty()) {
      break;
    }
  }
  std::optional<RtspReply> reply = parse_rtsp_reply(header);
  if (!reply) {
    return std::unexpected(LoginResult{Login::kUnclear, "not an RTSP/1.0 reply"});
  }
  return std::move(*reply);
}

class RtspLogin {
 public:
  RtspLogin(const Target& target, const ProbeLimits& limits) : target_(target), limits_(limits) {}

  LoginResult operator()(const Credential* credential) {
    return credential == nullptr ? find_stream() : log_in(*credential);
  }

 private:
  LoginResult find_stream() {
    for (const std::string_view path : kPaths) {
      url_ = url(target_, path);
      const auto reply = describe(target_, limits_, url_, "");
      if (!reply) {
        return reply.error();
      }
      if (reply->status == 404) {
        continue;
      }
      if (reply->status == 200) {
        return {Login::kAccepted, fmt::format("200 to DESCRIBE {} without a credential", path)};
      }
      if (reply->status == 401 && (find_challenge(reply->challenges, "digest") != nullptr ||
                                   find_challenge(reply->challenges, "basic") != nullptr)) {
        digest_ = find_challenge(reply->challenges, "digest") != nullptr;
        return {Login::kRefused, fmt::format("401 to DESCRIBE {}, {} authentication asked", path,
                                             digest_ ? "Digest" : "Basic")};
      }
      return {Login::kUnclear, fmt::format("RTSP {} to DESCRIBE {}", reply->status, path)};
    }
    return {Login::kUnclear, "404 at every common stream path"};
  }

  LoginResult log_in(const Credential& credential) {
    std::string authorization = basic_authorization(credential.user, credential.password);
    if (digest_) {
      const auto challenge = describe(target_, limits_, url_, "");
      if (!challenge) {
        return challenge.error();
      }
      auto answer = answer_digest(challenge->status, challenge->challenges,
                                  {.method = "DESCRIBE",
                                   .uri = url_,
                                   .user = credential.user,
                                   .password = credential.password});
      if (!answer) {
        return {Login::kUnclear, "RTSP " + answer.error()};
      }
      authorization = std::move(*answer);
    }
    const auto reply = describe(target_, limits_, url_, authorization);
    if (!reply) {
      return reply.error();
    }
    const std::string_view scheme = digest_ ? "Digest" : "Basic";
    if (reply->status == 200 || reply->status == 404) {
      return {Login::kAccepted,
              fmt::format("{} to DESCRIBE with {} authentication", reply->status, scheme)};
    }
    if (reply->status == 401) {
      return {Login::kRefused, fmt::format("401 to {} authentication", scheme)};
    }
    return {Login::kUnclear, fmt::format("RTSP {} to {} authentication", reply->status, scheme)};
  }

  const Target& target_;
  const ProbeLimits& limits_;
  std::string url_;
  bool digest_ = false;
};

}  // namespace

ProbeOutcome probe_rtsp(const Target& target, Credentials credentials, const ProbeLimits& limits,
                        Pacer& pacer) {
  RtspLogin login(target, limits);
  return run_logins("rtsp", target, credentials, pacer, true,
                    [&](const Credential* credential) { return login(credential); });
}

}  // namespace etguard::iot::probe
