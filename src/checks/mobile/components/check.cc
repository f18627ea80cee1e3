// mobile.components: no component other apps can start or bind is left
// without a permission. Fails for each activity, alias, service, receiver or
// provider exported (explicitly, or by the platform's default: an intent
// filter before API 31, a provider before API 17) with no android:permission,
// except the launcher activity, which is exported by design. Partly ET-20.4
// (OWASP Mobile M8 and M3's improper platform usage). On iOS, custom URL
// schemes are listed as a warning.
#include "checks/mobile/components/check.h"

#include <fmt/format.h>

namespace etguard::mobile_checks::components {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-20.4"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "mobile.components",
      .title = {.zh = "行動應用程式之對外元件皆受權限保護",
                .en = "A mobile app's exported components require a permission"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kMedium,
      .rationale =
          {.zh =
               "第二十條第四項：上架前應依 OWASP Mobile Top 10 測試；未受權限保護之對外元件可被其他"
               "應用程式呼叫（M8）。",
           .en = "Art. 20.4: releases are tested against the OWASP Mobile Top 10; an exported "
                 "component without a permission can be started by any other app (M8)."},
      .remediation =
          {.zh = "不需對外之元件設定 android:exported=\"false\"；需要者設定 android:permission。",
           .en = "Set android:exported=\"false\" on components no other app needs; protect the "
                 "others with android:permission."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AppEvidence& evidence) {
  if (!evidence.has_package()) {
    return std::nullopt;
  }
  if (evidence.ios != nullptr) {
    // iOS has no exported components; its custom URL schemes are the entry
    // points any app can claim too.
    std::vector<check::Reason> reasons;
    if (!evidence.ios->url_schemes.empty()) {
      reasons.push_back(
          listed("APP_URL_SCHEMES",
                 "custom URL schemes, which another app can also claim (universal links cannot be)",
                 "自訂 URL scheme，其他應用程式亦可註冊（universal links 則否）",
                 evidence.ios->url_schemes, true));
    }
    return check::Assessment::from_reasons(
        std::move(reasons), evidence.with_evidence
                                ? nlohmann::ordered_json{{"url_schemes", evidence.ios->url_schemes}}
                                : nlohmann::ordered_json::object());
  }
  std::vector<std::string> open;
  nlohmann::ordered_json exported = nlohmann::ordered_json::array();
  for (const mobile::AppComponent& component : evidence.package->components) {
    if (!component.exported) {
      continue;
    }
    exported.push_back({{"kind", component.kind},
                        {"name", component.name},
                        {"explicit", component.exported_explicitly},
                        {"launcher", component.launcher},
                        {"permission", component.permission}});
    if (!component.launcher && component.permission.empty()) {
      open.push_back(fmt::format("{} {}", component.kind, component.name));
    }
  }
  std::vector<check::Reason> reasons;
  if (!open.empty()) {
    reasons.push_back(listed("APP_EXPORTED_WITHOUT_PERMISSION",
                             "components exported without a permission", "未受權限保護之對外元件",
                             open));
  }
  return check::Assessment::from_reasons(
      std::move(reasons), evidence.with_evidence
                              ? nlohmann::ordered_json{{"exported", std::move(exported)}}
                              : nlohmann::ordered_json::object());
}

}  // namespace etguard::mobile_checks::components
