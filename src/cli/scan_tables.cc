// The scans' tables for a terminal.
#include "cli/scan_tables.h"

#include <fmt/format.h>

namespace etguard::cli {
namespace {

std::string verdict_label(const Context& context, check::Verdict verdict) {
  switch (verdict) {
    case check::Verdict::kPass:
      return std::string(context.tr({.zh = "符合", .en = "pass"}));
    case check::Verdict::kFail:
      return std::string(context.tr({.zh = "不符合", .en = "FAIL"}));
    case check::Verdict::kNotApplicable:
      return std::string(context.tr({.zh = "不適用", .en = "n/a"}));
    case check::Verdict::kError:
      return std::string(context.tr({.zh = "無法評估", .en = "error"}));
  }
  return {};
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) {
    text += (text.empty() ? "" : ",") + item;
  }
  return text.empty() ? "-" : text;
}

}  // namespace

std::string tls_table(const Context& context, const std::vector<app::TlsEndpointResult>& results) {
  Table table({std::string(context.tr({.zh = "目標", .en = "TARGET"})),
               std::string(context.tr({.zh = "判定", .en = "VERDICT"})),
               std::string(context.tr({.zh = "原因", .en = "REASONS"})),
               std::string(context.tr({.zh = "警告", .en = "WARNINGS"})),
               std::string(context.tr({.zh = "交握數", .en = "HANDSHAKES"})),
               std::string(context.tr({.zh = "秒", .en = "SECONDS"}))});
  for (const app::TlsEndpointResult& result : results) {
    std::vector<std::string> reasons = result.summary.reasons;
    if (result.summary.verdict == check::Verdict::kError && !result.profile.error.empty()) {
      reasons.push_back(result.profile.error);
    }
    table.add({result.profile.endpoint.target, verdict_label(context, result.summary.verdict),
               join(reasons), join(result.summary.warnings),
               std::to_string(result.profile.handshakes),
               fmt::format("{:.3f}", result.profile.seconds)});
  }
  return table.render(terminal_width());
}

void print_pii_tables(const Context& context, const app::PiiScan& scan) {
  const pii::ScanSummary& summary = scan.summary;
  Table by_type({std::string(context.tr({.zh = "類型", .en = "TYPE"})),
                 std::string(context.tr({.zh = "名稱", .en = "NAME"})),
                 std::string(context.tr({.zh = "筆數", .en = "COUNT"}))});
  for (const auto& [type, count] : summary.by_type) {
    std::string title = type;
    for (std::uint16_t t = 0; t < pii::kBuiltinTypeCount; ++t) {
      if (scan.scanner->type_name(t) == type) {
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
  const double megabytes = static_cast<double>(summary.bytes) / 1e6;
  print(context.lang == Lang::kZhTw
            ? fmt::format("已掃描 {} 個檔案、{:.1f} MB，{:.2f} 秒；發現 {} 筆個資\n", summary.files,
                          megabytes, scan.seconds, summary.findings)
            : fmt::format("scanned {} files, {:.1f} MB in {:.2f} s; {} findings\n", summary.files,
                          megabytes, scan.seconds, summary.findings));
  if (summary.findings > 0) {
    print("\n" + by_type.render(terminal_width()) + "\n" + by_file.render(terminal_width()));
  }
}

}  // namespace etguard::cli
