// Fuzz target: what the probes of `scan iot --probe` read from outside —
// a credential list a user hands over (YAML), an FTP server's reply lines,
// a Telnet device's bytes, an HTTP or RTSP device's WWW-Authenticate
// challenges and an RTSP reply header. Invariants: a refused list says where;
// every credential read names a known service and where it is listed; an FTP
// reply's code is 100-599 and its text at most 80 bytes; the Telnet decoder
// answers only WILL and DO, three bytes each, keeps no IAC command in the
// text (an escaped 255 aside) and reads the same however the bytes are cut;
// a challenge's scheme and parameter names are lower case and never longer
// than the field; a Digest answer never holds the password and quotes what it
// echoes; an RTSP status is 100-999.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "iot/probe/credentials.h"
#include "iot/probe/ftp_reply.h"
#include "iot/probe/http_auth.h"
#include "iot/probe/rtsp_reply.h"
#include "iot/probe/telnet_screen.h"

namespace {

void check_telnet(std::string_view bytes) {
  using etguard::iot::probe::TelnetDecoder;
  TelnetDecoder whole;
  std::string text;
  std::string replies;
  whole.feed(bytes, text, replies);
  if (replies.size() % 3 != 0 || text.size() > bytes.size()) {
    __builtin_trap();
  }
  for (std::size_t i = 0; i < replies.size(); i += 3) {
    const auto command = static_cast<unsigned char>(replies[i + 1]);
    if (static_cast<unsigned char>(replies[i]) != 255 || (command != 252 && command != 254)) {
      __builtin_trap();
    }
  }
  TelnetDecoder split;  // the same bytes a few at a time
  std::string split_text;
  std::string split_replies;
  for (std::size_t at = 0; at < bytes.size(); at += 3) {
    split.feed(bytes.substr(at, 3), split_text, split_replies);
  }
  if (split_text != text || split_replies != replies) {
    __builtin_trap();
  }
  (void)etguard::iot::probe::read_screen(text, false);
  (void)etguard::iot::probe::read_screen(text, true);
}

bool lower_case(std::string_view text) {
  return std::ranges::none_of(text, [](char c) { return c >= 'A' && c <= 'Z'; });
}

void check_challenges(std::string_view field) {
  using etguard::iot::probe::AuthChallenge;
  for (const AuthChallenge& challenge : etguard::iot::probe::parse_challenges(field)) {
    if (challenge.scheme.empty() || !lower_case(challenge.scheme) ||
        challenge.scheme.size() > field.size()) {
      __builtin_trap();
    }
    for (const auto& [name, value] : challenge.params) {
      if (!lower_case(name) || name.size() + value.size() > field.size()) {
        __builtin_trap();
      }
    }
    constexpr std::string_view kPassword = "pw-\"-x7Q";  // a quote to escape, never echoed
    auto answer = etguard::iot::probe::digest_authorization(
        challenge,
        {.method = "GET", .uri = "/", .user = "u\"1", .password = kPassword, .cnonce = "c"});
    if (answer && (answer->find(kPassword) != std::string::npos ||
                   answer->find("username=\"u\\\"1\"") == std::string::npos)) {
      __builtin_trap();
    }
  }
}

void check_rtsp(std::string_view text) {
  const std::size_t end = text.find("\r\n\r\n");
  const std::string header =
      std::string(text.substr(0, end == std::string_view::npos ? text.size() : end + 4));
  if (auto reply = etguard::iot::probe::parse_rtsp_reply(header)) {
    if (reply->status < 100 || reply->status > 999) {
      __builtin_trap();
    }
  }
  (void)etguard::iot::probe::parse_rtsp_reply("RTSP/1.0 401 Unauthorized\r\nWWW-Authenticate: " +
                                              std::string(text.substr(0, text.find('\r'))) +
                                              "\r\n\r\n");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto credentials = etguard::iot::probe::parse_credentials("fuzz.yaml", text);
  if (!credentials) {
    if (credentials.error().message.rfind("fuzz.yaml", 0) != 0) {
      __builtin_trap();
    }
  } else {
    for (const etguard::iot::probe::Credential& credential : *credentials) {
      if (std::ranges::find(etguard::iot::probe::kServices, credential.service) ==
              std::end(etguard::iot::probe::kServices) ||
          credential.listed_at.rfind("fuzz.yaml:", 0) != 0) {
        __builtin_trap();
      }
    }
  }
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find("\r\n"), rest.size());
    if (auto reply = etguard::iot::probe::ftp_reply_end(rest.substr(0, end))) {
      if (reply->code < 100 || reply->code > 599 || reply->text.size() > 80) {
        __builtin_trap();
      }
    }
    rest.remove_prefix(std::min(end + 2, rest.size()));
  }
  check_telnet(text);
  check_challenges(text);
  check_rtsp(text);
  return 0;
}
