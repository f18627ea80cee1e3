#include "server/answers.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/text.h"
#include "server/pages.h"

namespace etguard::server {

Within within(const Request& request, std::string_view section) {
  const std::string_view path = request.path();
  const bool json = path.starts_with("/api/");
  const std::size_t prefix = section.size() + (json ? std::string_view("/api").size() : 0);
  return {.json = json,
          .rest = path.size() > prefix ? path.substr(prefix) : std::string_view(),
          .post = request.method == "POST"};
}

Error no_route(const Request& request) {
  return {ErrorKind::kNotFound, fmt::format("there is no {} {}", request.method, request.path()),
          fmt::format("沒有 {} {}", request.method, request.path())};
}

std::string_view say(Lang lang, const Error& error) {
  return lang == Lang::kZhTw && !error.message_zh.empty() ? std::string_view(error.message_zh)
                                                          : std::string_view(error.message);
}

int status_of(const Error& error) {
  switch (error.kind) {
    case ErrorKind::kUsage:
    case ErrorKind::kInput:
      return 400;
    case ErrorKind::kDenied:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kIo:
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

Response redirect(std::string location) {
  Response response{
      .status = 303, .content_type = "text/plain; charset=utf-8", .body = {}, .headers = {}};
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

Response attachment(std::string media_type, std::string_view file_name, std::string content) {
  std::string ascii;
  for (const char c : file_name) {
    const auto byte = static_cast<unsigned char>(c);
    ascii += byte < 0x80 && byte >= 0x20 && c != '"' && c != '\\' ? c : '_';
  }
  Response response{.status = 200,
                    .content_type = std::move(media_type),
                    .body = std::move(content),
                    .headers = {}};
  response.headers.emplace_back(
      "Content-Disposition", fmt::format(R"(attachment; filename="{}"; filename*=UTF-8''{})", ascii,
                                         url_encode(file_name)));
  return response;
}

Response html_response(int status, std::string body) {
  return {.status = status,
          .content_type = "text/html; charset=utf-8",
          .body = std::move(body),
          .headers = {}};
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (const std::string_view item = trim(text.substr(start, comma - start)); !item.empty()) {
      items.emplace_back(item);
    }
    start = comma + 1;
  }
  return items;
}

std::optional<std::size_t> count_of(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

Result<Fields> body_fields(const Request& request, bool json) {
  if (!json) {
    return form_fields(request.body);
  }
  const auto bad = [](std::string_view why) {
    return fail(ErrorKind::kUsage, fmt::format("the request body: {}", why),
                fmt::format("請求內容：{}", why));
  };
  const nlohmann::json parsed = nlohmann::json::parse(request.body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return bad("not a JSON object");
  }
  Fields fields;
  for (const auto& [key, value] : parsed.items()) {
    if (value.is_string()) {
      fields[key] = value.get<std::string>();
    } else if (value.is_number_integer() || value.is_boolean()) {
      fields[key] = value.dump();
    } else if (value.is_array()) {
      std::string joined;
      for (const nlohmann::json& item : value) {
        if (!item.is_string()) {
          return bad(fmt::format("{} is not a list of strings", key));
        }
        joined += (joined.empty() ? "" : ",") + item.get<std::string>();
      }
      fields[key] = joined;
    } else {
      return bad(fmt::format(
          "{} is neither a string, a whole number, true or false nor a list of strings", key));
    }
  }
  return fields;
}

Error csrf_refusal() {
  return {ErrorKind::kDenied, "the request lacks a valid CSRF token", "請求缺少有效之 CSRF 權杖"};
}

Response json_problem(Lang lang, int status, const Error& error) {
  return json_response(status, nlohmann::json{{"error", say(lang, error)}, {"status", status}});
}

Response problem_answer(const Frame& frame, bool json, const Error& error) {
  const int status = status_of(error);
  if (json) {
    return json_problem(frame.lang, status, error);
  }
  return html_response(status, message_page(frame, std::to_string(status), say(frame.lang, error)));
}

}  // namespace etguard::server
