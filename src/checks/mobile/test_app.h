// A release build as the mobile checks' tests start from: each test changes
// the one thing it judges.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "checks/mobile/app_check.h"

namespace etguard::mobile_checks::testing {

inline mobile::AndroidPackage release_build() {
  mobile::AndroidPackage app;
  app.package = "tw.example.trade";
  app.version_name = "3.1.0";
  app.min_sdk = 26;
  app.target_sdk = 34;
  app.permissions = {"android.permission.INTERNET", "android.permission.CAMERA"};
  app.debuggable = false;
  app.allow_backup = false;
  app.network_security.file = "res/xml/network_security_config.xml";
  app.network_security.base_cleartext = false;
  app.network_security.pins_certificates = true;
  app.components = {{"activity", ".Main", true, true, true, ""},
                    {"service", ".Sync", false, false, false, ""}};
  app.signing.v2 = true;
  app.signing.v3 = true;
  app.signing.signatures = {mobile::SignatureState::kVerified, {}, {}};
  X509Summary signer;
  signer.sha256 = std::string(64, 'a');
  signer.subject = "/CN=release";
  signer.key_type = "RSA";
  signer.key_bits = 3072;
  app.signing.signers = {signer};
  app.code_strings = mobile::StringTable{
      "Lcom/google/android/play/core/integrity/IntegrityManager;", "https://api.example.com.tw/"};
  return app;
}

// An iOS release build: App Store profile with the registered certificate,
// pinned App Transport Security, iOS 16 and later.
inline mobile::IosPackage ios_release() {
  mobile::IosPackage app;
  app.bundle_id = "tw.example.trade";
  app.version = "3.1.0";
  app.minimum_os = "16.0";
  app.usage_descriptions = {"NSCameraUsageDescription"};
  app.ats_pinning = true;
  app.profile.present = true;
  app.profile.kind = "app-store";
  app.profile.expires = "2027-06-30";
  X509Summary certificate;
  certificate.sha256 = std::string(64, 'a');
  certificate.key_type = "RSA";
  certificate.key_bits = 2048;
  app.profile.certificates = {certificate};
  mobile::CodeSignature code;
  code.identifier = "tw.example.trade";
  code.team = "ABCDE12345";
  code.hash = "SHA-256";
  code.pages = 3;
  code.signed_cms = true;
  code.cms_verified = true;
  code.signers = {certificate};
  app.code_signature = code;
  app.code_strings = mobile::StringTable{"IOSSecuritySuite"};
  return app;
}

inline mobile::RegisteredApp registered_app() {
  mobile::RegisteredApp app;
  app.id = "trade-app";
  app.customer_facing = true;
  app.package = "tw.example.trade";
  app.permissions = {"CAMERA"};
  app.signer_sha256 = {std::string(64, 'a')};
  app.last_lab_test = "2026-03-01";
  return app;
}

inline const AppPolicy& policy() {
  static const AppPolicy kPolicy{"2026-12-07", 24};
  return kPolicy;
}

inline bool has_reason(const check::Assessment& assessment, std::string_view code) {
  return std::ranges::any_of(assessment.reasons,
                             [&](const check::Reason& r) { return r.code == code; });
}

}  // namespace etguard::mobile_checks::testing
