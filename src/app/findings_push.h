// The findings a scan hands to a server (`etguard scan ... --push`): the same
// FindingsImport the terminal's `--import` records, as the document of
// checks/findings_document.h (schema etguard.findings_push 1.0), sent by the
// client of push/push.h and read back by the server.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/findings.h"
#include "core/result.h"

namespace etguard::app {

nlohmann::ordered_json findings_push_json(const FindingsImport& request);

// A usage error naming `source`, the byte or member and the problem.
[[nodiscard]] Result<FindingsImport> parse_findings_push(std::string_view body,
                                                         std::string_view source);

// Where `--push` sends: the server, the file holding the API token, and the
// certificate to trust the server by (empty: the system's CAs).
struct PushTarget {
  std::string url;
  std::filesystem::path token_file;
  std::filesystem::path ca_file;
};

struct FindingsPushed {
  int added = 0;
  int skipped = 0;
  int parts = 0;  // documents sent (a large scan goes in parts of at most 24 MiB)
};

// Sends the findings to the server's POST /api/findings, in parts when large;
// each part is recorded there in one transaction. An error names the server
// and, when it answered, its status and message; parts sent before a refused
// one stay recorded (the error says how many).
[[nodiscard]] Result<FindingsPushed> push_findings(const PushTarget& target,
                                                   const FindingsImport& request);

// The server's answer to a part: schema etguard.findings_imported 1.0.
nlohmann::ordered_json findings_imported_json(const FindingsImported& imported);

}  // namespace etguard::app
