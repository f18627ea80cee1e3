#include "app/scan_pii.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "checks/pii/run.h"
#include "pii/file_scan.h"

namespace etguard::app {
namespace {

namespace fs = std::filesystem;

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
  return fail(ErrorKind::kUsage,
              fmt::format("unknown --mask-mode '{}'; use same-length, redact or pseudonym", mode),
              fmt::format("未知的 --mask-mode '{}'；請用 same-length、redact 或 pseudonym", mode));
}

// Where the masked copy of `input` goes: OUT itself for a single file, else OUT/<name>.
std::string mask_target(const PiiScanRequest& request, const pii::Input& input, bool single) {
  if (single) {
    return request.mask_out;
  }
  std::string name = input.name == "-" ? "stdin" : input.name;
  if (name.ends_with(".gz")) {
    name.resize(name.size() - 3);  // the masked copy is plain text
  }
  if (fs::path(name).is_absolute()) {
    name = fs::path(name).relative_path().string();
  }
  return (fs::path(request.mask_out) / name).string();
}

Status refuse_overwriting_inputs(const PiiScanRequest& request,
                                 const std::vector<pii::Input>& inputs, bool single) {
  for (const pii::Input& input : inputs) {
    std::error_code error;
    const std::string target = mask_target(request, input, single);
    if (input.path != "-" && fs::exists(target, error) &&
        fs::equivalent(input.path, target, error)) {
      return fail(
          ErrorKind::kUsage,
          fmt::format("--mask {} would overwrite the input {}; the original is never modified",
                      target, input.name),
          fmt::format("--mask {} 會覆寫輸入 {}；原始檔不得修改", target, input.name));
    }
  }
  return {};
}

Result<pii::Keyed> pseudonym_key(const PiiScanRequest& request, const PiiScanEvents& events) {
  if (request.key_file.empty() == request.key_uri.empty()) {
    return fail(ErrorKind::kUsage,
                "--mask-mode pseudonym needs --key-file FILE or --key-uri PKCS11-URI",
                "--mask-mode pseudonym 需搭配 --key-file 檔案 或 --key-uri PKCS#11 URI");
  }
  bool created = false;
  auto loaded = request.key_file.empty() ? pii::keyed_from_token(request.key_uri, created)
                                         : pii::keyed_from_file(request.key_file);
  if (loaded && created && events.key_created) {
    events.key_created();
  }
  return loaded;
}

// Adds one file's counts by type to the summary.
void count(pii::ScanSummary& summary, const pii::Scanner& scanner, const std::string& file,
           const std::vector<std::uint64_t>& counts) {
  for (std::size_t type = 0; type < counts.size(); ++type) {
    if (counts[type] > 0) {
      const std::string name(scanner.type_name(static_cast<std::uint16_t>(type)));
      summary.findings += counts[type];
      summary.by_type[name] += counts[type];
      summary.by_file[file][name] = counts[type];
    }
  }
}

}  // namespace

Result<PiiScan> scan_pii(const PiiScanRequest& request, const PiiScanEvents& events) {
  auto mode = parse_mask_mode(request.mask_mode);
  if (!mode) {
    return std::unexpected(mode.error());
  }
  std::vector<pii::CustomDetector> custom;
  if (!request.rules_file.empty()) {
    auto loaded = pii::load_detectors(request.rules_file);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    custom = std::move(*loaded);
  }
  PiiScan scan;
  auto scanner = pii::Scanner::create(std::move(custom));
  if (!scanner) {
    return std::unexpected(scanner.error());
  }
  scan.scanner = std::make_unique<pii::Scanner>(std::move(*scanner));
  const pii::Scanner& detector = *scan.scanner;
  pii::InputFilter filter{request.include, request.exclude};
  auto inputs = pii::collect_inputs(
      request.paths.empty() ? std::vector<std::string>{"-"} : request.paths, filter);
  if (!inputs) {
    return std::unexpected(inputs.error());
  }
  // What could not be read is skipped, counted in the summary and told.
  const auto unreadable = [&](const Error& error) {
    scan.summary.unreadable.push_back(error.message);
    if (events.unreadable) {
      events.unreadable(error);
    }
  };
  std::ranges::for_each(inputs->unreadable, unreadable);
  std::optional<pii::Masker> masker;
  const bool single = inputs->inputs.size() == 1 && request.paths.size() <= 1 &&
                      (request.paths.empty() || !fs::is_directory(request.paths.front()));
  if (!request.mask_out.empty()) {
    pii::Keyed keyed;
    if (*mode == pii::MaskMode::kPseudonym) {
      auto loaded = pseudonym_key(request, events);
      if (!loaded) {
        return std::unexpected(loaded.error());
      }
      keyed = std::move(*loaded);
    }
    if (auto safe = refuse_overwriting_inputs(request, inputs->inputs, single); !safe) {
      return std::unexpected(safe.error());
    }
    masker.emplace(detector, *mode, std::move(keyed));
  }

  const auto started = std::chrono::steady_clock::now();
  pii::ScanSettings settings;
  settings.jobs = request.jobs;
  settings.previews = request.previews;
  settings.masker = masker ? &*masker : nullptr;
  settings.progress = events.progress;
  scan.summary.paths = request.paths;
  std::vector<std::uint64_t> counts(detector.type_count());
  if (!request.keep_findings) {
    settings.sink = [&](const pii::Input& input, std::vector<pii::FileFinding>& findings) {
      for (const pii::FileFinding& finding : findings) {
        ++counts.at(finding.type);
      }
      if (events.findings) {
        events.findings(detector, input, findings);
      }
    };
  }
  for (const pii::Input& input : inputs->inputs) {
    settings.mask_path = masker ? mask_target(request, input, single) : std::string();
    std::ranges::fill(counts, 0);
    auto result = pii::scan_file(detector, input, settings);
    if (!result) {
      unreadable(result.error());
      continue;
    }
    ++scan.summary.files;
    scan.summary.bytes += result->bytes;
    for (const std::uint64_t line : result->cut_lines) {
      std::string note = fmt::format(
          "{}:{}: the line is longer than {} MiB and was scanned in pieces; a value split "
          "across a cut may be missed",
          input.name, line, settings.line_bytes >> 20U);
      if (events.note) {
        events.note(note);
      }
      scan.summary.notes.push_back(std::move(note));
    }
    for (const pii::FileFinding& finding : result->findings) {
      ++counts.at(finding.type);  // kept findings stay in the result
    }
    count(scan.summary, detector, input.name, counts);
    if (request.keep_findings) {
      scan.files.push_back(std::move(*result));
    }
  }
  scan.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return scan;
}

std::vector<check::Finding> pii_check_findings(const PiiScan& scan, const Clock& clock) {
  const std::string target = scan.summary.paths.empty()
                                 ? std::string("-")
                                 : fmt::format("{}", fmt::join(scan.summary.paths, " "));
  const std::string now = clock.utc_now();
  return pii_checks::run_pii_checks(scan.summary, target, now, now);
}

}  // namespace etguard::app
