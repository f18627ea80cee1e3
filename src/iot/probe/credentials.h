// The default credentials the probes of `scan iot --probe` try (Art. 24:
// initial passwords shall be changed): a built-in list of the factory
// defaults IoT devices ship with, which a firm extends with its own YAML
// files (docs/iot.md). Every credential knows where it is listed, so a
// finding can name it without showing its password.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::iot::probe {

struct Credential {
  std::string service;    // mqtt, snmp, http, ftp, ssh, telnet, rtsp
  std::string user;       // empty for SNMP (a community has no user)
  std::string password;   // the SNMP community; never logged or shown
  std::string listed_at;  // "built-in:12", "extra.yaml:3"
};

// The services a credential list may name.
constexpr std::string_view kServices[] = {"mqtt", "snmp", "http", "ftp", "ssh", "telnet", "rtsp"};

std::string_view builtin_credentials_yaml();

// The credentials of `text` (named `source` in errors and in listed_at):
//   format: etguard.iot-credentials
//   credentials:
//     - {service: mqtt, user: admin, password: admin}
//     - {service: snmp, community: public}
// Every problem is reported, located: an unknown key or service, a missing
// password, a community outside SNMP.
Result<std::vector<Credential>> parse_credentials(const std::string& source,
                                                  const std::string& text);

// The built-in list followed by each of `files`.
Result<std::vector<Credential>> load_credentials(const std::vector<std::string>& files);

}  // namespace etguard::iot::probe
