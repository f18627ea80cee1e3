// etguard scan pii PATH... — the sensitive-data scanner and masker
// (Art. 8(3)(5), 19(1), 49(2)); docs/pii-scanner.md.
#include <fmt/compile.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "check/output.h"
#include "checks/registry.h"
#include "cli/command.h"
#include "cli/scan_import.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "pii/file_scan.h"
#include "pii/summary.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr std::string_view kFormatVersion = "1.0";

struct PiiScanOptions {
  std::vector<std::string> paths;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::string format = "table";
  std::string rules_file;
  std::string mask_out;
  std::string mask_mode = "same-length";
  std::string key_file;
  std::string key_uri;
  std::string summary_file;
  std::string object;
  bool import = false;
  std::size_t jobs = std::max(1U, std::thread::hardware_concurrency());
};

Result<pii::MaskMode> parse_mask_mode(const std::string& mode) {
  if (mode == "same-length") {
    return pii::MaskMode::kSameLength;
  }
  if (mode == "redact") {
    return pii::MaskMode::kRedact;
  }
  if (mode == "pseudonym") {
    return pii::MaskMode::kPseudonym;
  }
  return usage_error(
      fmt::format("unknown --mask-mode '{}'; use same-length, redact or pseudonym", mode),
      fmt::format("未知的 --mask-mode '{}'；請用 same-length、redact 或 pseudonym", mode));
}

// Where the masked copy of `input` goes: OUT itself for a single file, else OUT/<name>.
std::string mask_target(const PiiScanOptions& options, const pii::Input& input, bool single) {
  if (single) {
    return options.mask_out;
  }
  std::string name = input.name == "-" ? "stdin" : input.name;
  if (name.ends_with(".gz")) {
    name.resize(name.size() - 3);  // the masked copy is plain text
  }
  if (fs::path(name).is_absolute()) {
    name = fs::path(name).relative_path().string();
  }
  return (fs::path(options.mask_out) / name).string();
}

Status refuse_overwriting_inputs(const PiiScanOptions& options,
                                 const std::vector<pii::Input>& inputs, bool single) {
  for (const pii::Input& input : inputs) {
    std::error_code error;
    const std::string target = mask_target(options, input, single);
    if (input.path != "-" && fs::exists(target, error) &&
        fs::equivalent(input.path, target, error)) {
      return usage_error(
          fmt::format("--mask {} would overwrite the input {}; the original is never modified",
                      target, input.name),
          fmt::format("--mask {} 會覆寫輸入 {}；原始檔不得修改", target, input.name));
    }
  }
  return {};
}

