// Telnet (RFC 854): the device's login screen answered as a person would —
// the user name at "login:", the password at "Password:" — on a fresh
// connection for each credential, every option the device offers refused.
// A shell's prompt with no login asked lets anyone in; a prompt after the
// password lets the credential in; "Login incorrect", or the login prompt
// again, refuses it. Devices pause after a wrong password (busybox login for
// 3 s), so the answer to a password is awaited at least kPasswordAnswerWait.
#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "iot/probe/deadline_stream.h"
#include "iot/probe/login_loop.h"
#include "iot/probe/telnet_screen.h"

namespace etguard::iot::probe {
namespace {

constexpr std::size_t kScreenBytes = 4096;  // the screen's tail kept for reading
constexpr int kMaxReads = 64;

std::string last_words(const std::string& screen) {
  std::string line(screen.substr(screen.size() - std::min<std::size_t>(screen.size(), 60)));
  std::ranges::replace_if(line, [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return std::string(trim(line));
}

LoginResult telnet_login(const Target& target, const Credential* credential,
                         const ProbeLimits& limits) {
  DeadlineStream stream(limits.timeout);
  if (const auto error = stream.connect(target.address, target.port.number)) {
    return {Login::kUnreachable, error.message()};
  }
  TelnetDecoder decoder;
  std::string screen;
  bool sent_user = false;
  bool sent_password = false;
  for (int reads = 0; reads < kMaxReads; ++reads) {
    std::string bytes;
    const auto wait =
        sent_password ? std::max(limits.timeout, kPasswordAnswerWait) : limits.timeout;
    if (const auto error = stream.read_some(bytes, wait)) {
      if (sent_password && read_screen(screen, true) == Screen::kRefused) {
        return {Login::kRefused, last_words(screen)};
      }
      return {Login::kUnclear, fmt::format("{} after {}: {}", error.message(),
                                           sent_password ? "the password"
                                           : sent_user   ? "the user name"
                                                         : "connecting",
                                           last_words(screen))};
    }
    std::string replies;
    decoder.feed(bytes, screen, replies);
    if (!replies.empty()) {
      if (const auto error = stream.write(replies)) {
        return {Login::kUnclear, error.message()};
      }
    }
    if (screen.size() > kScreenBytes) {
      screen.erase(0, screen.size() - kScreenBytes);
    }
    switch (read_screen(screen, sent_password)) {
      case Screen::kWaiting:
        break;
      case Screen::kShell:
        return {Login::kAccepted, sent_password ? "a shell prompt after the password"
                                                : "a shell prompt with no login asked"};
      case Screen::kRefused:
        return {Login::kRefused, last_words(screen)};
      case Screen::kAsksUser:
        if (credential == nullptr) {
          return {Login::kRefused, "a login is asked"};
        }
        if (sent_user) {
          return {Login::kUnclear, "the user name was asked twice: " + last_words(screen)};
        }
        sent_user = true;
        screen.clear();
        if (const auto error = stream.write(credential->user + "\r\n")) {
          return {Login::kUnclear, error.message()};
        }
        break;
      case Screen::kAsksPassword:
        if (credential == nullptr) {
          return {Login::kRefused, "a password is asked"};
        }
        sent_password = true;
        screen.clear();
        if (const auto error = stream.write(credential->password + "\r\n")) {
          return {Login::kUnclear, error.message()};
        }
        break;
    }
  }
  return {Login::kUnclear, "no login screen the probe can read: " + last_words(screen)};
}

}  // namespace

ProbeOutcome probe_telnet(const Target& target, Credentials credentials, const ProbeLimits& limits,
                          Pacer& pacer) {
  return run_logins("telnet", target, credentials, pacer, true, [&](const Credential* credential) {
    return telnet_login(target, credential, limits);
  });
}

}  // namespace etguard::iot::probe
