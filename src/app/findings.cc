#include "app/findings.h"

#include <fmt/format.h>

#include <functional>
#include <unordered_set>

#include "checks/output.h"

namespace etguard::app {
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
    const std::string& list = endpoints->second;
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

// Nothing when the findings may be recorded on `object`; else why not.
using ObjectGate = std::function<Status(const std::string& object)>;

Result<FindingsImported> import_findings_through(Session& session, const FindingsImport& request,
                                                 const ObjectGate& gate) {
  auto registers = session.workspace().load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  const std::string today = session.today();
  // A target that names an object ("org", "iot/cctv-hq") is that object.
  std::unordered_set<std::string> object_keys{"org"};
  for (const assess::RegisterEntry& entry : registers->entries) {
    object_keys.insert(entry.key());
  }
  std::vector<workspace::ScanRecord> records;
  for (const check::Finding& finding : request.findings) {
    const bool names_object = object_keys.contains(finding.target);
    const std::vector<std::string> objects =
        !request.object.empty() ? std::vector<std::string>{request.object}
        : names_object          ? std::vector<std::string>{finding.target}
                                : objects_for(*registers, finding.target);
    if (objects.empty()) {
      return fail(
          ErrorKind::kUsage,
          fmt::format("no register entry lists '{}' in details.endpoints; give --object SUBJECT/ID",
                      finding.target),
          fmt::format("沒有登錄項目於 details.endpoints 列出 '{}'；請以 --object 類別/代號 指定",
                      finding.target));
    }
    for (const std::string& object : objects) {
      if (Status allowed = gate(object); !allowed) {
        return std::unexpected(allowed.error());
      }
    }
    const std::string document =
        check::finding_json(finding).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
        "\n";
    for (const std::string& object : objects) {
      const auto proves = [&](std::string_view node) {
        return std::ranges::find(finding.check->node_ids, node) != finding.check->node_ids.end();
      };
      std::vector<std::string_view> nodes(finding.check->node_ids.begin(),
                                          finding.check->node_ids.end());
      nodes.insert(nodes.end(), finding.check->partial_node_ids.begin(),
                   finding.check->partial_node_ids.end());
      const std::vector<std::string>& spoken = finding.assessment.nodes;
      for (std::string_view node : nodes) {
        if (!spoken.empty() && std::ranges::find(spoken, node) == spoken.end()) {
          continue;
        }
        workspace::ScanRecord record;
        record.evidence.name = fmt::format("{} {}{}", finding.check->id, finding.target,
                                           proves(node) ? "" : " (partial)");
        record.evidence.node_id = std::string(node);
        record.evidence.object = object;
        record.evidence.effective_from = request.period_from.empty() ? today : request.period_from;
        record.evidence.effective_to =
            request.period_to.empty() ? record.evidence.effective_from : request.period_to;
        record.evidence.check_id = std::string(finding.check->id);
        record.evidence.verdict = finding.assessment.verdict;
        record.document = document;
        records.push_back(std::move(record));
      }
    }
  }
  // Scoped once, inside the transaction; requirements that do not apply to
  // the object are skipped there.
  auto added = session.workspace().add_scan_evidence(records, session.actor());
  if (!added) {
    return std::unexpected(added.error());
  }
  return FindingsImported{std::move(added->added), added->skipped};
}

}  // namespace

Result<FindingsImported> import_findings(Session& session, const FindingsImport& request) {
  return import_findings_through(session, request, [](const std::string&) -> Status { return {}; });
}

Result<FindingsImported> import_findings_as(Session& session, const Principal& who,
                                            const FindingsImport& request) {
  if (Status allowed = require(who, Permission::kEditAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  return import_findings_through(session, request, [&](const std::string& object) -> Status {
    if (reaches(who, object, "")) {
      return {};
    }
    return fail(ErrorKind::kDenied,
                fmt::format("{} may not record findings on {}", who.name, object),
                fmt::format("{} 不得於 {} 記錄發現事項", who.name, object));
  });
}

}  // namespace etguard::app
