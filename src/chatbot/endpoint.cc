#include "chatbot/endpoint.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <charconv>

#include "core/yaml_file.h"

namespace etguard::chatbot {
namespace {

constexpr std::size_t kQuoted = 200;

constexpr std::string_view kDefaultTemplate =
    R"(# etguard scan chatbot template: how one message is sent and where the
# answer is. The default speaks OpenAI's chat completions.
request:
  headers:
    Content-Type: application/json
    # Authorization: Bearer ${CHATBOT_TOKEN}   # ${NAME} is read from the environment
  # JSON; {{message}} becomes the probe's text, {{session}} a fresh identifier.
  body: |
    {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "{{message}}"}]}
response:
  text: choices.0.message.content   # dotted path; numbers index lists
)";

// Replaces every {{name}} in the strings of `value` (keys untouched).
void fill(nlohmann::json& value, const std::string& message, const std::string& session) {
  if (value.is_string()) {
    std::string text = value.get<std::string>();
    for (const auto& [placeholder, with] :
         {std::pair<std::string_view, const std::string&>{"{{message}}", message},
          {"{{session}}", session}}) {
      for (std::size_t at = text.find(placeholder); at != std::string::npos;
           at = text.find(placeholder, at + with.size())) {
        text.replace(at, placeholder.size(), with);
      }
    }
    value = text;
  } else if (value.is_array() || value.is_object()) {
    for (auto& item : value) {
      fill(item, message, session);
    }
  }
}

// ${NAME} replaced from the environment; an unset name is an error.
Result<std::string> expand(
    const std::string& text,
    const std::function<std::optional<std::string>(const std::string&)>& environment) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = text.find("${", at);
    if (open == std::string::npos) {
      out += text.substr(at);
      return out;
    }
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) {
      out += text.substr(at);
      return out;
    }
    out += text.substr(at, open - at);
    const std::string name = text.substr(open + 2, close - open - 2);
    const auto value = environment(name);
    if (!value) {
      return fail(ErrorKind::kUsage,
                  fmt::format("the template needs the environment variable {}", name),
                  fmt::format("範本需要環境變數 {}", name));
    }
    out += *value;
    at = close + 1;
  }
}

std::string excerpt(std::string_view body) {
  std::string text(body.substr(0, kQuoted));
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      c = ' ';
    }
  }
  return body.size() > kQuoted ? text + "…" : text;
}

// The value at a dotted path ("choices.0.message.content").
const nlohmann::json* at_path(const nlohmann::json& root, std::string_view path) {
  const nlohmann::json* node = &root;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    const std::string_view key = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
    if (node->is_array() && error == std::errc() && end == key.data() + key.size()) {
      if (index >= node->size()) {
        return nullptr;
      }
      node = &(*node)[index];
    } else if (node->is_object() && node->contains(key)) {
      node = &(*node)[std::string(key)];
    } else {
      return nullptr;
    }
  }
  return node;
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* into) {
  static_cast<std::string*>(into)->append(data, size * count);
  return size * count;
}

}  // namespace

std::string_view default_template_yaml() {
  return kDefaultTemplate;
}

namespace {

Result<Template> read_template(const std::string& source, const YamlNode& root) {
  const YamlNode request = root["request"];
  const YamlNode response = root["response"];
  if (!root.is_map() || !request.is_map() || !request["body"] || !response.is_map() ||
      !response["text"]) {
    return std::unexpected(yaml_error(source, root.mark(),
                                      "expected request.body and response.text",
                                      "應有 request.body 與 response.text"));
  }
  for (auto known : {yaml_known_keys(source, root, {"request", "response"}),
                     yaml_known_keys(source, request, {"headers", "body"}),
                     yaml_known_keys(source, response, {"text"})}) {
    if (!known) {
      return std::unexpected(known.error());
    }
  }
  Template shape;
  shape.source = source;
  if (const YamlNode headers = request["headers"]; headers && !headers.is_null()) {
    if (!headers.is_map()) {
      return std::unexpected(
          yaml_error(source, headers.mark(), "'headers' must be a map", "headers 應為對應表"));
    }
    for (std::size_t i = 0; i < headers.size(); ++i) {
      auto value = yaml_as_text(source, headers.value(i));
      if (!value) {
        return std::unexpected(value.error());
      }
      shape.headers.emplace_back(std::string(headers.key(i).scalar()), std::move(*value));
    }
  }
  auto body = yaml_as_text(source, request["body"]);
  if (!body) {
    return std::unexpected(body.error());
  }
  try {
    shape.body = nlohmann::json::parse(*body);
  } catch (const nlohmann::json::parse_error& error) {
    return std::unexpected(
        yaml_error(source, request["body"].mark(),
                   fmt::format("the body is not JSON (byte {}): {}", error.byte, error.what()),
                   fmt::format("body 不是 JSON（第 {} 位元組）：{}", error.byte, error.what())));
  } catch (const nlohmann::json::exception& error) {  // a number out of range
    return std::unexpected(yaml_error(source, request["body"].mark(),
                                      fmt::format("the body is not JSON: {}", error.what()),
                                      fmt::format("body 不是 JSON：{}", error.what())));
  }
  if (shape.body.dump().find("{{message}}") == std::string::npos) {
    return std::unexpected(yaml_error(source, request["body"].mark(),
                                      "the body has no {{message}} in a string",
                                      "body 之字串中無 {{message}}"));
  }
  auto answer = yaml_as_text(source, response["text"]);
  if (!answer) {
    return std::unexpected(answer.error());
  }
  shape.answer_path = std::move(*answer);
  shape.answer_line = response["text"].mark().line + 1;
  return shape;
}

}  // namespace

