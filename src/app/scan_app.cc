#include "app/scan_app.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>

#include "checks/mobile/run.h"
#include "checks/parallel.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/text.h"
#include "mobile/dex_strings.h"
#include "mobile/ios_package.h"
#include "mobile/xml_text.h"
#include "pii/genai_rules.h"
#include "pii/mask.h"
#include "pii/scanner.h"

namespace etguard::app {
namespace {

constexpr std::string_view kIpa = ".ipa";  // an iOS package; anything else is read as Android

Result<mobile::RegisteredApp> registered_app(Session& session, const std::string& object) {
  constexpr std::string_view kPrefix = "mobile_app/";
  if (!object.starts_with(kPrefix)) {
    return fail(ErrorKind::kUsage,
                fmt::format("--object '{}': a mobile app is named mobile_app/ID", object),
                fmt::format("--object '{}'：行動應用程式應以 mobile_app/ID 指定", object));
  }
  const std::string id = object.substr(kPrefix.size());
  std::optional<mobile::RegisteredApp> found;
  if (Status read = session.workspace().for_each_register_entry(
          "mobile_app",
          [&](assess::RegisterEntry&& entry) {
            if (entry.id != id) {
              return;
            }
            const auto detail = [&](const char* name) {
              const auto it = entry.details.find(name);
              return it == entry.details.end() ? std::string() : it->second;
            };
            const auto date = entry.dates.find("last_lab_test");
            const auto customer = entry.facts.find("customer_facing");
            found = mobile::RegisteredApp{
                .id = entry.id,
                .customer_facing = customer != entry.facts.end() && customer->second,
                .package = detail("package"),
                .permissions = comma_list(detail("permissions")),
                .signer_sha256 = comma_list(detail("signer_sha256")),
                .last_lab_test = date == entry.dates.end() ? std::string() : date->second};
          });
      !read) {
    return std::unexpected(read.error());
  }
  if (!found) {
    return fail(ErrorKind::kNotFound,
                fmt::format("{}: no such entry in the mobile_app register", object),
                fmt::format("{}：行動應用程式清冊中無此項目", object));
  }
  return std::move(*found);
}

// The PII scanner with the credential detectors of `scan genai-log` (not its
// classification labels, which code strings are full of).
Result<pii::Scanner> strings_scanner() {
  auto rules = pii::load_genai_rules("");
  if (!rules) {
    return std::unexpected(rules.error());
  }
  std::erase_if(rules->detectors, [](const pii::CustomDetector& detector) {
    return detector.name == "CLASSIFICATION_LABEL";
  });
  return pii::Scanner::create(rules->detectors);
}

// What `scanner` finds in the package's code and resource strings, masked.
std::vector<mobile_checks::SensitiveString> sensitive_strings(const pii::Scanner& scanner,
                                                              const mobile::StringTable& code,
                                                              const mobile::StringTable& resources,
                                                              bool ios) {
  std::vector<mobile_checks::SensitiveString> found;
  pii::ScanScratch scratch(scanner);
  std::vector<pii::Detection> detections;
  const auto scan = [&](std::string_view text, const char* where) {  // whole lines
    detections.clear();
    scanner.scan(text, scratch, detections);
    for (const pii::Detection& detection : detections) {
      const bool credential = detection.type >= pii::kBuiltinTypeCount;
      found.push_back(
          {where, std::string(scanner.type_name(detection.type)),
           pii::Masker::same_length(
               std::string_view(text).substr(detection.offset, detection.length), detection.type),
           credential});
    }
  };
  if (ios) {
    scan(code.text(), "executable");
  } else {
    // Type descriptors name the code and hold no data: a third of a DEX's
    // strings the scanner need not read.
    std::string literals;
    literals.reserve(code.text().size());
    std::string_view rest = code.text();
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      const std::string_view line = rest.substr(0, end);
      if (!mobile::is_type_descriptor(line)) {
        literals.append(line);
        literals.push_back('\n');
      }
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    }
    scan(literals, "classes.dex");
  }
  scan(resources.text(), ios ? "Info.plist" : "resources.arsc");
  return found;
}

// The latest release of `object` other than `version` that the workspace
// recorded (mobile.permissions evidence, not withdrawn): its version and
// permissions, as the finding's evidence kept them.
Result<std::optional<std::pair<mobile_checks::PreviousRelease, std::string>>> recorded_release(
    Session& session, const std::string& object, const std::string& version) {
  auto records = session.workspace().load_evidence();
  if (!records) {
    return std::unexpected(records.error());
  }
  std::ranges::sort(*records, std::ranges::greater(), &assess::Evidence::id);
  for (const assess::Evidence& record : *records) {
    if (record.object != object || record.check_id != "mobile.permissions" || record.withdrawn() ||
        record.sha256.empty()) {
      continue;
    }
    auto content = read_file(session.workspace().stored_file(record.sha256));
    if (!content) {
      return std::unexpected(content.error());
    }
    const auto finding = nlohmann::json::parse(*content, nullptr, false);
    const nlohmann::json* evidence =
        finding.is_object() && finding.contains("evidence") ? &finding["evidence"] : nullptr;
    if (evidence == nullptr || !evidence->contains("release") || !evidence->contains("declared")) {
      continue;  // recorded before releases were kept
    }
    mobile_checks::PreviousRelease previous;
    previous.version = (*evidence)["release"].value("version_name", "");
    if (previous.version == version) {
      continue;  // this release, scanned again
    }
    for (const auto& permission : (*evidence)["declared"]) {
      if (permission.is_string()) {
        previous.permissions.push_back(permission.get<std::string>());
      }
    }
    return std::optional(
        std::pair{std::move(previous),
                  fmt::format("recorded {} (evidence #{})", record.effective_from, record.id)});
  }
  return std::nullopt;
}

// The version and declared permissions of the package at `path` (an IPA by
// its extension, else an APK), and its application id.
Result<std::pair<mobile_checks::PreviousRelease, std::string>> release_of(const std::string& path) {
  if (path.ends_with(kIpa)) {
    auto ios = mobile::read_ios_package(path, {}, mobile::PackageScope::kManifest);
    if (!ios) {
      return std::unexpected(ios.error());
    }
    return std::pair{mobile_checks::PreviousRelease{ios->version, ios->usage_descriptions},
                     ios->bundle_id};
  }
  auto android = mobile::read_android_package(path, {}, mobile::PackageScope::kManifest);
  if (!android) {
    return std::unexpected(android.error());
  }
  return std::pair{mobile_checks::PreviousRelease{android->version_name, android->permissions},
                   android->package};
}

// The one release an object, --previous or --release judges: its version must
// be --release, its package the registered one, and its previous release is --previous, or else the
// latest other release the workspace recorded.
Status compare_release(const AppScanRequest& request, Session* session, AppScan& scan) {
  const std::string& path = request.packages.front();
  if (!request.release.empty() && request.release != scan.version()) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("--release {} but the package is version {}", request.release, scan.version()),
        fmt::format("--release {}，但套件版本為 {}", request.release, scan.version()));
  }
  if (scan.registered && !scan.registered->package.empty() &&
      scan.registered->package != scan.app_id()) {
    return fail(ErrorKind::kInput,
                fmt::format("{} is {}, but {} registers the package {} (details.package)", path,
                            scan.app_id(), request.object, scan.registered->package),
                fmt::format("{} 為 {}，但 {} 登記之套件為 {}（details.package）", path,
                            scan.app_id(), request.object, scan.registered->package));
  }
  if (!request.previous.empty()) {
    auto previous = release_of(request.previous);
    if (!previous) {
      return std::unexpected(previous.error());
    }
    if (previous->second != scan.app_id()) {
      return fail(ErrorKind::kInput,
                  fmt::format("--previous {} is {}, another app than {}", request.previous,
                              previous->second, scan.app_id()),
                  fmt::format("--previous {} 為 {}，與 {} 非同一應用程式", request.previous,
                              previous->second, scan.app_id()));
    }
    scan.previous = std::move(previous->first);
    scan.previous_from = request.previous;
  } else if (scan.registered && session != nullptr) {
    auto recorded = recorded_release(*session, request.object, scan.version());
    if (!recorded) {
      return std::unexpected(recorded.error());
    }
    if (auto& release = *recorded; release.has_value()) {
      scan.previous = std::move(release->first);
      scan.previous_from = std::move(release->second);
    }
  }
  return {};
}

}  // namespace

