// mobile.secrets: the package holds no credentials and no personal data.
// The PII scanner (the built-in personal-data types and the credential
// detectors of `scan genai-log`: cloud keys, tokens, private keys, passwords
// in text) reads the strings of the code and of the resource table; fails on
// any hit, masked in the finding. Partly ET-20.4 (OWASP Mobile M1, improper
// credential usage, and M6, inadequate privacy controls).
#include "checks/mobile/secrets/check.h"

#include <fmt/format.h>

namespace etguard::mobile_checks::secrets {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-20.4"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "mobile.secrets",
      .title = {.zh = "行動應用程式未內嵌憑證、金鑰或個人資料",
                .en = "A mobile app embeds no credentials, keys or personal data"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kCritical,
      .rationale =
          {.zh =
               "第二十條第四項：上架前應依 OWASP Mobile Top 10 測試；寫死於套件之金鑰與個人資料任何"
               "下載者皆可取得（M1、M6）。",
           .en = "Art. 20.4: releases are tested against the OWASP Mobile Top 10; keys and "
                 "personal data built into a package are open to anyone who downloads it (M1, "
                 "M6)."},
      .remediation =
          {.zh = "撤銷並更換外洩之金鑰，改由伺服器端於登入後核發；移除套件中之個人資料。",
           .en = "Revoke and replace the exposed keys and have the server issue them after "
                 "login; remove personal data from the package."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AppEvidence& evidence) {
  if (!evidence.has_package() || evidence.sensitive == nullptr) {
    return std::nullopt;
  }
  std::vector<std::string> credentials;
  std::vector<std::string> personal;
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const SensitiveString& hit : *evidence.sensitive) {
    (hit.credential ? credentials : personal)
        .push_back(fmt::format("{} {} ({})", hit.type, hit.masked, hit.where));
    hits.push_back({{"type", hit.type},
                    {"masked", hit.masked},
                    {"where", hit.where},
                    {"credential", hit.credential}});
  }
  std::vector<check::Reason> reasons;
  if (!credentials.empty()) {
    reasons.push_back(listed("APP_HARDCODED_CREDENTIAL", "credentials in the package",
                             "套件內含憑證或金鑰", credentials));
  }
  if (!personal.empty()) {
    reasons.push_back(
        listed("APP_PERSONAL_DATA", "personal data in the package", "套件內含個人資料", personal));
  }
  return check::Assessment::from_reasons(std::move(reasons),
                                         evidence.with_evidence
                                             ? nlohmann::ordered_json{{"found", std::move(hits)}}
                                             : nlohmann::ordered_json::object());
}

}  // namespace etguard::mobile_checks::secrets
