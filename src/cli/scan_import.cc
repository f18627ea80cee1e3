#include "cli/scan_import.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "check/output.h"
#include "cli/open_workspace.h"
#include "core/atomic_file.h"
#include "core/clock.h"

namespace etguard::cli {
namespace {

// The register entries whose details.endpoints lists `target` (as given, or its host).
std::vector<std::string> objects_for(const assess::Registers& registers,
                                     const std::string& target) {
  std::vector<std::string> objects;
  const std::string host = target.substr(0, target.rfind(':'));
  for (const assess::RegisterEntry& entry : registers.entries) {
    auto endpoints = entry.details.find("endpoints");
    if (endpoints == entry.details.end()) {
      continue;
    }
    std::string list = endpoints->second;
    for (std::size_t start = 0; start < list.size();) {
      std::size_t end = list.find_first_of(", ", start);
      end = end == std::string::npos ? list.size() : end;
      const std::string item = list.substr(start, end - start);
      if (!item.empty() && (item == target || item == host)) {
        objects.push_back(entry.key());
        break;
      }
      start = end + 1;
    }
  }
  return objects;
}

}  // namespace

Result<int> import_findings(const Context& context, const ImportRequest& request) {
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  auto registers = workspace->load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  const std::string today = utc_today();
  const auto scratch =
      std::filesystem::temp_directory_path() / fmt::format("etguard-finding-{}.json", ::getpid());
  int added = 0;
  int skipped = 0;
  for (const check::Finding& finding : request.findings) {
    std::vector<std::string> objects;
    if (!request.object.empty()) {
      objects.push_back(request.object);
    } else {
      objects = objects_for(*registers, finding.target);
    }
    if (objects.empty()) {
      return fail(
          ErrorKind::kUsage,
          fmt::format("no register entry lists '{}' in details.endpoints; give --object SUBJECT/ID",
                      finding.target),
          fmt::format("沒有登錄項目於 details.endpoints 列出 '{}'；請以 --object 類別/代號 指定",
                      finding.target));
    }
    if (Status written = write_file_atomically(
            scratch, check::finding_json(finding).dump(2, ' ', false,
                                                       nlohmann::json::error_handler_t::replace) +
                         "\n");
        !written) {
      return std::unexpected(written.error());
    }
    for (const std::string& object : objects) {
      for (std::string_view node : finding.check->node_ids) {
        assess::Evidence evidence;
        evidence.kind = "scan";
        evidence.name = fmt::format("{} {}", finding.check->id, finding.target);
        evidence.node_id = std::string(node);
        evidence.object = object;
        evidence.effective_from = today;
        evidence.effective_to = today;
        evidence.check_id = std::string(finding.check->id);
        evidence.verdict = std::string(check::to_string(finding.assessment.verdict));
        if (!workspace->check_applies(evidence.node_id, object)) {
          ++skipped;  // e.g. ET-8.2.1 is about cloud services, not this trading system
          continue;
        }
        auto stored = workspace->add_evidence(evidence, scratch, workspace::current_actor());
        if (!stored) {
          std::filesystem::remove(scratch);
          return std::unexpected(stored.error());
        }
        ++added;
      }
    }
  }
  std::filesystem::remove(scratch);
  if (added == 0) {
    return fail(ErrorKind::kUsage,
                "none of the findings' requirements applies to the object; see 'etguard scope "
                "--explain ET-34.1'",
                "發現事項之要求均不適用於該對象；請見 'etguard scope --explain ET-34.1'");
  }
  fmt::print(
      stderr, "{}\n",
      context.lang == Lang::kZhTw
          ? fmt::format("已匯入 {} 筆掃描佐證（{} 筆因要求不適用於該對象而略過）", added, skipped)
          : fmt::format("imported {} scan evidence records ({} skipped: requirement does not apply "
                        "to the object)",
                        added, skipped));
  return added;
}

}  // namespace etguard::cli