// One JSONL finding. Written with fmt, not a JSON object per finding: a
// gigabyte of logs holds millions of them. Strings that are not plain ASCII or
// UTF-8 without quotes or controls go through nlohmann's escaping.
void append_finding_line(std::string& out, std::string_view file_json, std::string_view type,
                         const pii::FileFinding& finding) {
  const bool plain = std::ranges::none_of(finding.preview, [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
  const std::string preview =
      plain ? "\"" + finding.preview + "\""
            : Json(finding.preview).dump(-1, ' ', false, Json::error_handler_t::replace);
  fmt::format_to(
      std::back_inserter(out),
      FMT_COMPILE(R"({{"record":"finding","file":{},"offset":{},"length":{},"line":{},"column":{},)"
                  R"("type":"{}","masked":{}}})"
                  "\n"),
      file_json, finding.offset, finding.length, finding.line, finding.column, type, preview);
}

Json summary_json(const pii::ScanSummary& summary, double seconds) {
  Json by_file = Json::object();
  for (const auto& [file, types] : summary.by_file) {
    Json counts = Json::object();
    for (const auto& [type, count] : types) {
      counts[type] = count;
    }
    by_file[file] = counts;
  }
  Json by_type = Json::object();
  for (const auto& [type, count] : summary.by_type) {
    by_type[type] = count;
  }
  return Json{{"record", "summary"},       {"format", "etguard.pii"},
              {"version", kFormatVersion}, {"files", summary.files},
              {"bytes", summary.bytes},    {"findings", summary.findings},
              {"seconds", seconds},        {"by_type", by_type},
              {"by_file", by_file},        {"unreadable", summary.unreadable}};
}

// SARIF 2.1.0: one rule per type, one result per finding (byte region and line).
Json sarif(const pii::Scanner& scanner, const std::vector<pii::FileResult>& files) {
  Json rules = Json::array();
  for (std::size_t index = 0; index < scanner.type_count(); ++index) {
    const auto type = static_cast<std::uint16_t>(index);
    rules.push_back(
        {{"id", scanner.type_name(type)},
         {"shortDescription",
          {{"text", type < pii::kBuiltinTypeCount
                        ? std::string(pii::type_title(static_cast<pii::PiiType>(type)).en)
                        : std::string(scanner.type_name(type))}}}});
  }
  Json results = Json::array();
  for (const pii::FileResult& file : files) {
    for (const pii::FileFinding& finding : file.findings) {
      results.push_back(
          {{"ruleId", scanner.type_name(finding.type)},
           {"level", "error"},
           {"message",
            {{"text", fmt::format("{} {}", scanner.type_name(finding.type), finding.preview)}}},
           {"locations", Json::array({{{"physicalLocation",
                                        {{"artifactLocation", {{"uri", file.input.name}}},
                                         {"region",
                                          {{"byteOffset", finding.offset},
                                           {"byteLength", finding.length},
                                           {"startLine", finding.line},
                                           {"startColumn", finding.column}}}}}}})}});
    }
  }
  return Json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({{{"tool",
                                      {{"driver",
                                        {{"name", "etguard"},
                                         {"informationUri", "https://example.invalid/etguard"},
                                         {"rules", rules}}}}},
                                     {"results", results}}})}};
}

