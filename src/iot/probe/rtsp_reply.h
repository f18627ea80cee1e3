// An RTSP/1.0 reply's status and authentication challenges (RFC 2326
// section 7). RTSP shares HTTP/1.1's message syntax, so the header is read by
// Beast's HTTP parser once its version token is swapped for HTTP's.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "iot/probe/http_auth.h"

namespace etguard::iot::probe {

struct RtspReply {
  unsigned status = 0;
  std::vector<AuthChallenge> challenges;  // of every WWW-Authenticate field
};

// `header` is the reply up to and including its empty line; nullopt when it
// is not an RTSP/1.0 reply header.
std::optional<RtspReply> parse_rtsp_reply(std::string_view header);

}  // namespace etguard::iot::probe
