#include "iot/probe/telnet_screen.h"

#include <array>

#include "core/text.h"

namespace etguard::iot::probe {
namespace {

constexpr unsigned char kIac = 255;
constexpr unsigned char kDont = 254;
constexpr unsigned char kDo = 253;
constexpr unsigned char kWont = 252;
constexpr unsigned char kWill = 251;
constexpr unsigned char kSb = 250;
constexpr unsigned char kSe = 240;

// The screen's last line, without trailing spaces, in lower case.
std::string last_line(std::string_view text) {
  text = text.substr(0, text.find_last_not_of(" \t\r\n\0", std::string_view::npos, 5) + 1);
  const std::size_t start = text.find_last_of("\r\n");
  return ascii_lower(start == std::string_view::npos ? text : text.substr(start + 1));
}

bool ends_with_any(std::string_view line, std::initializer_list<std::string_view> endings) {
  for (const std::string_view ending : endings) {
    if (line.ends_with(ending)) {
      return true;
    }
  }
  return false;
}

}  // namespace

void TelnetDecoder::feed(std::string_view bytes, std::string& text, std::string& replies) {
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    switch (state_) {
      case State::kText:
        if (byte == kIac) {
          state_ = State::kCommand;
        } else if (byte != 0) {
          text += c;
        }
        break;
      case State::kCommand:
        if (byte == kWill || byte == kWont || byte == kDo || byte == kDont) {
          command_ = byte;
          state_ = State::kOption;
        } else if (byte == kSb) {
          state_ = State::kSubnegotiation;
        } else {
          if (byte == kIac) {
            text += c;  // an escaped 255
          }
          state_ = State::kText;
        }
        break;
      case State::kOption:
        if (command_ == kWill || command_ == kDo) {
          replies += static_cast<char>(kIac);
          replies += static_cast<char>(command_ == kWill ? kDont : kWont);
          replies += c;
        }
        state_ = State::kText;
        break;
      case State::kSubnegotiation:
        if (byte == kIac) {
          state_ = State::kSubnegotiationCommand;
        }
        break;
      case State::kSubnegotiationCommand:
        state_ = byte == kSe ? State::kText : State::kSubnegotiation;
        break;
    }
  }
}

Screen read_screen(std::string_view text, bool after_password) {
  const std::string line = last_line(text);
  if (ends_with_any(line, {"password:", "passwd:", "password :"})) {
    return after_password ? Screen::kRefused : Screen::kAsksPassword;
  }
  if (ends_with_any(line, {"login:", "username:", "user name:", "user:", "login :"})) {
    return after_password ? Screen::kRefused : Screen::kAsksUser;
  }
  if (ends_with_any(line, {"$", "#", ">", "%"})) {
    return Screen::kShell;
  }
  // A device that answers a wrong password and hangs up; checked after the
  // prompts, since a welcome screen may count "failed" logins before its shell.
  const std::string all = ascii_lower(text);
  if (after_password &&
      (all.find("incorrect") != std::string::npos || all.find("denied") != std::string::npos ||
       all.find("failed") != std::string::npos || all.find("invalid") != std::string::npos)) {
    return Screen::kRefused;
  }
  return Screen::kWaiting;
}

}  // namespace etguard::iot::probe
