// mobile.tamper_detection: the app's code shows that it looks for rooted,
// jailbroken or debugged devices. Passes when the code's strings hold a known
// detection library or API (Play Integrity, SafetyNet, RootBeer, …) or the
// checks such code makes (su binaries, Magisk, Frida, the debugger, USB
// debugging), and lists what was found; fails when none is found — never a
// pass by absence. On iOS the executable's printable strings are searched
// for jailbreak files, Cydia's URL scheme and detection libraries.
// Obfuscated or native detection may not show in the strings: attach the
// vendor's evidence then. Partly ET-19.3: the markers show detection exists,
// not that the app warns the user.
#include "checks/mobile/tamper_detection/check.h"

#include <fmt/format.h>

#include <algorithm>

#include "mobile/literal_set.h"

namespace etguard::mobile_checks::tamper_detection {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-19.3"};

struct Marker {
  std::string_view text;  // a substring of a code string
  std::string_view what;
};

constexpr Marker kMarkers[] = {
    {"com/google/android/play/core/integrity", "Play Integrity API"},
    {"com.google.android.play.core.integrity", "Play Integrity API"},
    {"com/google/android/gms/safetynet", "SafetyNet Attestation"},
    {"com.google.android.gms.safetynet", "SafetyNet Attestation"},
    {"com/scottyab/rootbeer", "RootBeer"},
    {"com.scottyab.rootbeer", "RootBeer"},
    {"com/noshufou/android/su", "su check (Superuser)"},
    {"eu.chainfire.supersu", "su check (SuperSU)"},
    {"com.topjohnwu.magisk", "Magisk check"},
    {"/system/xbin/su", "su binary check"},
    {"/system/bin/su", "su binary check"},
    {"/sbin/su", "su binary check"},
    {"test-keys", "test-keys build check"},
    {"frida-server", "Frida check"},
    {"isDebuggerConnected", "debugger check"},
    {"adb_enabled", "USB debugging check"},
    {"development_settings_enabled", "developer options check"},
    {"isDeviceRooted", "root check"},
    {"isRooted", "root check"},
    {"JailMonkey", "JailMonkey"},
    {"freerasp", "freeRASP"},
    {"com/aheaditec/talsec", "Talsec RASP"},
    // iOS: jailbreak files and URL schemes, and the detection libraries.
    {"/Applications/Cydia.app", "jailbreak check (Cydia)"},
    {"cydia://", "jailbreak check (Cydia URL scheme)"},
    {"/Library/MobileSubstrate", "jailbreak check (MobileSubstrate)"},
    {"/private/var/lib/apt", "jailbreak check (apt)"},
    {"/var/jb", "jailbreak check (rootless)"},
    {"/usr/sbin/sshd", "jailbreak check (sshd)"},
    {"IOSSecuritySuite", "IOSSecuritySuite"},
    {"DTTJailbreakDetection", "DTTJailbreakDetection"},
    {"isJailbroken", "jailbreak check"},
    {"amIJailbroken", "jailbreak check (IOSSecuritySuite)"},
};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "mobile.tamper_detection",
      .title = {.zh = "行動應用程式偵測 root、越獄與 USB 偵錯",
                .en = "A mobile app detects rooted, jailbroken and USB-debugging devices"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh = "第十九條第三項：行動應用程式啟動時，如偵測行動裝置疑似遭破解（如 root、越獄或 "
                 "USB 偵錯），"
                 "應提示使用者注意風險。",
           .en = "Art. 19.3: when the app starts and detects that the device is suspected of "
                 "being compromised (root, jailbreak or USB debugging), it shall warn the user."},
      .remediation =
          {.zh = "導入裝置完整性偵測（如 Play Integrity "
                 "API）並於啟動時提示；偵測若經混淆，請附廠商證明。",
           .en = "Add device-integrity detection (the Play Integrity API, for example) and warn "
                 "at start-up; if the detection is obfuscated, attach the vendor's evidence."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AppEvidence& evidence) {
  if (!evidence.has_package()) {
    return std::nullopt;
  }
  static const std::vector<std::string_view> marker_texts = [] {
    std::vector<std::string_view> texts;
    for (const Marker& marker : kMarkers) {
      texts.push_back(marker.text);
    }
    return texts;
  }();
  static const mobile::LiteralSet marker_set(
      marker_texts);  // one pass over the code for every marker
  std::vector<std::string> found;
  nlohmann::ordered_json markers = nlohmann::ordered_json::array();
  for (const std::size_t index : marker_set.found_in(evidence.code_strings().text())) {
    const Marker& marker = kMarkers[index];
    if (std::ranges::find(found, marker.what) == found.end()) {
      found.emplace_back(marker.what);
    }
    markers.push_back({{"marker", marker.text},
                       {"what", marker.what},
                       {"string", evidence.code_strings().line_containing(marker.text)}});
  }
  std::vector<check::Reason> reasons;
  if (found.empty()) {
    reasons.push_back({"APP_NO_TAMPER_DETECTION",
                       "no root, jailbreak or debugging detection found in the code's strings "
                       "(obfuscated detection does not show: attach the vendor's evidence)",
                       "程式字串中未見 root、越獄或偵錯偵測（經混淆者無法辨識：請附廠商證明）"});
  } else {
    reasons.push_back(
        listed("APP_TAMPER_DETECTION_FOUND", "detection found", "偵測到", found, true));
  }
  return check::Assessment::from_reasons(std::move(reasons),
                                         evidence.with_evidence
                                             ? nlohmann::ordered_json{{"found", std::move(markers)}}
                                             : nlohmann::ordered_json::object());
}

}  // namespace etguard::mobile_checks::tamper_detection
