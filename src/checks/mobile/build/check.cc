// mobile.build: the release is a release build. Fails when it is debuggable
// (android:debuggable), lets Android back its data up (android:allowBackup,
// true unless the manifest says false), or supports Android versions older
// than the firm's floor (minSdkVersion below --min-sdk, 24 unless told);
// warns when its code can turn WebView debugging on. Partly ET-20.4: items
// of the OWASP Mobile Top 10 (M8, security misconfiguration) a package
// shows; the release test itself is more. On iOS: the provisioning profile
// must not grant get-task-allow, and MinimumOSVersion must reach --min-ios.
#include "checks/mobile/build/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace etguard::mobile_checks::build {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-20.4"};

// "15.0" against "12.4.1", component by component; a missing one is 0.
int compare_versions(std::string_view a, std::string_view b) {
  const auto next = [](std::string_view& text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    if (text.starts_with('.')) {
      text.remove_prefix(1);
    }
    return error == std::errc() ? value : 0;
  };
  while (!a.empty() || !b.empty()) {
    const int left = next(a);
    const int right = next(b);
    if (left != right) {
      return left < right ? -1 : 1;
    }
  }
  return 0;
}

// An iOS release: not built for debugging (the profile's get-task-allow),
// and no support for iOS versions older than the firm's floor.
check::Assessment judge_ios(const mobile::IosPackage& app, const AppPolicy& policy,
                            bool with_evidence) {
  std::vector<check::Reason> reasons;
  if (app.profile.get_task_allow) {
    reasons.push_back({"APP_DEBUGGABLE",
                       "the provisioning profile grants get-task-allow: a debugger can attach",
                       "佈建描述檔授予 get-task-allow：可附加除錯器"});
  }
  const std::string minimum = app.minimum_os.empty() ? "0" : app.minimum_os;
  if (compare_versions(minimum, policy.min_ios) < 0) {
    reasons.push_back(
        {"APP_MIN_OS_LOW",
         fmt::format("MinimumOSVersion {} is below the supported floor {}", minimum,
                     policy.min_ios),
         fmt::format("MinimumOSVersion {} 低於支援下限 {}", minimum, policy.min_ios)});
  }
  nlohmann::ordered_json record = nlohmann::ordered_json::object();
  if (with_evidence) {
    record = {{"get_task_allow", app.profile.get_task_allow},
              {"minimum_os", app.minimum_os},
              {"min_ios_floor", policy.min_ios}};
  }
  return check::Assessment::from_reasons(std::move(reasons), std::move(record));
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "mobile.build",
      .title = {.zh = "行動應用程式為正式版建置（不可除錯、不備份、不支援過舊作業系統）",
                .en =
                    "A mobile app is a release build (not debuggable, no backups, no outdated OS)"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh =
               "第二十條第四項：上架前應依 OWASP Mobile Top 10 測試；可除錯之建置、允許備份與過舊之"
               "Android 版本屬不安全組態（M8）。",
           .en = "Art. 20.4: releases are tested against the OWASP Mobile Top 10; a debuggable "
                 "build, allowed backups and outdated Android versions are security "
                 "misconfigurations (M8)."},
      .remediation =
          {.zh = "以正式版設定建置：android:debuggable=\"false\"、android:allowBackup=\"false\"，"
                 "並提高 minSdkVersion。",
           .en = "Build with release settings: android:debuggable=\"false\", "
                 "android:allowBackup=\"false\", and raise minSdkVersion."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AppEvidence& evidence) {
  if (!evidence.has_package() || evidence.policy == nullptr) {
    return std::nullopt;
  }
  if (evidence.ios != nullptr) {
    return judge_ios(*evidence.ios, *evidence.policy, evidence.with_evidence);
  }
  const mobile::AndroidPackage& app = *evidence.package;
  std::vector<check::Reason> reasons;
  if (app.debuggable.value_or(false)) {
    reasons.push_back({"APP_DEBUGGABLE", "the manifest sets android:debuggable=\"true\"",
                       "manifest 設定 android:debuggable=\"true\""});
  }
  if (app.allow_backup.value_or(true)) {
    reasons.push_back({"APP_BACKUP_ALLOWED",
                       app.allow_backup
                           ? "the manifest sets android:allowBackup=\"true\""
                           : "android:allowBackup is not set, and Android takes it as true",
                       app.allow_backup ? "manifest 設定 android:allowBackup=\"true\""
                                        : "未設定 android:allowBackup，Android 視為 true"});
  }
  const int min_sdk = app.min_sdk.value_or(1);
  if (min_sdk < evidence.policy->min_sdk) {
    reasons.push_back(
        {"APP_MIN_SDK_LOW",
         fmt::format("minSdkVersion {} is below the supported floor {}", min_sdk,
                     evidence.policy->min_sdk),
         fmt::format("minSdkVersion {} 低於支援下限 {}", min_sdk, evidence.policy->min_sdk)});
  }
  const bool webview_debugging = app.code_strings.has("setWebContentsDebuggingEnabled");
  if (webview_debugging) {
    reasons.push_back(
        {"APP_WEBVIEW_DEBUGGING",
         "the code calls WebView.setWebContentsDebuggingEnabled: it must pass false in a release",
         "程式呼叫 WebView.setWebContentsDebuggingEnabled：正式版須傳入 false", true});
  }
  nlohmann::ordered_json record = nlohmann::ordered_json::object();
  if (evidence.with_evidence) {
    record = {{"debuggable", app.debuggable.value_or(false)},
              {"allow_backup", app.allow_backup.value_or(true)},
              {"min_sdk", min_sdk},
              {"target_sdk", app.target_sdk.value_or(min_sdk)},
              {"min_sdk_floor", evidence.policy->min_sdk},
              {"webview_debugging_call", webview_debugging}};
  }
  return check::Assessment::from_reasons(std::move(reasons), std::move(record));
}

}  // namespace etguard::mobile_checks::build
