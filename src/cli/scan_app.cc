// etguard scan app PACKAGE.apk — one release of a mobile app checked before it
// ships (Art. 19–20): permissions, signer, build, network, components,
// embedded secrets, tamper detection and the lab test; docs/mobile.md.
#include "app/scan_app.h"

#include <fmt/format.h>

#include "checks/output.h"
#include "cli/command.h"
#include "cli/finding_output.h"
#include "cli/open_workspace.h"
#include "cli/scan_import.h"

namespace etguard::cli {
namespace {

struct AppOptions {
  app::AppScanRequest request;
  bool no_strings = false;
  bool manifest = false;
  std::string format = "table";
  bool import = false;
};

std::string ios_header_line(const Context& context, const app::AppScan& scan,
                            const mobile::IosPackage& app) {
  const std::string profile =
      app.profile.present ? app.profile.kind : (context.lang == Lang::kZhTw ? "無" : "none");
  return context.lang == Lang::kZhTw
             ? fmt::format("{}：{} {}（建置 {}），iOS {} 以上，{} 項使用說明，佈建描述檔：{}；{}\n",
                           scan.file, app.bundle_id, app.version, app.build, app.minimum_os,
                           app.usage_descriptions.size(), profile, scan.target)
             : fmt::format(
                   "{}: {} {} (build {}), iOS {} and later, {} usage descriptions, profile: {}; "
                   "{}\n",
                   scan.file, app.bundle_id, app.version, app.build, app.minimum_os,
                   app.usage_descriptions.size(), profile, scan.target);
}

std::string header_line(const Context& context, const app::AppScan& scan) {
  if (scan.ios.has_value()) {
    return ios_header_line(context, scan, scan.ios.value());
  }
  const auto& app = scan.package;
  std::string schemes;
  for (const auto& [on, name] :
       {std::pair{app.signing.v1, "v1"}, std::pair{app.signing.v2, "v2"},
        std::pair{app.signing.v3, "v3"}, std::pair{app.signing.v31, "v3.1"}}) {
    if (on) {
      schemes += schemes.empty() ? name : std::string("+") + name;
    }
  }
  if (schemes.empty()) {
    schemes = context.lang == Lang::kZhTw ? "無" : "none";
  }
  return context.lang == Lang::kZhTw
             ? fmt::format("{}：{}{} {}（版本碼 {}），API {}–{}，{} 項權限，簽章：{}；{}\n",
                           scan.file, app.package, app.bundle ? "（App Bundle）" : "",
                           app.version_name, app.version_code, app.min_sdk.value_or(1),
                           app.target_sdk.value_or(app.min_sdk.value_or(1)), app.permissions.size(),
                           schemes, scan.target)
             : fmt::format(
                   "{}: {}{} {} (version code {}), API {}–{}, {} permissions, signatures: {}; {}\n",
                   scan.file, app.package, app.bundle ? " (App Bundle)" : "", app.version_name,
                   app.version_code, app.min_sdk.value_or(1),
                   app.target_sdk.value_or(app.min_sdk.value_or(1)), app.permissions.size(),
                   schemes, scan.target);
}

Result<int> run_scan_app(const Context& context, AppOptions options) {
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "ocsf" && format != "sarif") {
    return usage_error(
        fmt::format("unknown --format '{}'; use table, jsonl, ocsf or sarif", format),
        fmt::format("未知的 --format '{}'；請用 table、jsonl、ocsf 或 sarif", format));
  }
  if (options.import && options.request.object.empty()) {
    return usage_error(
        "--import needs --object mobile_app/ID: the evidence belongs to a registered app",
        "--import 需搭配 --object mobile_app/ID：佐證資料屬於已登錄之應用程式");
  }
  if (options.manifest) {
    for (const std::string& package : options.request.packages) {
      auto xml = app::decoded_manifest(package);
      if (!xml) {
        return std::unexpected(xml.error());
      }
      print(*xml);
    }
    return kExitOk;
  }
  options.request.scan_strings = !options.no_strings;
  // The register is read when an object is named (and a workspace is then required).
  auto session = open_session(context, options.import ? Access::kReadWrite : Access::kReadOnly);
  if (!session && !options.request.object.empty()) {
    return std::unexpected(session.error());
  }
  auto scans = app::scan_apps(options.request, session ? &*session : nullptr);
  if (!scans) {
    return std::unexpected(scans.error());
  }
  std::vector<std::vector<check::Finding>> findings;
  for (const app::AppScan& scan : *scans) {
    findings.push_back(app::app_findings(scan, format != "table" || options.import));
  }
  if (format == "sarif") {
    std::vector<check::SarifArtifact> artifacts;
    artifacts.reserve(scans->size());
    for (std::size_t i = 0; i < scans->size(); ++i) {
      artifacts.push_back({options.request.packages[i], findings[i]});
    }
    print(check::sarif_log(artifacts).dump(2, ' ', false,
                                           nlohmann::ordered_json::error_handler_t::replace) +
          "\n");
  }
  for (std::size_t i = 0; format != "sarif" && i < scans->size(); ++i) {
    const app::AppScan& scan = (*scans)[i];
    if (format != "table") {
      print(finding_lines(findings[i], format));
      continue;
    }
    print((i == 0 ? "" : "\n") + header_line(context, scan));
    if (scan.previous) {
      print(context.lang == Lang::kZhTw
                ? fmt::format("前一版本：{}（{}）\n", scan.previous->version, scan.previous_from)
                : fmt::format("previous release: {} ({})\n", scan.previous->version,
                              scan.previous_from));
    }
    print(finding_verdicts(context, findings[i]));
  }
  if (options.import) {
    if (auto imported = import_scan_findings(context, {findings.front(), options.request.object});
        !imported) {
      return std::unexpected(imported.error());
    }
  }
  const bool passed = std::ranges::all_of(findings, [](const std::vector<check::Finding>& one) {
    return std::ranges::all_of(one, [](const check::Finding& finding) {
      return finding.assessment.verdict == check::Verdict::kPass ||
             finding.assessment.verdict == check::Verdict::kNotApplicable;
    });
  });
  return passed ? kExitOk : kExitFindings;
}

}  // namespace

