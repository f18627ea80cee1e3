// What a Telnet device sends (RFC 854): outside input. Option negotiations
// are taken out of the bytes and each is refused (the probe wants a plain
// network virtual terminal); what is left is the text of the screen, which
// says whether the device asks for a user name or a password, or what it
// answered a password with.
#pragma once

#include <string>
#include <string_view>

namespace etguard::iot::probe {

// Parses Telnet's commands out of the bytes as they arrive, across reads.
class TelnetDecoder {
 public:
  // Appends the text of `bytes` to `text` and the answers owed to the
  // device (DONT for each WILL, WONT for each DO) to `replies`.
  void feed(std::string_view bytes, std::string& text, std::string& replies);

 private:
  enum class State { kText, kCommand, kOption, kSubnegotiation, kSubnegotiationCommand };
  State state_ = State::kText;
  unsigned char command_ = 0;
};

enum class Screen {
  kWaiting,       // nothing to act on yet
  kAsksUser,      // "login:", "Username:"
  kAsksPassword,  // "Password:"
  kShell,         // a shell's prompt: "$ ", "# ", "> " (with no login asked, or after one)
  kRefused,       // after the password: a prompt again, "Login incorrect", "Access denied"
};

// What the screen's text asks or answers; `after_password` once the password
// was sent (a user name prompt then means the login failed).
Screen read_screen(std::string_view text, bool after_password);

}  // namespace etguard::iot::probe
