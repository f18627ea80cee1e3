// Fuzz target: what the probes of `scan iot --probe` read from outside —
// a credential list a user hands over (YAML) and an FTP server's reply
// lines. Invariants: a refused list says where; every credential read names
// a known service and where it is listed; an FTP reply's code is 100-599 and
// its text at most 80 bytes.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "iot/probe/credentials.h"
#include "iot/probe/ftp_reply.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto credentials = etguard::iot::probe::parse_credentials("fuzz.yaml", text);
  if (!credentials) {
    if (credentials.error().message.rfind("fuzz.yaml", 0) != 0) {
      __builtin_trap();
    }
  } else {
    for (const etguard::iot::probe::Credential& credential : *credentials) {
      if (std::ranges::find(etguard::iot::probe::kServices, credential.service) ==
              std::end(etguard::iot::probe::kServices) ||
          credential.listed_at.rfind("fuzz.yaml:", 0) != 0) {
        __builtin_trap();
      }
    }
  }
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find("\r\n"), rest.size());
    if (auto reply = etguard::iot::probe::ftp_reply_end(rest.substr(0, end))) {
      if (reply->code < 100 || reply->code > 599 || reply->text.size() > 80) {
        __builtin_trap();
      }
    }
    rest.remove_prefix(std::min(end + 2, rest.size()));
  }
  return 0;
}
