#include "iot/probe/credentials.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/atomic_file.h"
#include "core/yaml_file.h"

namespace etguard::iot::probe {
namespace {

// Factory defaults seen on cameras, recorders, gateways, sensors and
// brokers: short on purpose, since every entry is one login per service
// probed. A firm adds the defaults of its own devices' manuals with
// --credentials.
constexpr std::string_view kBuiltin =
    R"(# etguard's built-in IoT default credentials (scan iot --probe)
format: etguard.iot-credentials
credentials:
  - {service: mqtt, user: admin, password: admin}
  - {service: mqtt, user: admin, password: password}
  - {service: mqtt, user: guest, password: guest}
  - {service: snmp, community: public}
  - {service: snmp, community: private}
  - {service: http, user: admin, password: admin}
  - {service: http, user: admin, password: ""}
  - {service: http, user: admin, password: "12345"}
  - {service: http, user: admin, password: password}
  - {service: http, user: root, password: root}
  - {service: ftp, user: anonymous, password: "guest@example.com"}
  - {service: ftp, user: admin, password: admin}
  - {service: ftp, user: root, password: root}
  - {service: ssh, user: root, password: root}
  - {service: ssh, user: admin, password: admin}
  - {service: ssh, user: admin, password: "1234"}
  - {service: ssh, user: root, password: ""}
  - {service: ssh, user: ubnt, password: ubnt}
  - {service: ssh, user: pi, password: raspberry}
  - {service: telnet, user: root, password: xc3511}
  - {service: telnet, user: admin, password: 7ujMko0admin}
  - {service: telnet, user: root, password: vizxv}
  - {service: telnet, user: admin, password: admin}
  - {service: rtsp, user: admin, password: admin}
  - {service: rtsp, user: admin, password: "12345"}
  - {service: rtsp, user: admin, password: "888888"}
  - {service: rtsp, user: admin, password: ""}
  - {service: rtsp, user: root, password: pass}
)";

bool known_service(std::string_view service) {
  return std::ranges::find(kServices, service) != std::end(kServices);
}

Credential read_credential(YamlFields& reader, const YamlNode& node) {
  Credential credential;
  const YamlMark mark = node.mark();
  credential.listed_at = fmt::format("{}:{}", reader.path(), mark.line + 1);
  reader.keys(node, {"service", "user", "password", "community"});
  credential.service = reader.text(node, "service", true);
  if (!credential.service.empty() && !known_service(credential.service)) {
    reader.problems().add(
        node["service"].mark(), "bad-value",
        fmt::format("unknown service '{}'; use mqtt, snmp, http, ftp, ssh, telnet or rtsp",
                    credential.service),
        fmt::format("未知的服務 '{}'；請用 mqtt、snmp、http、ftp、ssh、telnet 或 rtsp",
                    credential.service));
  }
  if (credential.service == "snmp") {
    if (node["user"] || node["password"]) {
      reader.problems().add(mark, "bad-value", "an SNMP entry gives a community, not user/password",
                            "SNMP 項目應給 community，而非 user/password");
    }
    credential.password = reader.text(node, "community", true);
    return credential;
  }
  if (node["community"]) {
    reader.problems().add(node["community"].mark(), "bad-value",
                          "only an SNMP entry gives a community", "僅 SNMP 項目可給 community");
  }
  credential.user = reader.text(node, "user", true);
  if (!node["password"]) {
    reader.problems().add(mark, "missing-key", "missing key 'password' (\"\" for an empty one)",
                          "缺少 password（空密碼請寫 \"\"）");
  }
  credential.password = reader.text(node, "password");
  return credential;
}

// A line-based protocol (FTP) would read a CR or LF in a credential as the
// end of a command.
void refuse_control_characters(YamlFields& reader, const YamlNode& node,
                               const Credential& credential) {
  const auto control = [](const std::string& text) {
    return std::ranges::any_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  };
  if (control(credential.user) || control(credential.password)) {
    reader.problems().add(node.mark(), "bad-value", "a credential holds a control character",
                          "帳密含控制字元");
  }
}

}  // namespace

std::string_view builtin_credentials_yaml() {
  return kBuiltin;
}

Result<std::vector<Credential>> parse_credentials(const std::string& source,
                                                  const std::string& text) {
  auto document = load_yaml_text(source, text);
  if (!document) {
    return std::unexpected(document.error());
  }
  const YamlNode root = *document;
  if (!root.is_map() || !root["credentials"].is_sequence()) {
    return std::unexpected(yaml_error(source, root.mark(),
                                      "expected 'format: etguard.iot-credentials' and a "
                                      "'credentials' list",
                                      "應有 format: etguard.iot-credentials 及 credentials 清單"));
  }
  YamlFields reader(source);
  reader.keys(root, {"format", "credentials"});
  if (const std::string format = reader.text(root, "format", true);
      !format.empty() && format != "etguard.iot-credentials") {
    reader.problems().add(root["format"].mark(), "bad-value",
                          fmt::format("format is '{}', not etguard.iot-credentials", format),
                          fmt::format("format 為 '{}'，而非 etguard.iot-credentials", format));
  }
  std::vector<Credential> credentials;
  for (const YamlNode& node : root["credentials"].items()) {
    if (!node.is_map()) {
      reader.problems().add(node.mark(), "bad-type", "a credential is a map of service, user, ...",
                            "每筆帳密應為含 service、user 等之對應");
      continue;
    }
    credentials.push_back(read_credential(reader, node));
    refuse_control_characters(reader, node, credentials.back());
  }
  if (!reader.problems().empty()) {
    return std::unexpected(reader.problems().error());
  }
  return credentials;
}

Result<std::vector<Credential>> load_credentials(const std::vector<std::string>& files) {
  auto credentials = parse_credentials("built-in", std::string(kBuiltin));
  if (!credentials) {
    return credentials;
  }
  for (const std::string& file : files) {
    auto text = read_file(file);
    if (!text) {
      return std::unexpected(text.error());
    }
    auto more = parse_credentials(file, *text);
    if (!more) {
      return std::unexpected(more.error());
    }
    std::ranges::move(*more, std::back_inserter(*credentials));
  }
  return credentials;
}

}  // namespace etguard::iot::probe