void add_scan_app(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<AppOptions>();
  CLI::App* command = scan.add_subcommand(
      "app", help("One release of a mobile app, checked before it ships (Art. 19–20)",
                  "行動應用程式上架前之版本檢測（第十九、二十條）"));
  command
      ->add_option("packages", options->request.packages,
                   help("the app packages: Android (.apk) or iOS (.ipa); several are read at "
                        "once, one per core",
                        "應用程式套件：Android（.apk）或 iOS（.ipa）；多個時依核心數同時讀取"))
      ->required();
  command->add_option(
      "--object", options->request.object,
      help("mobile_app/ID: compare with this register entry (details.permissions, "
           "details.signer_sha256, details.package, dates.last_lab_test, "
           "facts.customer_facing)",
           "mobile_app/ID：與此清冊項目比對（details.permissions、details.signer_sha256、"
           "details.package、dates.last_lab_test、facts.customer_facing）"));
  command->add_option(
      "--previous", options->request.previous,
      help("the previous release's package: dangerous permissions added since must be "
           "approved in the register (default with --object: the latest other release "
           "recorded by --import)",
           "前一版本之套件：自其後新增之危險權限須於清冊核准（指定 --object 時預設為以 --import "
           "記錄之最近其他版本）"));
  command->add_option(
      "--release", options->request.release,
      help("the version being released; refused unless it is the package's versionName",
           "上架之版本；須與套件之 versionName 相同"));
  command->add_option(
      "--release-date", options->request.release_date,
      help("YYYY-MM-DD the release is judged for (the lab test's year); default today",
           "判定上架之日期 YYYY-MM-DD（實驗室檢測之一年期限）；預設為今日"));
  command
      ->add_option(
          "--min-sdk", options->request.min_sdk,
          help("the oldest Android API level the firm supports", "組織支援之最舊 Android API 等級"))
      ->capture_default_str();
  command
      ->add_option("--min-ios", options->request.min_ios,
                   help("the oldest iOS version the firm supports", "組織支援之最舊 iOS 版本"))
      ->capture_default_str();
  command->add_flag("--no-strings", options->no_strings,
                    help("do not scan the package's strings for credentials and personal data",
                         "不掃描套件字串中之憑證與個人資料"));
  command->add_flag("--manifest", options->manifest,
                    help("print the decoded AndroidManifest.xml and check nothing",
                         "輸出解碼之 AndroidManifest.xml，不進行檢測"));
  command->add_option(
      "--jobs", options->request.jobs,
      help("packages read at once (default: one per core)", "同時讀取之套件數（預設為核心數）"));
  command->add_option("--format", options->format, "table | jsonl | ocsf | sarif")
      ->capture_default_str();
  command->add_flag(
      "--import", options->import,
      help("record the results as evidence on --object: ET-19.2, 19.3, 20.1, 20.3 and 20.4 "
           "(all partly)",
           "將結果記為 --object 之佐證資料：ET-19.2、19.3、20.1、20.3、20.4（皆為部分）"));
  command->footer(help.footer(
      "Reads the APK (binary manifest, resources, DEX strings, v1/v2/v3 signatures). Fails on "
      "dangerous "
      "permissions the register does not approve (or added since --previous without approval), a "
      "signer "
      "that is not the registered release certificate (a counterfeit), unsigned or v1-only "
      "packages and "
      "weak keys, debuggable builds, allowed backups, a minSdkVersion below --min-sdk, cleartext "
      "traffic, trusted user CAs, http:// endpoints, exported components without a permission, "
      "credentials or personal data in the strings, no root/jailbreak/debugging detection found, "
      "and a "
      "customer app without an accredited lab test in the year before --release-date. Without "
      "--object "
      "the register-based checks cannot judge. Exit 0 when all pass, 1 on findings, 2 on a package "
      "that "
      "cannot be read (named with the entry and byte offset) or an unknown object.",
      "讀取 APK（二進位 manifest、資源、DEX 字串、v1/v2/v3 簽章）。清冊未核准之危險權限（或自 "
      "--previous "
      "後新增而未核准者）、簽署者非登記之正式版憑證（偽冒）、未簽署或僅 v1 "
      "簽章與弱金鑰、可除錯之建置、"
      "允許備份、minSdkVersion 低於 --min-sdk、明文傳輸、信任使用者憑證機構、http:// "
      "端點、未受權限保護之"
      "對外元件、字串中之憑證或個人資料、未見 root/越獄/偵錯偵測，以及客戶使用之應用程式於 "
      "--release-date "
      "前一年內未經認證實驗室檢測，均判為不符合。未指定 --object "
      "時，依清冊之檢測無法評估。全部符合結束碼"
      "為 0，有發現為 1，套件無法讀取（指出項目與位元組位置）或對象不存在為 2。",
      "  etguard scan app app-release.apk\n"
      "  etguard --workspace ws scan app app-release.apk --object mobile_app/trade-app --previous "
      "3.0.apk\n"
      "  etguard --workspace ws scan app app-release.apk --object mobile_app/trade-app --release "
      "3.1.0 --import\n"
      "  etguard scan app app-release.apk --format sarif > etguard.sarif\n"
      "  etguard scan app build/outputs/apk/*/release/*.apk --format jsonl"));
  command->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_app(context, *options); };
  });
}

}  // namespace etguard::cli
