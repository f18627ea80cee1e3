// etguard scan pii PATH... — the sensitive-data scanner and masker
// (Art. 8(3)(5), 19(1), 49(2)); docs/pii-scanner.md.
#include "app/scan_pii.h"

#include <fmt/format.h>

#include <thread>

#include "cli/command.h"
#include "cli/progress.h"
#include "cli/scan_import.h"
#include "cli/scan_tables.h"
#include "core/atomic_file.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct PiiScanOptions {
  app::PiiScanRequest request;
  std::string format = "table";
  std::string summary_file;
  std::string object;
  bool import = false;
  app::PushTarget push;
};

Result<int> run_scan_pii(const Context& context, PiiScanOptions options) {
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "sarif") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or sarif", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 sarif", format));
  }
  options.request.previews = format != "table";
  options.request.keep_findings = format == "sarif";
  app::PiiScanEvents events;
  std::string lines;
  if (format == "jsonl") {
    events.findings = [&lines](const pii::Scanner& scanner, const pii::Input& input,
                               std::vector<pii::FileFinding>& findings) {
      lines.clear();
      const std::string file =
          Json(input.name).dump(-1, ' ', false, Json::error_handler_t::replace);
      for (const pii::FileFinding& finding : findings) {
        pii::append_finding_line(lines, file, scanner.type_name(finding.type), finding);
      }
      print(lines);
    };
  }
  ProgressLine progress(format == "table");
  if (progress.shown()) {
    events.progress = [&progress](std::uint64_t bytes) { progress.add_bytes(bytes); };
  }
  events.unreadable = [&context](const Error& error) { print_error(context, error); };
  events.note = [](const std::string& note) { fmt::print(stderr, "etguard: note: {}\n", note); };
  events.key_created = [&context] {
    fmt::print(stderr, "{}\n",
               context.tr({.zh = "已於 PKCS#11 權杖上建立假名化 HMAC 金鑰",
                           .en = "created the pseudonym HMAC key on the PKCS#11 token"}));
  };
  auto scan = app::scan_pii(options.request, events);
  progress.clear();
  if (!scan) {
    return std::unexpected(scan.error());
  }
  if (!options.summary_file.empty()) {
    const Json summary = pii::summary_json(scan->summary, scan->seconds);
    if (auto written = write_file_atomically(
            options.summary_file,
            summary.dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
        !written) {
      return std::unexpected(written.error());
    }
  }
  if (format == "sarif") {
    print_json(pii::sarif(*scan->scanner, scan->files));
  } else if (format == "table") {
    print_pii_tables(context, *scan);
  }
  if (options.import || !options.push.url.empty()) {
    if (auto imported = import_scan_findings(
            context, {app::pii_check_findings(*scan), options.object}, options.push);
        !imported) {
      return std::unexpected(imported.error());
    }
  }
  if (!scan->summary.unreadable.empty()) {
    return fail(ErrorKind::kInput,
                fmt::format("{} input(s) could not be scanned", scan->summary.unreadable.size()),
                fmt::format("{} 個輸入無法掃描", scan->summary.unreadable.size()));
  }
  return scan->summary.findings > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void add_scan_pii(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<PiiScanOptions>();
  options->request.jobs = std::max(1U, std::thread::hardware_concurrency());
  CLI::App* pii =
      scan.add_subcommand("pii", help("Personal-data scanner and masker (Art. 8, 19, 49)",
                                      "個人資料掃描與遮罩（第八、十九、四十九條）"));
  pii->add_option("paths", options->request.paths,
                  help("files or directories (recursive; gzip read as text); - or nothing: stdin",
                       "檔案或目錄（遞迴；gzip 以文字讀取）；- 或未指定時為標準輸入"));
  pii->add_option(
      "--include", options->request.include,
      help("only files matching this glob (repeatable)", "僅掃描符合此樣式之檔案（可重複）"));
  pii->add_option(
      "--exclude", options->request.exclude,
      help("skip files matching this glob (repeatable)", "略過符合此樣式之檔案（可重複）"));
  pii->add_option("--format", options->format, "table | jsonl | sarif")->capture_default_str();
  pii->add_option("--summary", options->summary_file,
                  help("also write the counts by type and by file as JSON (etguard.pii 1.0)",
                       "另以 JSON 寫出依類型及依檔案之統計（etguard.pii 1.0）"));
  pii->add_option("--rules", options->request.rules_file,
                  help("YAML file of extra detectors (docs/pii-scanner.md)",
                       "額外偵測規則之 YAML 檔（見 docs/pii-scanner.md）"));
  pii->add_option("--mask", options->request.mask_out,
                  help("write a masked copy: a file for one input file, else a directory",
                       "寫出遮罩後之副本：單一輸入檔時為檔案，否則為目錄"));
  pii->add_option("--mask-mode", options->request.mask_mode,
                  help("same-length | redact | pseudonym",
                       "same-length（等長遮罩）| redact（刪除）| pseudonym（假名）"))
      ->capture_default_str();
  pii->add_option("--key-file", options->request.key_file,
                  help("HMAC key for --mask-mode pseudonym (>= 16 bytes; keep it secret)",
                       "--mask-mode pseudonym 之 HMAC 金鑰（至少 16 位元組；應妥善保密）"));
  pii->add_option("--key-uri", options->request.key_uri,
                  help("PKCS#11 URI of the HMAC key for pseudonyms (created on first use; PIN "
                       "from ETGUARD_PKCS11_PIN)",
                       "假名用 HMAC 金鑰之 PKCS#11 URI（首次使用時產生；PIN 取自 "
                       "ETGUARD_PKCS11_PIN）"));
  pii->add_option("--jobs", options->request.jobs, help("threads", "執行緒數"))
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  pii->add_flag("--import", options->import,
                help("record the result as evidence for ET-8.3.5, ET-19.1, ET-49.2",
                     "將結果記為 ET-8.3.5、ET-19.1、ET-49.2 之佐證資料"));
  add_push_options(*pii, options->push, help);
  pii->add_option(
      "--object", options->object,
      help("register object for --import (SUBJECT/ID)", "--import 所對應之清冊對象（類別/編號）"));
  pii->footer(help.footer(
      "Exit 0 when nothing is found, 1 when findings exist, 2 on bad input.",
      "無發現事項時結束碼為 0，有發現事項時為 1，輸入錯誤時為 2。",
      "  etguard scan pii /var/log/app --include '*.log' --exclude 'debug/*'\n"
      "  cd corpus && etguard scan pii . --format jsonl > findings.jsonl\n"
      "  etguard scan pii sms-templates.txt --mask masked.txt\n"
      "  etguard scan pii exports/ --mask masked/ --mask-mode pseudonym --key-file pii.key\n"
      "  zcat old.log.gz | etguard scan pii --format sarif > pii.sarif\n"
      "  etguard scan pii logs/ --import --object cloud/log-platform"));
  pii->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_pii(context, *options); };
  });
}

}  // namespace etguard::cli
