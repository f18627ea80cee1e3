#include "iot/probe/telnet_screen.h"

#include <gtest/gtest.h>

namespace etguard::iot::probe {
namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (const int value : values) {
    out += static_cast<char>(value);
  }
  return out;
}

TEST(TelnetDecoder, RefusesEveryOptionAndKeepsTheText) {
  TelnetDecoder decoder;
  std::string text;
  std::string replies;
  // IAC DO ECHO, IAC WILL SGA, IAC WONT LINEMODE, "login: "
  decoder.feed(bytes({255, 253, 1, 255, 251, 3, 255, 252, 34}) + "vm login: ", text, replies);
  EXPECT_EQ(text, "vm login: ");
  EXPECT_EQ(replies, bytes({255, 252, 1, 255, 254, 3}));  // WONT ECHO, DONT SGA
}

TEST(TelnetDecoder, ReadsCommandsSplitAcrossReadsAndSkipsSubnegotiation) {
  TelnetDecoder decoder;
  std::string text;
  std::string replies;
  decoder.feed(bytes({255}), text, replies);
  decoder.feed(bytes({253}), text, replies);
  decoder.feed(bytes({24}) + "a", text, replies);
  decoder.feed(bytes({255, 250, 24, 1, 'x', 255, 240}) + "b" + bytes({255, 255, 0}) + "c", text,
               replies);
  EXPECT_EQ(text,
            "ab\xff"
            "c");  // the subnegotiation dropped, IAC IAC a 255, NUL dropped
  EXPECT_EQ(replies, bytes({255, 252, 24}));
}

TEST(ReadScreen, FindsTheLoginAndPasswordPrompts) {
  EXPECT_EQ(read_screen("\r\nDebian GNU/Linux 12\r\nvm login: ", false), Screen::kAsksUser);
  EXPECT_EQ(read_screen("Username:", false), Screen::kAsksUser);
  EXPECT_EQ(read_screen("admin\r\nPassword: ", false), Screen::kAsksPassword);
  EXPECT_EQ(read_screen("Welcome to the camera", false), Screen::kWaiting);
  EXPECT_EQ(read_screen("", false), Screen::kWaiting);
}

TEST(ReadScreen, AShellPromptWithoutALoginIsOpen) {
  EXPECT_EQ(read_screen("BusyBox v1.19 built-in shell (ash)\r\n# ", false), Screen::kShell);
}

TEST(ReadScreen, JudgesTheAnswerToAPassword) {
  EXPECT_EQ(read_screen("\r\nLogin incorrect\r\nvm login: ", true), Screen::kRefused);
  EXPECT_EQ(read_screen("% Access denied\r\n", true), Screen::kRefused);
  EXPECT_EQ(read_screen("\r\nPassword: ", true), Screen::kRefused);
  EXPECT_EQ(read_screen("Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY\r\n$ ", true),
            Screen::kShell);
  // A welcome that counts failed attempts still ends at the shell's prompt.
  EXPECT_EQ(
      read_screen("Last failed login: Mon Dec 1\r\nThere were 2 failed login attempts\r\n# ", true),
      Screen::kShell);
  EXPECT_EQ(read_screen("Last login: Mon Dec  1 10:00:00 on pts/0\r\n", true), Screen::kWaiting);
}

}  // namespace
}  // namespace etguard::iot::probe
