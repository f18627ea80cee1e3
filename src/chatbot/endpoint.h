// How to talk to a chatbot's HTTP API: a template (YAML) saying what to send
// — headers (secrets from the environment as ${NAME}) and a JSON body in which
// {{message}} becomes the probe's text and {{session}} a fresh identifier —
// and where the answer's text is in the reply (a dotted path; numbers index
// lists). The default is OpenAI's chat completions. The transport is
// injected: libcurl for real endpoints, a function in unit tests.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"

namespace etguard::chatbot {

struct Template {
  std::string source;                                        // the file, for messages
  std::vector<std::pair<std::string, std::string>> headers;  // values may hold ${NAME}
  nlohmann::json body;      // with {{message}} / {{session}} in strings
  std::string answer_path;  // e.g. choices.0.message.content
  int answer_line = 0;      // where answer_path is written, for messages
};

std::string_view default_template_yaml();
// The template of `path`, or the default when empty; mistakes located.
Result<Template> load_template(const std::string& path);
Result<Template> parse_template(const std::string& source, const std::string& text);

struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // secrets expanded
  std::string body;
};

struct HttpReply {
  long status = 0;
  std::string body;
};

using Transport = std::function<Result<HttpReply>(const HttpRequest& request)>;

struct TransportOptions {
  long timeout_seconds = 30;
  std::string ca_file;  // a CA bundle for an endpoint whose CA is not a system one
};
// POST over HTTP or HTTPS (TLS 1.2 at least, the peer verified) with libcurl.
Transport curl_transport(const TransportOptions& options);

// Asks one message: the request the template describes, sent through
// `transport`, and the answer's text read from the reply. A reply that is not
// JSON, lacks the template's path or is not a success is an input error that
// quotes what came back (at most 200 bytes), never the headers sent.
// `environment` looks up ${NAME}.
Result<std::string> ask(
    const Template& shape, const std::string& endpoint, const std::string& message,
    const std::string& session, const Transport& transport,
    const std::function<std::optional<std::string>(const std::string&)>& environment);

}  // namespace etguard::chatbot
