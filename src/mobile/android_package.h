// An Android package (APK) as the release checks see it: the manifest's
// identity, SDK levels, permissions, flags and components, the network
// security configuration it points to, who signed it, and the strings of its
// code. Read through libzip with every entry bounded (zip bombs and
// truncated archives are input errors), and the binary formats with the
// bounded decoders beside this file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "mobile/binary_xml.h"
#include "mobile/package_entry.h"
#include "mobile/signing.h"
#include "mobile/string_table.h"

namespace etguard::mobile {

struct AppComponent {
  std::string kind;       // activity, activity-alias, service, receiver, provider
  std::string name;       // as declared (".Main" stays relative)
  bool exported = false;  // explicitly, or by the platform's default for this target SDK
  bool exported_explicitly = false;
  bool launcher = false;   // the MAIN/LAUNCHER entry point, exported by design
  std::string permission;  // android:permission (readPermission for providers)
};

struct NetworkSecurity {
  std::string file;                            // res/xml/… the manifest names; empty when none
  std::optional<bool> base_cleartext;          // <base-config cleartextTrafficPermitted>
  std::vector<std::string> cleartext_domains;  // <domain-config cleartextTrafficPermitted="true">
  bool trusts_user_certificates = false;       // <certificates src="user"> outside debug-overrides
  bool pins_certificates = false;              // a <pin-set> anywhere
};

struct AndroidPackage {
  std::string sha256;   // of the package file (hex): which binary was read
  bool bundle = false;  // an App Bundle (.aab): protobuf XML, signed with jarsigner (v1)
  std::string package;  // the application id
  std::string version_name;
  std::uint32_t version_code = 0;
  std::optional<int> min_sdk;
  std::optional<int> target_sdk;
  std::vector<std::string> permissions;  // <uses-permission> names, in manifest order
  std::optional<bool> debuggable;
  std::optional<bool> allow_backup;
  std::optional<bool> uses_cleartext_traffic;
  std::vector<AppComponent> components;
  NetworkSecurity network_security;
  ApkSigning signing;
  StringTable code_strings;      // every classes*.dex's string table
  StringTable resource_strings;  // the resource table's string values, sorted
  XmlElement manifest;           // decoded, for the record
};

// Reads the APK or App Bundle at `path` (with kManifest: the manifest alone,
// no code, signatures or SHA-256). An input error names the package, the
// entry and the position for anything malformed: not a zip, truncated, a zip
// bomb, a manifest that is not binary XML, a DEX or signing block out of
// bounds.
Result<AndroidPackage> read_android_package(const std::string& path,
                                            const PackageLimits& limits = {},
                                            PackageScope scope = PackageScope::kAll);

}  // namespace etguard::mobile
