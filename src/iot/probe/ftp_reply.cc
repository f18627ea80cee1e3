#include "iot/probe/ftp_reply.h"

namespace etguard::iot::probe {
namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<FtpReply> ftp_reply_end(std::string_view line) {
  const bool numbered =
      line.size() >= 3 && line[0] >= '1' && line[0] <= '5' && digit(line[1]) && digit(line[2]);
  if (!numbered || (line.size() > 3 && line[3] != ' ')) {
    return std::nullopt;
  }
  const int code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
  return FtpReply{code, std::string(line.substr(0, 80))};
}

}  // namespace etguard::iot::probe
