// Android's permissions of protection level "dangerous" (runtime permissions,
// frameworks/base core/res/AndroidManifest.xml up to API 34), and the special
// ones a reviewer must weigh like them (drawing over other apps, installing
// packages, all-files access).
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace etguard::mobile_checks {

inline constexpr std::array<std::string_view, 46> kDangerousPermissions{
    "ACCEPT_HANDOVER",
    "ACCESS_BACKGROUND_LOCATION",
    "ACCESS_COARSE_LOCATION",
    "ACCESS_FINE_LOCATION",
    "ACCESS_MEDIA_LOCATION",
    "ACTIVITY_RECOGNITION",
    "ADD_VOICEMAIL",
    "ANSWER_PHONE_CALLS",
    "BLUETOOTH_ADVERTISE",
    "BLUETOOTH_CONNECT",
    "BLUETOOTH_SCAN",
    "BODY_SENSORS",
    "BODY_SENSORS_BACKGROUND",
    "CALL_PHONE",
    "CAMERA",
    "GET_ACCOUNTS",
    "MANAGE_EXTERNAL_STORAGE",
    "NEARBY_WIFI_DEVICES",
    "POST_NOTIFICATIONS",
    "PROCESS_OUTGOING_CALLS",
    "READ_CALENDAR",
    "READ_CALL_LOG",
    "READ_CONTACTS",
    "READ_EXTERNAL_STORAGE",
    "READ_MEDIA_AUDIO",
    "READ_MEDIA_IMAGES",
    "READ_MEDIA_VIDEO",
    "READ_MEDIA_VISUAL_USER_SELECTED",
    "READ_PHONE_NUMBERS",
    "READ_PHONE_STATE",
    "READ_SMS",
    "RECEIVE_MMS",
    "RECEIVE_SMS",
    "RECEIVE_WAP_PUSH",
    "RECORD_AUDIO",
    "REQUEST_INSTALL_PACKAGES",
    "SEND_SMS",
    "SYSTEM_ALERT_WINDOW",
    "USE_SIP",
    "UWB_RANGING",
    "WRITE_CALENDAR",
    "WRITE_CALL_LOG",
    "WRITE_CONTACTS",
    "WRITE_EXTERNAL_STORAGE",
    "WRITE_SETTINGS",
    "BIND_ACCESSIBILITY_SERVICE"};

// "android.permission.CAMERA" and "CAMERA" name the same permission.
inline std::string_view short_permission(std::string_view name) {
  constexpr std::string_view kPrefix = "android.permission.";
  return name.starts_with(kPrefix) ? name.substr(kPrefix.size()) : name;
}

inline bool is_dangerous(std::string_view name) {
  return std::ranges::find(kDangerousPermissions, short_permission(name)) !=
         kDangerousPermissions.end();
}

}  // namespace etguard::mobile_checks
