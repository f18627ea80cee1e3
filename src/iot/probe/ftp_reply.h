// An FTP server's reply (RFC 959 section 4.2), read line by line from a
// device: outside input. "230 Login successful." ends a reply at once;
// "230-Welcome" opens a multi-line one that the line "230 ..." ends.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace etguard::iot::probe {

struct FtpReply {
  int code = 0;      // 100-599
  std::string text;  // the last line, at most 80 bytes
};

// The reply that `line` ends, or nullopt when more lines follow (a
// continuation, or text that is not a reply's last line).
std::optional<FtpReply> ftp_reply_end(std::string_view line);

}  // namespace etguard::iot::probe
