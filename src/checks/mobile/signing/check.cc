// mobile.signing: the release is signed by the firm's registered release
// certificate, with a scheme and key that resist tampering. Fails when the
// package is unsigned, signed with the v1 JAR scheme only (its content
// can be altered without breaking the signature: CVE-2017-13156, Janus), with
// an RSA or DSA key under 2048 bits or an EC key under 256, and — compared
// with the register — when its signer is none of details.signer_sha256: a
// package of the app signed by another key is a counterfeit (ET-19.2). A
// signer that descends from a registered one by v3 key rotation passes with a
// warning to register the new certificate. Without details.signer_sha256 the
// signer cannot be judged (error). An App Bundle is judged by its upload
// key's certificate, and its v1 signature is its normal form. On iOS: the executable's
// code signature must hold (pages, CMS, bundle id) by a registered certificate, under an
// App Store provisioning profile that has not expired. Partly ET-19.2: the
// check is the mechanism's test of one package; finding counterfeits in stores is more.
#include "checks/mobile/signing/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>

namespace etguard::mobile_checks::signing {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-19.2"};

bool weak_key(const X509Summary& certificate) {
  if (certificate.key_type == "RSA" || certificate.key_type == "RSA-PSS" ||
      certificate.key_type == "DSA") {
    return certificate.key_type == "DSA" || certificate.key_bits < 2048;
  }
  return certificate.key_type == "EC" && certificate.key_bits < 256;
}

std::string lower(std::string text) {
  std::ranges::transform(text, text.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::erase(text, ':');
  return text;
}

bool registered(const mobile::RegisteredApp& app, const std::string& sha256) {
  return std::ranges::any_of(app.signer_sha256,
                             [&](const std::string& item) { return lower(item) == sha256; });
}

nlohmann::ordered_json describe(const X509Summary& certificate) {
  return {{"sha256", certificate.sha256},
          {"subject", certificate.subject},
          {"key_type", certificate.key_type},
          {"key_bits", certificate.key_bits},
          {"signature_algorithm", certificate.signature_algorithm},
          {"not_after", certificate.not_after}};
}

// A reason naming the weak keys among `certificates`, if any.
void add_weak_keys(std::span<const X509Summary> certificates, std::vector<check::Reason>& reasons) {
  std::vector<std::string> weak;
  for (const X509Summary& certificate : certificates) {
    if (weak_key(certificate)) {
      weak.push_back(fmt::format("{} {}-bit ({})", certificate.key_type, certificate.key_bits,
                                 certificate.sha256.substr(0, 16)));
    }
  }
  if (!weak.empty()) {
    reasons.push_back(
        listed("APP_WEAK_SIGNING_KEY", "weak signing keys", "簽署金鑰強度不足", weak));
  }
}

check::Reason not_compared() {
  return {"APP_SIGNER_NOT_COMPARED",
          "the signer was not compared with a register entry (give --object)",
          "簽署者未與清冊比對（請以 --object 指定）", true};
}

// The register records no release certificate: nothing to compare with is
// never a pass.
check::Assessment unregistered(const mobile::RegisteredApp& app, std::vector<check::Reason> reasons,
                               nlohmann::ordered_json record) {
  check::Assessment judged = check::Assessment::from_reasons(std::move(reasons), std::move(record));
  judged.add(
      {"APP_SIGNER_NOT_REGISTERED",
       fmt::format("mobile_app/{} records no release certificate (details.signer_sha256)", app.id),
       fmt::format("mobile_app/{} 未登記正式版憑證（details.signer_sha256）", app.id)});
  if (judged.verdict == Verdict::kPass) {
    judged.verdict = Verdict::kError;
  }
  return judged;
}

// The reasons the executable's code signature gives: none, ad hoc, altered
// pages, a CMS signature that does not hold, another bundle id.
void add_code_signature(const mobile::IosPackage& ios, std::vector<check::Reason>& reasons) {
  if (!ios.code_signature) {
    reasons.push_back(
        {"APP_UNSIGNED", "the executable carries no code signature", "執行檔未帶程式碼簽章"});
    return;
  }
  const mobile::CodeSignature& code = *ios.code_signature;
  if (!code.signed_cms) {
    reasons.push_back({"APP_UNSIGNED",
                       "the executable is signed ad hoc, without a certificate: not a release",
                       "執行檔為無憑證之臨時（ad hoc）簽章，非正式版"});
  } else if (!code.cms_verified) {
    reasons.push_back({"APP_SIGNATURE_INVALID",
                       "the CMS signature does not hold over the CodeDirectory: the signature was "
                       "altered or taken from another build",
                       "CMS 簽章與 CodeDirectory 不符：簽章遭修改或取自其他建置"});
  }
  if (code.altered > 0) {
    reasons.push_back(
        {"APP_SIGNATURE_INVALID",
         fmt::format("{} of {} code pages no longer match their signed hash: the executable was "
                     "altered after signing",
                     code.altered, code.pages),
         fmt::format("{} 個程式碼頁（共 {} 個）與簽署之雜湊不符：執行檔於簽署後遭修改",
                     code.altered, code.pages)});
  }
  if (code.identifier != ios.bundle_id) {
    reasons.push_back(
        {"APP_SIGNATURE_INVALID",
         fmt::format("the code was signed as '{}', not as the bundle '{}'", code.identifier,
                     ios.bundle_id),
         fmt::format("程式碼簽署為「{}」，非套件「{}」", code.identifier, ios.bundle_id)});
  }
}

nlohmann::ordered_json describe_code(const mobile::IosPackage& ios) {
  if (!ios.code_signature) {
    return nullptr;
  }
  const mobile::CodeSignature& code = *ios.code_signature;
  nlohmann::ordered_json signers = nlohmann::ordered_json::array();
  std::ranges::transform(code.signers, std::back_inserter(signers), describe);
  return {{"identifier", code.identifier},
          {"team", code.team},
          {"hash", code.hash},
          {"pages", code.pages},
          {"altered_pages", code.altered},
          {"cms_verified", code.cms_verified},
          {"signers", std::move(signers)}};
}

// An iOS release: the executable's code signature holds (every page hashed
// as signed, the CMS signature over the CodeDirectory, signed as the
// bundle), by a certificate the register names, under an App Store
// provisioning profile that has not expired. The CMS signer is checked with
// the key its certificate carries; the chain to Apple's CA is not (offline,
// and the register's fingerprint is the identity that matters).
check::Assessment judge_ios(const mobile::IosPackage& ios, const AppEvidence& evidence) {
  const mobile::ProvisioningProfile& profile = ios.profile;
  nlohmann::ordered_json record = nlohmann::ordered_json::object();
  if (evidence.with_evidence) {
    nlohmann::ordered_json certificates = nlohmann::ordered_json::array();
    std::ranges::transform(profile.certificates, std::back_inserter(certificates), describe);
    record = {{"profile", profile.present},
              {"kind", profile.kind},
              {"team", profile.team},
              {"expires", profile.expires},
              {"certificates", std::move(certificates)},
              {"code_signature", describe_code(ios)}};
  }
  if (!profile.present) {
    return cannot_judge(
        {"APP_NO_PROFILE",
         "no embedded provisioning profile: the signer cannot be read (a package "
         "downloaded from the App Store is re-signed by Apple; check the build uploaded)",
         "無內嵌佈建描述檔，無法讀取簽署者（自 App Store 下載者已由 Apple "
         "重新簽署；請檢測上傳之建置）"},
        std::move(record));
  }
  std::vector<check::Reason> reasons;
  if (profile.kind != "app-store") {
    reasons.push_back(
        {"APP_PROFILE_NOT_STORE",
         fmt::format("a {} provisioning profile: the build is not for the App Store", profile.kind),
         fmt::format("{} 類型之佈建描述檔：此建置非供 App Store 上架", profile.kind)});
  }
  if (!profile.expires.empty() && evidence.policy != nullptr &&
      profile.expires < evidence.policy->today) {
    reasons.push_back({"APP_PROFILE_EXPIRED",
                       fmt::format("the provisioning profile expired on {}", profile.expires),
                       fmt::format("佈建描述檔已於 {} 到期", profile.expires)});
  }
  add_code_signature(ios, reasons);
  // The signer: the code signature's, else (unsigned) the profile's certificates.
  const std::vector<X509Summary>& signers =
      ios.code_signature && !ios.code_signature->signers.empty() ? ios.code_signature->signers
                                                                 : profile.certificates;
  add_weak_keys(signers, reasons);
  if (evidence.registered == nullptr) {
    reasons.push_back(not_compared());
  } else if (evidence.registered->signer_sha256.empty()) {
    return unregistered(*evidence.registered, std::move(reasons), std::move(record));
  } else if (std::ranges::none_of(signers, [&](const X509Summary& certificate) {
               return registered(*evidence.registered, certificate.sha256);
             })) {
    std::vector<std::string> unknown;
    unknown.reserve(signers.size());
    for (const X509Summary& certificate : signers) {
      unknown.push_back(fmt::format("{} ({})", certificate.sha256, certificate.subject));
    }
    reasons.push_back(
        listed("APP_SIGNER_UNKNOWN",
               fmt::format("the code is not signed by a certificate mobile_app/{} registers: a "
                           "counterfeit unless registered",
                           evidence.registered->id),
               fmt::format("程式碼之簽署憑證非 mobile_app/{} 所登記者：除非補登記，即為偽冒",
                           evidence.registered->id),
               unknown));
  }
  return check::Assessment::from_reasons(std::move(reasons), std::move(record));
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "mobile.signing",
      .title = {.zh = "行動應用程式由登記之正式版憑證以安全方式簽署",
                .en = "A mobile app is signed securely by its registered release certificate"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kCritical,
      .rationale =
          {.zh = "第十九條第二項：應建立偽冒行動應用程式之偵測機制；簽署者非登記之憑證即為偽冒，"
                 "僅 v1 簽章或弱金鑰則使套件可被竄改。",
           .en = "Art. 19.2: a mechanism shall detect counterfeit apps; a package signed by "
                 "any certificate but the registered one is a counterfeit, and v1-only "
                 "signatures or weak keys let a package be altered."},
      .remediation =
          {.zh =
               "以 APK Signature Scheme v2 以上及 RSA 3072 位元（或 EC P-256）以上之金鑰簽署，並將"
               "正式版憑證之 SHA-256 記入清冊（details.signer_sha256）。",
           .en = "Sign with APK Signature Scheme v2 or later and an RSA 3072-bit (or EC P-256) "
                 "key or stronger, and record the release certificate's SHA-256 in the "
                 "register (details.signer_sha256)."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AppEvidence& evidence) {
  if (!evidence.has_package()) {
    return std::nullopt;
  }
  if (evidence.ios != nullptr) {
    return judge_ios(*evidence.ios, evidence);
  }
  const mobile::ApkSigning& signing = evidence.package->signing;
  std::vector<check::Reason> reasons;
  nlohmann::ordered_json record = nlohmann::ordered_json::object();
  if (evidence.with_evidence) {
    nlohmann::ordered_json signers = nlohmann::ordered_json::array();
    nlohmann::ordered_json lineage = nlohmann::ordered_json::array();
    std::ranges::transform(signing.signers, std::back_inserter(signers), describe);
    std::ranges::transform(signing.lineage, std::back_inserter(lineage), describe);
    record = {{"schemes",
               {{"v1", signing.v1}, {"v2", signing.v2}, {"v3", signing.v3}, {"v3.1", signing.v31}}},
              {"verified", signing.signatures.state == mobile::SignatureState::kVerified},
              {"signers", std::move(signers)},
              {"lineage", std::move(lineage)}};
  }
  if (!signing.signed_at_all()) {
    reasons.push_back({"APP_UNSIGNED", "the package is not signed", "套件未簽署"});
    return check::Assessment::from_reasons(std::move(reasons), std::move(record));
  }
  if (signing.signatures.state == mobile::SignatureState::kInvalid) {
    reasons.push_back(
        {"APP_SIGNATURE_INVALID",
         fmt::format("the signature does not hold ({}): the package was altered after "
                     "signing, or its signing block taken from another",
                     signing.signatures.problem),
         fmt::format("簽章驗證失敗（{}）：套件於簽署後遭修改，或其簽署區塊取自他處",
                     signing.signatures.problem_zh)});
  } else if (signing.signatures.state == mobile::SignatureState::kNotChecked) {
    const bool said = !signing.signatures.problem.empty();
    reasons.push_back(
        {"APP_SIGNATURE_NOT_VERIFIED",
         fmt::format("the signature was not verified: {}",
                     said ? signing.signatures.problem : "no signature scheme etguard verifies"),
         fmt::format("簽章未經驗證：{}",
                     said ? signing.signatures.problem_zh : "無 etguard 驗證之簽章配置"),
         true});
  }
  // A bundle is signed with jarsigner (v1) by its upload key: that is its
  // form, not a weakness; the store signs the APKs it builds from it.
  if (signing.v1 && !signing.v2 && !signing.v3 && !signing.v31 && !evidence.package->bundle) {
    reasons.push_back({"APP_V1_ONLY",
                       "signed with the v1 JAR scheme only, which does not protect the whole "
                       "package (CVE-2017-13156)",
                       "僅以 v1 JAR 簽章，未保護整個套件（CVE-2017-13156）"});
  }
  add_weak_keys(signing.signers, reasons);
  if (evidence.registered == nullptr) {
    reasons.push_back(not_compared());
    return check::Assessment::from_reasons(std::move(reasons), std::move(record));
  }
  const mobile::RegisteredApp& app = *evidence.registered;
  if (app.signer_sha256.empty()) {
    return unregistered(app, std::move(reasons), std::move(record));
  }
  std::vector<std::string> unknown;
  for (const X509Summary& signer : signing.signers) {
    if (registered(app, signer.sha256)) {
      continue;
    }
    const bool rotated_from_registered =
        std::ranges::any_of(signing.lineage,
                            [&](const X509Summary& old) { return registered(app, old.sha256); }) &&
        std::ranges::any_of(signing.lineage,
                            [&](const X509Summary& node) { return node.sha256 == signer.sha256; });
    if (rotated_from_registered) {
      reasons.push_back(
          {"APP_SIGNER_ROTATED",
           fmt::format("signed by {}, rotated from a registered certificate: register it",
                       signer.sha256),
           fmt::format("由 {} 簽署，係自登記之憑證輪替而來：請登記新憑證", signer.sha256), true});
    } else {
      unknown.push_back(fmt::format("{} ({})", signer.sha256, signer.subject));
    }
  }
  if (!unknown.empty()) {
    reasons.push_back(listed(
        "APP_SIGNER_UNKNOWN",
        fmt::format("signed by a certificate mobile_app/{} does not register: a counterfeit unless "
                    "registered",
                    app.id),
        fmt::format("簽署憑證非 mobile_app/{} 所登記者：除非補登記，即為偽冒", app.id), unknown));
  }
  return check::Assessment::from_reasons(std::move(reasons), std::move(record));
}

}  // namespace etguard::mobile_checks::signing
