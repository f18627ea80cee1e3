#include "app/scan_app.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>

#include "checks/mobile/run.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/digest.h"
#include "core/text.h"
#include "mobile/xml_text.h"
#include "pii/genai_rules.h"
#include "pii/mask.h"
#include "pii/scanner.h"

namespace etguard::app {
namespace {

std::vector<std::string> list_of(const std::string& joined) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const std::size_t comma = std::min(joined.find(',', start), joined.size());
    std::string item(trim(std::string_view(joined).substr(start, comma - start)));
    if (!item.empty()) {
      items.push_back(std::move(item));
    }
    start = comma + 1;
  }
  return items;
}

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
                .permissions = list_of(detail("permissions")),
                .signer_sha256 = list_of(detail("signer_sha256")),
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
// classification labels, which code strings are full of) over the strings.
Result<std::vector<mobile_checks::SensitiveString>> sensitive_strings(
    const mobile::AndroidPackage& package) {
  auto rules = pii::load_genai_rules("");
  if (!rules) {
    return std::unexpected(rules.error());
  }
  std::erase_if(rules->detectors, [](const pii::CustomDetector& detector) {
    return detector.name == "CLASSIFICATION_LABEL";
  });
  auto scanner = pii::Scanner::create(rules->detectors);
  if (!scanner) {
    return std::unexpected(scanner.error());
  }
  std::vector<mobile_checks::SensitiveString> found;
  pii::ScanScratch scratch(*scanner);
  std::vector<pii::Detection> detections;
  const auto scan = [&](const std::vector<std::string>& strings, const char* where) {
    std::string text;
    for (const std::string& item : strings) {
      text += item;
      text += '\n';
    }
    detections.clear();
    scanner->scan(text, scratch, detections);
    for (const pii::Detection& detection : detections) {
      const bool credential = detection.type >= pii::kBuiltinTypeCount;
      found.push_back(
          {where, std::string(scanner->type_name(detection.type)),
           pii::Masker::same_length(
               std::string_view(text).substr(detection.offset, detection.length),
               credential ? pii::PiiType::kNationalId : static_cast<pii::PiiType>(detection.type)),
           credential});
    }
  };
  scan(package.code_strings, "classes.dex");
  scan(package.resource_strings, "resources.arsc");
  return found;
}

// The latest release of `object` other than `version` that the workspace
// recorded (mobile.permissions evidence, not withdrawn): its version and
// permissions, as the finding's evidence kept them.
Result<std::optional<std::pair<mobile::AndroidPackage, std::string>>> recorded_release(
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
    mobile::AndroidPackage previous;
    previous.version_name = (*evidence)["release"].value("version_name", "");
    if (previous.version_name == version) {
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

}  // namespace

Result<AppScan> scan_app(const AppScanRequest& request, Session* session, const Clock& clock) {
  AppScan scan;
  scan.policy.today = request.release_date.empty() ? clock.utc_today() : request.release_date;
  if (add_months(scan.policy.today, 0).empty()) {
    return fail(ErrorKind::kUsage,
                fmt::format("--release-date '{}' is not YYYY-MM-DD", request.release_date),
                fmt::format("--release-date '{}' 不是 YYYY-MM-DD 格式", request.release_date));
  }
  if (request.min_sdk < 1 || request.min_sdk > 100) {
    return fail(ErrorKind::kUsage,
                fmt::format("--min-sdk {} is not an Android API level", request.min_sdk),
                fmt::format("--min-sdk {} 不是 Android API 等級", request.min_sdk));
  }
  scan.policy.min_sdk = request.min_sdk;
  if (!request.object.empty()) {
    if (session == nullptr) {
      return fail(ErrorKind::kUsage, "--object needs a workspace (--workspace DIR)",
                  "--object 需指定工作區（--workspace DIR）");
    }
    auto registered = registered_app(*session, request.object);
    if (!registered) {
      return std::unexpected(registered.error());
    }
    scan.registered = std::move(*registered);
  }
  auto package = mobile::read_android_package(request.package);
  if (!package) {
    return std::unexpected(package.error());
  }
  scan.package = std::move(*package);
  if (scan.registered && !scan.registered->package.empty() &&
      scan.registered->package != scan.package.package) {
    return fail(
        ErrorKind::kInput,
        fmt::format("{} is {}, but {} registers the package {} (details.package)", request.package,
                    scan.package.package, request.object, scan.registered->package),
        fmt::format("{} 為 {}，但 {} 登記之套件為 {}（details.package）", request.package,
                    scan.package.package, request.object, scan.registered->package));
  }
  if (!request.previous.empty()) {
    auto previous = mobile::read_android_package(request.previous);
    if (!previous) {
      return std::unexpected(previous.error());
    }
    if (previous->package != scan.package.package) {
      return fail(ErrorKind::kInput,
                  fmt::format("--previous {} is {}, another app than {}", request.previous,
                              previous->package, scan.package.package),
                  fmt::format("--previous {} 為 {}，與 {} 非同一應用程式", request.previous,
                              previous->package, scan.package.package));
    }
    scan.previous = std::move(*previous);
    scan.previous_from = request.previous;
  } else if (scan.registered && session != nullptr) {
    auto recorded = recorded_release(*session, request.object, scan.package.version_name);
    if (!recorded) {
      return std::unexpected(recorded.error());
    }
    if (*recorded) {
      scan.previous = std::move((*recorded)->first);
      scan.previous_from = std::move((*recorded)->second);
    }
  }
  if (request.scan_strings) {
    auto sensitive = sensitive_strings(scan.package);
    if (!sensitive) {
      return std::unexpected(sensitive.error());
    }
    scan.sensitive = std::move(*sensitive);
    scan.strings_scanned = true;
  }
  auto digest = sha256_file(request.package);
  if (!digest) {
    return std::unexpected(digest.error());
  }
  scan.sha256 = to_hex(*digest);
  scan.file = std::filesystem::path(request.package).filename().string();
  scan.target = scan.registered ? "mobile_app/" + scan.registered->id : scan.file;
  return scan;
}

Result<std::string> decoded_manifest(const std::string& package) {
  auto read = mobile::read_android_package(package);
  if (!read) {
    return std::unexpected(read.error());
  }
  return mobile::to_xml_text(read->manifest);
}

std::vector<check::Finding> app_findings(const AppScan& scan, bool with_evidence,
                                         const Clock& clock) {
  const std::string now = clock.utc_now();
  mobile_checks::AppEvidence evidence{&scan.package,
                                      scan.registered ? &*scan.registered : nullptr,
                                      scan.previous ? &*scan.previous : nullptr,
                                      &scan.policy,
                                      scan.strings_scanned ? &scan.sensitive : nullptr,
                                      with_evidence};
  std::vector<check::Finding> findings =
      mobile_checks::run_mobile_checks(evidence, {scan.target, now, now});
  if (with_evidence) {
    const nlohmann::ordered_json release = {{"package", scan.package.package},
                                            {"version_name", scan.package.version_name},
                                            {"version_code", scan.package.version_code},
                                            {"file", scan.file},
                                            {"sha256", scan.sha256},
                                            {"dex_strings", scan.package.code_strings.size()}};
    for (check::Finding& finding : findings) {
      finding.assessment.evidence["release"] = release;
    }
  }
  return findings;
}

}  // namespace etguard::app
