// The answers every handler of the site gives: a JSON body, a page, a
// redirect, and a refusal or failure in the visitor's language (JSON for the
// API, a page else) with the HTTP status its kind of error means.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"
#include "core/result.h"
#include "server/http.h"
#include "server/layout.h"

namespace etguard::server {

// Where a request falls in a section of the site ("/evidence" and its API
// twin "/api/evidence"): after the section's path, whether it is the API's,
// and whether it is a POST.
struct Within {
  bool json = false;
  std::string_view rest;  // "" for the section itself, else "/review"...
  bool post = false;
};
Within within(const Request& request, std::string_view section);
// A form field's comma-separated list ("cloud/a, cloud/b"), each item
// trimmed, empty ones dropped.
std::vector<std::string> split_list(std::string_view text);
// A whole number written in decimal digits only ("12"), else nullopt.
std::optional<std::size_t> count_of(std::string_view text);

// A method and path the site does not serve (404).
Error no_route(const Request& request);

// The error's message in `lang` (English where it has no Chinese).
std::string_view say(Lang lang, const Error& error);
int status_of(const Error& error);

Response redirect(std::string location);
// A document to save, not to show (Content-Disposition: attachment; the name
// in ASCII for old clients and in UTF-8 per RFC 6266 / RFC 8187).
Response attachment(std::string media_type, std::string_view file_name, std::string content);
Response html_response(int status, std::string body);

// An answer of `body` (nlohmann::json, or ordered_json where field order is
// part of the format).
template <typename AnyJson = nlohmann::json>
Response json_response(int status, const AnyJson& body) {
  return {.status = status,
          .content_type = "application/json",
          .body = body.dump(2, ' ', false, AnyJson::error_handler_t::replace) + "\n",
          .headers = {}};
}

// The fields of a changing request's body: a form's, or for the API a JSON
// object whose values are strings, whole numbers (as decimal text), true or
// false (as that text) or lists of strings (joined with commas, as a form sends them); anything
// else is a usage error naming the key.
Result<Fields> body_fields(const Request& request, bool json);

// A changing request without the session's CSRF token (403).
Error csrf_refusal();

Response json_problem(Lang lang, int status, const Error& error);
// A refusal or failure: JSON for the API, a page in the frame's language else.
Response problem_answer(const Frame& frame, bool json, const Error& error);

}  // namespace etguard::server
