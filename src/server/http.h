// A request as the site sees it and the response it gives, free of the
// transport: the listener (Boost.Beast) fills one and sends the other, and
// tests call the site directly with them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace etguard::server {

struct Request {
  std::string method;                                       // "GET", "POST"
  std::string target;                                       // "/login?next=%2F"
  std::map<std::string, std::string, std::less<>> headers;  // names in lower case
  std::string body;
  std::string source;  // the peer's address, for the login throttle

  std::string_view header(std::string_view name) const;
  std::string_view path() const;   // the target without its query
  std::string_view query() const;  // after '?', or empty
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the security headers
};

// The form fields of an application/x-www-form-urlencoded body or a query
// string ('+' is a space, %XX a byte). A malformed escape keeps its text.
using Fields = std::map<std::string, std::string, std::less<>>;
Fields form_fields(std::string_view encoded);
// `key`'s value among `fields`, or empty.
std::string field_of(const Fields& fields, std::string_view key);
// `name`'s value in a Cookie header, or empty.
std::string cookie_value(std::string_view cookies, std::string_view name);
// Undoes percent-encoding ('+' is a space, %XX a byte; a malformed escape keeps its text).
std::string url_decode(std::string_view text);
// Percent-encodes everything but unreserved characters (for a query value).
std::string url_encode(std::string_view text);

// The headers every response carries: a strict Content-Security-Policy
// without inline script, HSTS, no sniffing, no framing, no referrer to
// other sites.
const std::vector<std::pair<std::string, std::string>>& security_headers();

}  // namespace etguard::server