Result<std::vector<AppScan>> scan_apps(const AppScanRequest& request, Session* session,
                                       const Clock& clock) {
  mobile_checks::AppPolicy policy;
  policy.today = request.release_date.empty() ? clock.utc_today() : request.release_date;
  if (add_months(policy.today, 0).empty()) {
    return fail(ErrorKind::kUsage,
                fmt::format("--release-date '{}' is not YYYY-MM-DD", request.release_date),
                fmt::format("--release-date '{}' 不是 YYYY-MM-DD 格式", request.release_date));
  }
  if (request.min_sdk < 1 || request.min_sdk > 100) {
    return fail(ErrorKind::kUsage,
                fmt::format("--min-sdk {} is not an Android API level", request.min_sdk),
                fmt::format("--min-sdk {} 不是 Android API 等級", request.min_sdk));
  }
  policy.min_sdk = request.min_sdk;
  if (request.min_ios.empty() ||
      !std::isdigit(static_cast<unsigned char>(request.min_ios.front()))) {
    return fail(ErrorKind::kUsage,
                fmt::format("--min-ios '{}' is not an iOS version", request.min_ios),
                fmt::format("--min-ios '{}' 不是 iOS 版本", request.min_ios));
  }
  policy.min_ios = request.min_ios;
  if (request.packages.empty()) {
    return fail(ErrorKind::kUsage, "no package to scan", "未指定要檢測之套件");
  }
  const bool single = request.object.empty() && request.previous.empty() && request.release.empty();
  if (!single && request.packages.size() > 1) {
    return fail(ErrorKind::kUsage,
                "--object, --previous and --release judge one release: give one package",
                "--object、--previous 與 --release 判定單一版本：請只指定一個套件");
  }
  std::optional<mobile::RegisteredApp> registered;
  if (!request.object.empty()) {
    if (session == nullptr) {
      return fail(ErrorKind::kUsage, "--object needs a workspace (--workspace DIR)",
                  "--object 需指定工作區（--workspace DIR）");
    }
    auto found = registered_app(*session, request.object);
    if (!found) {
      return std::unexpected(found.error());
    }
    registered = std::move(*found);
  }
  std::optional<pii::Scanner> scanner;
  if (request.scan_strings) {
    auto created = strings_scanner();
    if (!created) {
      return std::unexpected(created.error());
    }
    scanner = std::move(*created);
  }
  // Every package read and scanned on its own thread; the first error in
  // the order given is the one reported.
  std::vector<Result<AppScan>> read(request.packages.size(), Result<AppScan>(AppScan{}));
  // The largest first, so that no large package is left to run alone at the end.
  std::vector<std::pair<std::uintmax_t, std::size_t>> order;
  for (std::size_t i = 0; i < request.packages.size(); ++i) {
    std::error_code ignored;
    const std::uintmax_t size = std::filesystem::file_size(request.packages[i], ignored);
    order.emplace_back(ignored ? 0 : size, i);
  }
  std::ranges::sort(order, std::ranges::greater());
  check::for_each_parallel(
      request.packages.size(),
      request.jobs == 0 ? std::thread::hardware_concurrency() : request.jobs,
      [&](std::size_t next) {
        const std::size_t i = order[next].second;
        const std::string& path = request.packages[i];
        AppScan& scan = *read[i];
        if (path.ends_with(kIpa)) {
          auto ios = mobile::read_ios_package(path);
          if (!ios) {
            read[i] = std::unexpected(ios.error());
            return;
          }
          scan.ios = std::move(*ios);
        } else {
          auto package = mobile::read_android_package(path);
          if (!package) {
            read[i] = std::unexpected(package.error());
            return;
          }
          scan.package = std::move(*package);
        }
        scan.policy = policy;
        scan.registered = registered;
        if (scanner) {
          scan.sensitive = scan.ios ? sensitive_strings(*scanner, scan.ios->code_strings,
                                                        scan.ios->resource_strings, true)
                                    : sensitive_strings(*scanner, scan.package.code_strings,
                                                        scan.package.resource_strings, false);
        }
        scan.file = std::filesystem::path(path).filename().string();
        scan.target = registered ? fmt::format("mobile_app/{}@{}", registered->id, scan.version())
                                 : scan.file;
      });
  std::vector<AppScan> scans;
  scans.reserve(read.size());
  for (Result<AppScan>& one : read) {
    if (!one) {
      return std::unexpected(one.error());
    }
    scans.push_back(std::move(*one));
  }
  if (!single) {
    if (Status compared = compare_release(request, session, scans.front()); !compared) {
      return std::unexpected(compared.error());
    }
  }
  return scans;
}

