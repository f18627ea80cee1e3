#include "iot/probe/rtsp_reply.h"

#include <boost/beast/http.hpp>
#include <string>

namespace etguard::iot::probe {

std::optional<RtspReply> parse_rtsp_reply(std::string_view header) {
  namespace http = boost::beast::http;
  constexpr std::string_view kRtsp = "RTSP/1.0 ";
  constexpr std::string_view kHttp = "HTTP/1.1 ";  // the same length
  if (!header.starts_with(kRtsp)) {
    return std::nullopt;
  }
  std::string text(header);
  text.replace(0, kHttp.size(), kHttp);
  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // the header alone: a body (an SDP) is never read
  boost::system::error_code error;
  const std::size_t used = parser.put(boost::asio::buffer(text), error);
  if (error || !parser.is_header_done() || used != text.size() ||
      parser.get().result_int() < 100) {  // Beast reads any three digits: "041" is no status
    return std::nullopt;
  }
  return RtspReply{.status = parser.get().result_int(),
                   .challenges = challenges_of(parser.get().base())};
}

}  // namespace etguard::iot::probe