Result<Template> parse_template(const std::string& source, const std::string& text) {
  auto root = load_yaml_text(source, text);
  if (!root) {
    return std::unexpected(root.error());
  }
  return read_template(source, *root);
}

Result<Template> load_template(const std::string& path) {
  if (path.empty()) {
    return parse_template("<built-in template>", std::string(kDefaultTemplate));
  }
  auto root = load_yaml_file(path, "the template", "範本");
  if (!root) {
    return std::unexpected(root.error());
  }
  return read_template(path, *root);
}

Transport curl_transport(const TransportOptions& options) {
  return [options](const HttpRequest& request) -> Result<HttpReply> {
    CURL* curl = curl_easy_init();
    if (curl == nullptr) {
      return fail(ErrorKind::kInternal, "libcurl did not start", "libcurl 無法啟動");
    }
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      headers = curl_slist_append(headers, fmt::format("{}: {}", name, value).c_str());
    }
    HttpReply reply;
    char problem[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.ca_file.empty()) {
      curl_easy_setopt(curl, CURLOPT_CAINFO, options.ca_file.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, options.timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, problem);
    const CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (code != CURLE_OK) {
      const std::string why = problem[0] != '\0' ? problem : curl_easy_strerror(code);
      return fail(ErrorKind::kInput, fmt::format("{}: {}", request.url, why),
                  fmt::format("{}：{}", request.url, why));
    }
    return reply;
  };
}

Result<std::string> ask(
    const Template& shape, const std::string& endpoint, const std::string& message,
    const std::string& session, const Transport& transport,
    const std::function<std::optional<std::string>(const std::string&)>& environment) {
  HttpRequest request;
  request.url = endpoint;
  for (const auto& [name, value] : shape.headers) {
    auto expanded = expand(value, environment);
    if (!expanded) {
      return std::unexpected(expanded.error());
    }
    request.headers.emplace_back(name, std::move(*expanded));
  }
  nlohmann::json body = shape.body;
  fill(body, message, session);
  request.body = body.dump();
  auto reply = transport(request);
  if (!reply) {
    return std::unexpected(reply.error());
  }
  if (reply->status < 200 || reply->status >= 300) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: HTTP {}: {}", endpoint, reply->status, excerpt(reply->body)),
                fmt::format("{}：HTTP {}：{}", endpoint, reply->status, excerpt(reply->body)));
  }
  const nlohmann::json answer = nlohmann::json::parse(reply->body, nullptr, false);
  if (answer.is_discarded()) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: the answer is not JSON, as {} expects: {}", endpoint, shape.source,
                            excerpt(reply->body)),
                fmt::format("{}：回應不是 {} 所預期之 JSON：{}", endpoint, shape.source,
                            excerpt(reply->body)));
  }
  const nlohmann::json* text = at_path(answer, shape.answer_path);
  if (text == nullptr || !text->is_string()) {
    return fail(
        ErrorKind::kInput,
        fmt::format("{}: the answer has no text at '{}' ({}:{}): {}", endpoint, shape.answer_path,
                    shape.source, shape.answer_line, excerpt(reply->body)),
        fmt::format("{}：回應於 '{}'（{}:{}）無文字：{}", endpoint, shape.answer_path, shape.source,
                    shape.answer_line, excerpt(reply->body)));
  }
  return text->get<std::string>();
}

}  // namespace etguard::chatbot
