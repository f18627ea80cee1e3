#include "cloud/checkov.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "cloud/json_document.h"
#include "cloud/sarif.h"
#include "core/text.h"

namespace etguard::cloud {
namespace {

using nlohmann::json;

constexpr std::uintmax_t kLargestReport = std::uintmax_t{512} << 20U;

// "aws" for CKV_AWS_19 and CKV2_AWS_6; empty for other ids.
std::string provider_of(std::string_view check_id) {
  const std::size_t first = check_id.find('_');
  const std::size_t second = check_id.find('_', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) {
    return {};
  }
  return ascii_lower(check_id.substr(first + 1, second - first - 1));
}

class Reader {
 public:
  Reader(const std::string& path, const PostureSink& sink, CodeScanSummary& summary)
      : path_(path), sink_(sink), summary_(summary) {}

  // One report of `checkov -o json` (a framework's check_type and results).
  Status report(const json& report, std::size_t index) {
    if (!report.is_object() || !report.contains("check_type")) {
      return document_error(
          path_, fmt::format("report {}: not a Checkov report (no check_type)", index + 1),
          fmt::format("第 {} 份報告：不是 Checkov 報告（缺少 check_type）", index + 1));
    }
    const auto results = report.find("results");
    if (results == report.end() || !results->is_object()) {
      return document_error(path_, fmt::format("report {}: no results", index + 1),
                            fmt::format("第 {} 份報告：缺少 results", index + 1));
    }
    constexpr std::array kLists{std::pair{"passed_checks", PostureStatus::kPass},
                                std::pair{"failed_checks", PostureStatus::kFail},
                                std::pair{"skipped_checks", PostureStatus::kFail}};
    for (const auto& [list, status] : kLists) {
      std::size_t at = 0;
      for (const json& check : array_at(*results, list)) {
        const bool skipped = std::string_view(list) == "skipped_checks";
        const std::string resource = string_at(check, "resource");
        if (Status handed = hand_over(string_at(check, "check_id"), status, skipped,
                                      resource.empty() ? string_at(check, "file_path") : resource,
                                      string_at(check, "check_name"),
                                      fmt::format("report {}, {}[{}]", index + 1, list, at));
            !handed) {
          return handed;
        }
        ++at;
      }
    }
    return {};
  }

  // One run of a SARIF file: Checkov's failures (suppressed ones muted).
  Status sarif_run(const json& run, std::size_t index) {
    const std::string driver = sarif_driver_of(run);
    if (driver != "checkov" && driver != "bridgecrew") {
      return document_error(
          path_,
          fmt::format("run {}: SARIF of '{}': etguard reads Checkov's and Trivy's SARIF", index + 1,
                      driver),
          fmt::format("第 {} 個 run：'{}' 之 SARIF：etguard 讀取 Checkov 與 Trivy 之 SARIF",
                      index + 1, driver));
    }
    return for_each_sarif_result(run, index, [&](const SarifResult& result) {
      return hand_over(result.rule_id, PostureStatus::kFail, result.suppressed, result.location,
                       result.message, result.where);
    });
  }

 private:
  Status hand_over(const std::string& check_id, PostureStatus status, bool muted,
                   const std::string& resource, const std::string& title,
                   const std::string& where) {
    if (check_id.empty()) {
      return document_error(path_, fmt::format("{}: no check id", where),
                            fmt::format("{}：缺少檢查 ID", where));
    }
    const std::string provider = provider_of(check_id);
    PostureFinding finding;
    finding.check_id = check_id;
    finding.status = status;
    finding.muted = muted;
    finding.provider = provider;
    finding.resource = resource;
    finding.title = title;
    return count_and_hand_over(finding, summary_, sink_);
  }

  const std::string& path_;
  const PostureSink& sink_;
  CodeScanSummary& summary_;
};

}  // namespace

bool looks_like_checkov(std::string_view head) {
  return head.find("\"check_type\"") != std::string_view::npos ||
         head.find("\"checkov_version\"") != std::string_view::npos ||
         head.find("\"runs\"") != std::string_view::npos;
}

Result<CodeScanSummary> read_checkov(const std::string& path, const PostureSink& sink) {
  CodeScanSummary summary;
  summary.tool = Tool::kCheckov;
  auto document =
      read_json_document(path, kLargestReport, "a Checkov report", "Checkov 報告", summary.sha256);
  if (!document) {
    return std::unexpected(document.error());
  }
  Reader reader(path, sink, summary);
  Status read;
  if (document->is_object() && document->contains("runs")) {
    summary.format = "sarif";
    const json& runs = array_at(*document, "runs");
    for (std::size_t i = 0; i < runs.size() && read; ++i) {
      read = reader.sarif_run(runs[i], i);
    }
  } else if (document->is_object() && !document->contains("check_type") &&
             document->contains("checkov_version")) {
    summary.format = "json";  // nothing to check: Checkov's summary alone
  } else if (document->is_array() || document->is_object()) {
    summary.format = "json";
    const json reports = document->is_array() ? *document : json::array({*document});
    for (std::size_t i = 0; i < reports.size() && read; ++i) {
      read = reader.report(reports[i], i);
    }
  } else {
    return document_error(path, "not a Checkov report (the output of checkov -o json or -o sarif)",
                          "不是 Checkov 報告（應為 checkov -o json 或 -o sarif 之輸出）");
  }
  if (!read) {
    return std::unexpected(read.error());
  }
  return summary;
}

}  // namespace etguard::cloud
