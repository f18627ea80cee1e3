// mobile.network: the app talks to its servers over TLS it can trust. Fails
// when cleartext traffic is allowed — by the network security configuration
// (base-config or a domain-config), by android:usesCleartextTraffic, or by
// the platform's default for apps targeting API < 28 without either — when
// user-installed CAs are trusted outside debug-overrides (also the default
// below API 24), and when the code holds http:// endpoints; warns when no
// certificate pinning is configured. Partly ET-20.4 (OWASP Mobile M5,
// insecure communication). On iOS: App Transport Security — arbitrary loads,
// exception domains with insecure HTTP or TLS below 1.2, NSPinnedDomains.
#include "checks/mobile/network/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace etguard::mobile_checks::network {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-20.4"};

// http:// strings that name no server the app talks to: XML namespaces,
// schema ids and the device itself.
bool is_endpoint(std::string_view text) {
  if (!text.starts_with("http://") || text.size() <= 7) {
    return false;
  }
  constexpr std::string_view kNotEndpoints[] = {"http://schemas.android.com/",
                                                "http://www.w3.org/",
                                                "http://xml.org/",
                                                "http://ns.adobe.com/",
                                                "http://localhost",
                                                "http://127.0.0.1",
                                                "http://[::1]",
                                                "http://10.0.2.2",
                                                "http://purl.org/"};
  return std::ranges::none_of(kNotEndpoints,
                              [&](std::string_view prefix) { return text.starts_with(prefix); });
}

// The http:// endpoints among the code's strings.
std::vector<std::string> http_endpoints(const mobile::StringTable& strings) {
  std::vector<std::string> endpoints;
  strings.for_each_starting_with("http://", [&](std::string_view text) {
    if (is_endpoint(text)) {
      endpoints.emplace_back(text);
    }
  });
  return endpoints;
}

