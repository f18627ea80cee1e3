#include "cloud/trivy.h"

#include <fmt/format.h>

#include <array>
#include <optional>

#include "cloud/json_document.h"
#include "cloud/sarif.h"

namespace etguard::cloud {
namespace {

using nlohmann::json;

constexpr std::uintmax_t kLargestReport = std::uintmax_t{512} << 20U;

// "AWS-0086" for AVD-AWS-0086 and AWS-0086; the published form.
std::string_view published_id(std::string_view id) {
  constexpr std::string_view kPrefix = "AVD-";
  return id.starts_with(kPrefix) ? id.substr(kPrefix.size()) : id;
}

// The provider of a published id ("aws" for AWS-0086), or nothing for an id
// that names no cloud check (a CVE, a secret rule, a Kubernetes or Docker
// check).
std::optional<std::string_view> provider_of(std::string_view id) {
  constexpr std::array kPrefixes{std::pair{"AWS-", "aws"}, std::pair{"AZU-", "azure"},
                                 std::pair{"GCP-", "gcp"}};
  for (const auto& [prefix, provider] : kPrefixes) {
    if (id.starts_with(prefix)) {
      return provider;
    }
  }
  return std::nullopt;
}

std::optional<PostureStatus> status_of(std::string_view status, bool& muted) {
  muted = status == "EXCEPTION";
  if (status == "PASS") {
    return PostureStatus::kPass;
  }
  if (status == "FAIL" || muted) {
    return PostureStatus::kFail;
  }
  return std::nullopt;
}

class Reader {
 public:
  Reader(const std::string& path, const PostureSink& sink, CodeScanSummary& summary)
      : path_(path), sink_(sink), summary_(summary) {}

  // One entry of a JSON report's Results: a target's misconfigurations; its
  // vulnerabilities, secrets and licences counted.
  Status result(const json& result, std::size_t index) {
    for (const char* other : {"Vulnerabilities", "Secrets", "Licenses"}) {
      summary_.not_checks += array_at(result, other).size();
    }
    const std::string target = string_at(result, "Target");
    std::size_t at = 0;
    for (const json& misconfiguration : array_at(result, "Misconfigurations")) {
      const std::string where = fmt::format("Results[{}].Misconfigurations[{}]", index, at++);
      std::string id = string_at(misconfiguration, "AVDID");
      if (id.empty()) {
        id = string_at(misconfiguration, "ID");
      }
      if (id.empty()) {
        return document_error(path_, fmt::format("{}: no ID", where),
                              fmt::format("{}：缺少 ID", where));
      }
      const std::string status_text = string_at(misconfiguration, "Status");
      bool muted = false;
      const std::optional<PostureStatus> status = status_of(status_text, muted);
      if (!status) {
        return document_error(
            path_,
            fmt::format("{}: status '{}' is none of PASS, FAIL, EXCEPTION", where, status_text),
            fmt::format("{}：狀態 '{}' 不是 PASS、FAIL 或 EXCEPTION", where, status_text));
      }
      std::string resource;
      if (const json* cause = at_path(misconfiguration, "CauseMetadata"); cause != nullptr) {
        resource = string_at(*cause, "Resource");
        const json* line = at_path(*cause, "StartLine");
        if (resource.empty() && line != nullptr && line->is_number_integer() &&
            line->get<std::int64_t>() > 0) {
          resource = fmt::format("{}:{}", target, line->get<std::int64_t>());
        }
      }
      if (Status handed = hand_over(id, *status, muted, resource.empty() ? target : resource,
                                    string_at(misconfiguration, "Title"));
          !handed) {
        return handed;
      }
    }
    return {};
  }

  // One run of a SARIF file: Trivy's failures; results of other kinds
  // (vulnerabilities, secrets) counted.
  Status sarif_run(const json& run, std::size_t index) {
    const std::string driver = sarif_driver_of(run);
    if (driver != "trivy") {
      return document_error(
          path_,
          fmt::format("run {}: SARIF of '{}' in a file whose first run is Trivy's", index + 1,
                      driver),
          fmt::format("第 {} 個 run：'{}' 之 SARIF 出現於首個 run 屬 Trivy 之檔案", index + 1,
                      driver));
    }
    return for_each_sarif_result(run, index, [&](const SarifResult& result) -> Status {
      if (result.rule_id.empty()) {
        return document_error(path_, fmt::format("{}: no ruleId", result.where),
                              fmt::format("{}：缺少 ruleId", result.where));
      }
      if (!provider_of(published_id(result.rule_id))) {
        ++summary_.not_checks;
        return {};
      }
      return hand_over(result.rule_id, PostureStatus::kFail, result.suppressed, result.location,
                       result.message);
    });
  }

 private:
  Status hand_over(std::string_view id, PostureStatus status, bool muted,
                   const std::string& resource, const std::string& title) {
    const std::string_view check_id = published_id(id);
    const std::optional<std::string_view> provider = provider_of(check_id);
    if (!provider) {
      ++summary_.not_checks;  // a Kubernetes, Docker or other non-cloud check
      return {};
    }
    PostureFinding finding;
    finding.check_id = check_id;
    finding.status = status;
    finding.muted = muted;
    finding.provider = *provider;
    finding.resource = resource;
    finding.title = title;
    return count_and_hand_over(finding, summary_, sink_);
  }

  const std::string& path_;
  const PostureSink& sink_;
  CodeScanSummary& summary_;
};

}  // namespace

bool looks_like_trivy(std::string_view head) {
  return head.find("\"ArtifactName\"") != std::string_view::npos ||
         sarif_driver_in(head) == "trivy";
}

Result<CodeScanSummary> read_trivy(const std::string& path, const PostureSink& sink) {
  CodeScanSummary summary;
  summary.tool = Tool::kTrivy;
  auto document =
      read_json_document(path, kLargestReport, "a Trivy report", "Trivy 報告", summary.sha256);
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
  } else if (document->is_object() && document->contains("ArtifactName")) {
    summary.format = "json";
    const json& results = array_at(*document, "Results");
    for (std::size_t i = 0; i < results.size() && read; ++i) {
      read = reader.result(results[i], i);
    }
  } else {
    return document_error(path,
                          "not a Trivy report (the output of trivy config -f json or -f sarif)",
                          "不是 Trivy 報告（應為 trivy config -f json 或 -f sarif 之輸出）");
  }
  if (!read) {
    return std::unexpected(read.error());
  }
  return summary;
}

}  // namespace etguard::cloud