Result<std::string> decoded_manifest(const std::string& package) {
  if (package.ends_with(kIpa)) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("{}: --manifest decodes an Android manifest; an IPA's Info.plist is "
                    "readable with plistutil",
                    package),
        fmt::format("{}：--manifest 解碼 Android manifest；IPA 之 Info.plist 可以 plistutil 讀取",
                    package));
  }
  auto read = mobile::read_android_package(package, {}, mobile::PackageScope::kManifest);
  if (!read) {
    return std::unexpected(read.error());
  }
  return mobile::to_xml_text(read->manifest);
}

std::vector<check::Finding> app_findings(const AppScan& scan, bool with_evidence,
                                         const Clock& clock) {
  const std::string now = clock.utc_now();
  mobile_checks::AppEvidence evidence{scan.ios ? nullptr : &scan.package,
                                      scan.registered ? &*scan.registered : nullptr,
                                      scan.previous ? &*scan.previous : nullptr,
                                      &scan.policy,
                                      scan.sensitive ? &*scan.sensitive : nullptr,
                                      with_evidence,
                                      scan.ios ? &*scan.ios : nullptr};
  std::vector<check::Finding> findings =
      mobile_checks::run_mobile_checks(evidence, {scan.target, now, now});
  if (with_evidence) {
    nlohmann::ordered_json release = {{"platform", scan.ios ? "ios" : "android"},
                                      {"package", scan.app_id()},
                                      {"version_name", scan.version()},
                                      {"file", scan.file},
                                      {"sha256", scan.sha256()}};
    if (scan.ios) {
      release["build"] = scan.ios->build;
      release["executable_strings"] = scan.ios->code_strings.size();
    } else {
      release["version_code"] = scan.package.version_code;
      release["dex_strings"] = scan.package.code_strings.size();
    }
    for (check::Finding& finding : findings) {
      finding.assessment.evidence["release"] = release;
    }
  }
  return findings;
}

}  // namespace etguard::app
