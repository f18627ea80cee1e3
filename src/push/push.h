// The client side of `etguard scan ... --push` (issue 18): one JSON document
// POSTed to an `etguard serve` over HTTPS, TLS 1.2 or newer, the server's
// certificate verified (against `ca_file`, else the system's CAs) and its
// name checked; the API token sent as a Bearer credential and never written
// to an error message or a log; no redirect followed (the token goes to the
// server named, nowhere else). libcurl carries HTTP here as it carries SMTP
// for mail (docs/decisions/0015-push-client-libcurl.md).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::push {

struct Server {
  std::string url;  // "https://etguard.example.com:8443" (a path prefix is kept)
  std::string token;
  std::filesystem::path ca_file;  // empty: the system's trusted CAs
  long timeout_seconds = 300;
};

struct Answer {
  long status = 0;
  std::string content_type;
  std::string body;  // at most 1 MiB
};

// A usage error for a URL that is not https://HOST[:PORT][/PREFIX]; a
// kUnavailable error naming the server for one that cannot be reached or
// whose certificate does not verify. Any HTTP status is an Answer.
[[nodiscard]] Result<Answer> post_json(const Server& server, std::string_view path,
                                       std::string_view body);

// The token in a file of its own (mode 0600 advised), its surrounding
// whitespace dropped; a usage error naming the file when it is unreadable
// or holds no token.
[[nodiscard]] Result<std::string> read_token_file(const std::filesystem::path& path);

}  // namespace etguard::push