// An iOS release: App Transport Security neither off (NSAllowsArbitraryLoads)
// nor lowered for a domain (insecure HTTP, a minimum below TLS 1.2).
check::Assessment judge_ios(const mobile::IosPackage& app, bool with_evidence) {
  std::vector<check::Reason> reasons;
  if (app.ats_arbitrary_loads) {
    reasons.push_back({"APP_CLEARTEXT_ALLOWED",
                       "cleartext HTTP is allowed: Info.plist sets NSAllowsArbitraryLoads",
                       "允許明文 HTTP：Info.plist 設定 NSAllowsArbitraryLoads"});
  }
  std::vector<std::string> insecure;
  std::vector<std::string> weak_tls;
  for (const mobile::AtsException& exception : app.ats_exceptions) {
    if (exception.insecure_http) {
      insecure.push_back(exception.domain);
    }
    if (exception.minimum_tls == "TLSv1.0" || exception.minimum_tls == "TLSv1.1") {
      weak_tls.push_back(fmt::format("{} ({})", exception.domain, exception.minimum_tls));
    }
  }
  if (!insecure.empty()) {
    reasons.push_back(listed("APP_CLEARTEXT_DOMAINS",
                             "domains App Transport Security allows cleartext HTTP",
                             "App Transport Security 允許明文 HTTP 之網域", insecure));
  }
  if (!weak_tls.empty()) {
    reasons.push_back(listed("APP_WEAK_TLS", "domains allowed a TLS version below 1.2",
                             "允許 TLS 1.2 以下版本之網域", weak_tls));
  }
  const std::vector<std::string> endpoints = http_endpoints(app.code_strings);
  if (!endpoints.empty()) {
    reasons.push_back(listed("APP_HTTP_ENDPOINT", "the code holds http:// endpoints",
                             "程式含 http:// 端點", endpoints));
  }
  if (!app.ats_pinning) {
    reasons.push_back({"APP_NO_PINNING",
                       "no certificate pinning in App Transport Security (NSPinnedDomains)",
                       "App Transport Security 未設定憑證固定（NSPinnedDomains）", true});
  }
  nlohmann::ordered_json record = nlohmann::ordered_json::object();
  if (with_evidence) {
    nlohmann::ordered_json exceptions = nlohmann::ordered_json::array();
    for (const mobile::AtsException& exception : app.ats_exceptions) {
      exceptions.push_back({{"domain", exception.domain},
                            {"insecure_http", exception.insecure_http},
                            {"minimum_tls", exception.minimum_tls}});
    }
    record = {{"arbitrary_loads", app.ats_arbitrary_loads},
              {"exception_domains", std::move(exceptions)},
              {"pinning", app.ats_pinning},
              {"http_endpoints", endpoints}};
  }
  return check::Assessment::from_reasons(std::move(reasons), std::move(record));
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "mobile.network",
      .title = {.zh = "行動應用程式僅以可信之 TLS 連線",
                .en = "A mobile app connects only over TLS it can trust"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh =
               "第二十條第四項：上架前應依 OWASP Mobile Top 10 測試；明文傳輸、信任使用者自行安裝之"
               "憑證機構及未固定憑證屬不安全通訊（M5）。",
           .en = "Art. 20.4: releases are tested against the OWASP Mobile Top 10; cleartext "
                 "traffic, trusting user-installed CAs and no pinning are insecure "
                 "communication (M5)."},
      .remediation =
          {.zh = "於 network security config 設定 cleartextTrafficPermitted=\"false\"、僅信任系統"
                 "憑證機構並設定 pin-set；以 https:// 取代 http:// 端點。",
           .en = "Set cleartextTrafficPermitted=\"false\" in the network security "
                 "configuration, trust only system CAs, add a pin-set, and replace "
                 "http:// endpoints with https://."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AppEvidence& evidence) {
  if (!evidence.has_package()) {
    return std::nullopt;
  }
  if (evidence.ios != nullptr) {
    return judge_ios(*evidence.ios, evidence.with_evidence);
  }
  const mobile::AndroidPackage& app = *evidence.package;
  const mobile::NetworkSecurity& config = app.network_security;
  const int target = app.target_sdk.value_or(app.min_sdk.value_or(1));
  const bool has_config = !config.file.empty();
  std::vector<check::Reason> reasons;
  // The configuration overrides the manifest attribute on API 24 and later.
  const bool cleartext = has_config ? config.base_cleartext.value_or(target < 28)
                                    : app.uses_cleartext_traffic.value_or(target < 28);
  if (cleartext) {
    const auto [en, zh] =
        has_config
            ? (config.base_cleartext
                   ? std::pair{"the network security configuration's base-config allows it",
                               "network security config 之 base-config 允許"}
                   : std::
                         pair{"the network security configuration's default for API < 28 allows it",
                              "network security config 於目標 API < 28 之預設允許"})
            : (app.uses_cleartext_traffic
                   ? std::pair{"the manifest sets android:usesCleartextTraffic=\"true\"",
                               "manifest 設定 android:usesCleartextTraffic=\"true\""}
                   : std::pair{"the default for apps targeting API < 28 allows it",
                               "目標 API < 28 之預設允許"});
    reasons.push_back({"APP_CLEARTEXT_ALLOWED", fmt::format("cleartext HTTP is allowed: {}", en),
                       fmt::format("允許明文 HTTP：{}", zh)});
  }
  if (!config.cleartext_domains.empty()) {
    reasons.push_back(listed("APP_CLEARTEXT_DOMAINS", "domains allowed cleartext HTTP",
                             "允許明文 HTTP 之網域", config.cleartext_domains));
  }
  const bool user_cas = config.trusts_user_certificates || (!has_config && target < 24);
  if (user_cas) {
    reasons.push_back({"APP_TRUSTS_USER_CAS",
                       config.trusts_user_certificates
                           ? "the network security configuration trusts user-installed CAs"
                           : "apps targeting API < 24 trust user-installed CAs by default",
                       config.trusts_user_certificates
                           ? "network security config 信任使用者自行安裝之憑證機構"
                           : "目標 API < 24 之應用程式預設信任使用者自行安裝之憑證機構"});
  }
  const std::vector<std::string> endpoints = http_endpoints(app.code_strings);
  if (!endpoints.empty()) {
    reasons.push_back(listed("APP_HTTP_ENDPOINT", "the code holds http:// endpoints",
                             "程式含 http:// 端點", endpoints));
  }
  if (!config.pins_certificates) {
    reasons.push_back({"APP_NO_PINNING",
                       "no certificate pinning in the network security configuration",
                       "network security config 未設定憑證固定（pin-set）", true});
  }
  nlohmann::ordered_json record = nlohmann::ordered_json::object();
  if (evidence.with_evidence) {
    record = {{"network_security_config", config.file},        {"cleartext_allowed", cleartext},
              {"cleartext_domains", config.cleartext_domains}, {"trusts_user_cas", user_cas},
              {"pinning", config.pins_certificates},           {"http_endpoints", endpoints}};
  }
  return check::Assessment::from_reasons(std::move(reasons), std::move(record));
}

}  // namespace etguard::mobile_checks::network