Result<int> run_scan_pii(const Context& context, const PiiScanOptions& options) {
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "sarif") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or sarif", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 sarif", format));
  }
  auto mode = parse_mask_mode(options.mask_mode);
  if (!mode) {
    return std::unexpected(mode.error());
  }
  std::vector<pii::CustomDetector> custom;
  if (!options.rules_file.empty()) {
    auto loaded = pii::load_detectors(options.rules_file);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    custom = std::move(*loaded);
  }
  auto scanner = pii::Scanner::create(std::move(custom));
  if (!scanner) {
    return std::unexpected(scanner.error());
  }
  pii::InputFilter filter;
  filter.include = options.include;
  filter.exclude = options.exclude;
  auto inputs = pii::collect_inputs(
      options.paths.empty() ? std::vector<std::string>{"-"} : options.paths, filter);
  if (!inputs) {
    return std::unexpected(inputs.error());
  }
  std::optional<pii::Masker> masker;
  const bool single = inputs->size() == 1 && options.paths.size() <= 1 &&
                      (options.paths.empty() || !fs::is_directory(options.paths.front()));
  if (!options.mask_out.empty()) {
    pii::Keyed keyed;
    if (*mode == pii::MaskMode::kPseudonym) {
      if (options.key_file.empty() == options.key_uri.empty()) {
        return usage_error("--mask-mode pseudonym needs --key-file FILE or --key-uri PKCS11-URI",
                           "--mask-mode pseudonym 需搭配 --key-file 檔案 或 --key-uri PKCS#11 URI");
      }
      bool created = false;
      auto loaded = options.key_file.empty() ? pii::keyed_from_token(options.key_uri, created)
                                             : pii::keyed_from_file(options.key_file);
      if (!loaded) {
        return std::unexpected(loaded.error());
      }
      if (created) {
        fmt::print(stderr, "{}\n",
                   context.tr({.zh = "已於 PKCS#11 權杖上建立假名化 HMAC 金鑰",
                               .en = "created the pseudonym HMAC key on the PKCS#11 token"}));
      }
      keyed = std::move(*loaded);
    }
    if (auto safe = refuse_overwriting_inputs(options, *inputs, single); !safe) {
      return std::unexpected(safe.error());
    }
    masker.emplace(*scanner, *mode, std::move(keyed));
  }

  const bool progress = ::isatty(STDERR_FILENO) == 1 && format == "table";
  const auto started = std::chrono::steady_clock::now();
  std::uint64_t scanned = 0;
  pii::ScanSettings settings;
  settings.jobs = options.jobs;
  settings.previews = format != "table";
  settings.masker = masker ? &*masker : nullptr;
  if (progress) {
    settings.progress = [&](std::uint64_t bytes) {
      scanned += bytes;
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      fmt::print(stderr, "\r\033[K{:.1f} MB, {:.0f} MB/s", static_cast<double>(scanned) / 1e6,
                 seconds > 0 ? static_cast<double>(scanned) / 1e6 / seconds : 0.0);
    };
  }

  pii::ScanSummary summary;
  summary.paths = options.paths;
  std::vector<pii::FileResult> results;
  std::vector<std::uint64_t> counts(scanner->type_count());
  std::string file_json;
  std::string out;
  if (format == "jsonl") {
    settings.sink = [&](const pii::Input& /*input*/, std::vector<pii::FileFinding>& findings) {
      out.clear();
      for (const pii::FileFinding& finding : findings) {
        ++counts.at(finding.type);
        append_finding_line(out, file_json, scanner->type_name(finding.type), finding);
      }
      print(out);
    };
  } else if (format == "table") {
    settings.sink = [&](const pii::Input& /*input*/, std::vector<pii::FileFinding>& findings) {
      for (const pii::FileFinding& finding : findings) {
        ++counts.at(finding.type);
      }
    };
  }
  for (const pii::Input& input : *inputs) {
    settings.mask_path = masker ? mask_target(options, input, single) : std::string();
    file_json = Json(input.name).dump(-1, ' ', false, Json::error_handler_t::replace);
    std::ranges::fill(counts, 0);
    auto result = pii::scan_file(*scanner, input, settings);
    if (!result) {
      summary.unreadable.push_back(result.error().message);
      print_error(context, result.error());
      continue;
    }
    ++summary.files;
    summary.bytes += result->bytes;
    for (const pii::FileFinding& finding : result->findings) {
      ++counts.at(finding.type);  // sarif: the findings stay in the result
    }
    for (std::size_t type = 0; type < counts.size(); ++type) {
      if (counts[type] > 0) {
        const std::string name(scanner->type_name(static_cast<std::uint16_t>(type)));
        summary.findings += counts[type];
        summary.by_type[name] += counts[type];
        summary.by_file[input.name][name] = counts[type];
      }
    }
    if (format == "sarif") {
      results.push_back(std::move(*result));
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (progress) {
    fmt::print(stderr, "\r\033[K");
  }
  if (!options.summary_file.empty()) {
    if (auto written = write_file_atomically(
            options.summary_file,
            summary_json(summary, seconds).dump(2, ' ', false, Json::error_handler_t::replace) +
                "\n");
        !written) {
      return std::unexpected(written.error());
    }
  }
  if (format == "sarif") {
    print_json(sarif(*scanner, results));
  } else if (format == "table") {
    Table by_type({std::string(context.tr({.zh = "類型", .en = "TYPE"})),
                   std::string(context.tr({.zh = "名稱", .en = "NAME"})),
                   std::string(context.tr({.zh = "筆數", .en = "COUNT"}))});
    for (const auto& [type, count] : summary.by_type) {
      std::string title = type;
      for (std::uint16_t t = 0; t < pii::kBuiltinTypeCount; ++t) {
        if (scanner->type_name(t) == type) {
          title = std::string(context.tr(pii::type_title(static_cast<pii::PiiType>(t))));
        }
      }
      by_type.add({type, title, std::to_string(count)});
    }
    Table by_file({std::string(context.tr({.zh = "檔案", .en = "FILE"})),
                   std::string(context.tr({.zh = "筆數", .en = "COUNT"})),
                   std::string(context.tr({.zh = "類型", .en = "TYPES"}))});
    for (const auto& [file, types] : summary.by_file) {
      std::uint64_t count = 0;
      std::string names;
      for (const auto& [type, n] : types) {
        count += n;
        names += (names.empty() ? "" : ",") + type;
      }
      by_file.add({file, std::to_string(count), names});
    }
    const std::string headline =
        context.lang == Lang::kZhTw
            ? fmt::format("已掃描 {} 個檔案、{:.1f} MB，{:.2f} 秒；發現 {} 筆個資\n", summary.files,
                          static_cast<double>(summary.bytes) / 1e6, seconds, summary.findings)
            : fmt::format("scanned {} files, {:.1f} MB in {:.2f} s; {} findings\n", summary.files,
                          static_cast<double>(summary.bytes) / 1e6, seconds, summary.findings);
    print(headline);
    if (summary.findings > 0) {
      print("\n" + by_type.render(terminal_width()) + "\n" + by_file.render(terminal_width()));
    }
  }
  if (options.import) {
    const pii_checks::PiiCheck& check = checks::pii_checks().front();
    check::Finding finding;
    finding.check = &check.metadata();
    std::string target;
    for (const std::string& path : options.paths) {
      target += (target.empty() ? "" : " ") + path;
    }
    finding.target = target.empty() ? "-" : target;
    finding.assessment = check.evaluate(summary);
    finding.started_at = utc_now();
    finding.finished_at = finding.started_at;
    ImportRequest request;
    request.object = options.object;
    request.findings.push_back(std::move(finding));
    if (auto imported = import_findings(context, request); !imported) {
      return std::unexpected(imported.error());
    }
  }
  if (!summary.unreadable.empty()) {
    return fail(ErrorKind::kInput,
                fmt::format("{} input(s) could not be scanned", summary.unreadable.size()),
                fmt::format("{} 個輸入無法掃描", summary.unreadable.size()));
  }
  return summary.findings > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void add_scan_pii(CLI::App& scan, Action& selected) {
  auto options = std::make_shared<PiiScanOptions>();
  CLI::App* pii = scan.add_subcommand(
      "pii", "Personal-data scanner and masker (Art. 8, 19, 49) / 個資掃描與遮罩");
  pii->add_option("paths", options->paths,
                  "files or directories (recursive; gzip read as text); - or nothing: stdin");
  pii->add_option("--include", options->include, "only files matching this glob (repeatable)");
  pii->add_option("--exclude", options->exclude, "skip files matching this glob (repeatable)");
  pii->add_option("--format", options->format, "table | jsonl | sarif")->capture_default_str();
  pii->add_option("--summary", options->summary_file,
                  "also write the counts by type and by file as JSON (etguard.pii 1.0)");
  pii->add_option("--rules", options->rules_file,
                  "YAML file of extra detectors (docs/pii-scanner.md)");
  pii->add_option("--mask", options->mask_out,
                  "write a masked copy: a file for one input file, else a directory");
  pii->add_option("--mask-mode", options->mask_mode, "same-length | redact | pseudonym")
      ->capture_default_str();
  pii->add_option("--key-file", options->key_file,
                  "HMAC key for --mask-mode pseudonym (>= 16 bytes; keep it secret)");
  pii->add_option("--key-uri", options->key_uri,
                  "PKCS#11 URI of the HMAC key for pseudonyms (created on first use; PIN from "
                  "ETGUARD_PKCS11_PIN)");
  pii->add_option("--jobs", options->jobs, "threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  pii->add_flag("--import", options->import,
                "record the result as evidence for ET-8.3.5, ET-19.1, ET-49.2");
  pii->add_option("--object", options->object, "register object for --import (SUBJECT/ID)");
  pii->footer(
      "Exit 0 when nothing is found, 1 when findings exist, 2 on bad input.\n"
      "Examples:\n"
      "  etguard scan pii /var/log/app --include '*.log' --exclude 'debug/*'\n"
      "  cd corpus && etguard scan pii . --format jsonl > findings.jsonl\n"
      "  etguard scan pii sms-templates.txt --mask masked.txt\n"
      "  etguard scan pii exports/ --mask masked/ --mask-mode pseudonym --key-file pii.key\n"
      "  zcat old.log.gz | etguard scan pii --format sarif > pii.sarif\n"
      "  etguard scan pii logs/ --import --object cloud/log-platform");
  pii->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_pii(context, *options); };
  });
}

}  // namespace etguard::cli
