// mobile.permissions: every dangerous permission the release requests is one
// the app's register entry approves (details.permissions), and with the
// previous release given, every dangerous permission added since is approved
// there too. Fails on an unapproved permission; an approved addition and a
// removal are warnings, for the record of the change. Without a register
// entry the permissions cannot be judged (error). Partly ET-20.1: the
// approval by the security and compliance units is the register change; the
// check proves the package matches it, not that the approval was recorded.
#include "checks/mobile/permissions/check.h"

#include <fmt/format.h>

#include <algorithm>

#include "checks/mobile/dangerous_permissions.h"

namespace etguard::mobile_checks::permissions {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-20.1"};

// The sensitive ones of `declared`: Android's dangerous permissions (short
// names); on iOS every usage description is one.
std::vector<std::string> dangerous_of(const std::vector<std::string>& declared) {
  std::vector<std::string> out;
  for (const std::string& name : declared) {
    if (name.starts_with("NS") && name.ends_with("UsageDescription")) {
      out.push_back(name);
      continue;
    }
    if (is_dangerous(name) && std::ranges::find(out, short_permission(name)) == out.end()) {
      out.emplace_back(short_permission(name));
    }
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view name) {
  return std::ranges::any_of(
      list, [&](const std::string& item) { return short_permission(item) == name; });
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "mobile.permissions",
      .title = {.zh = "行動應用程式之危險權限皆經核准",
                .en = "A mobile app's dangerous permissions are approved"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh = "第二十條第一項：上架前應檢核所需權限與提供服務相當，首次上架或權限異動應經資安及"
                 "法遵單位同意並留存紀錄。",
           .en = "Art. 20.1: before release, the permissions an app requires shall be "
                 "commensurate with its services; the first release and any change of "
                 "permissions shall be approved by the security and compliance units and "
                 "recorded."},
      .remediation =
          {.zh = "移除不需要的權限；需要者經資安及法遵單位同意後記入清冊（details.permissions）。",
           .en = "Remove the permissions the services do not need; record those they do, "
                 "once approved, in the register (details.permissions)."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AppEvidence& evidence) {
  if (!evidence.has_package()) {
    return std::nullopt;
  }
  const std::vector<std::string>& declared = evidence.package != nullptr
                                                 ? evidence.package->permissions
                                                 : evidence.ios->usage_descriptions;
  const std::vector<std::string> requested = dangerous_of(declared);
  nlohmann::ordered_json record = {{"requested", requested}, {"declared", declared}};
  if (evidence.registered == nullptr) {
    return cannot_judge(
        {"APP_NOT_REGISTERED", "not compared with a register entry (give --object mobile_app/ID)",
         "未與清冊項目比對（請以 --object mobile_app/ID 指定）"},
        evidence.with_evidence ? record : nlohmann::ordered_json());
  }
  const mobile::RegisteredApp& registered = *evidence.registered;
  std::vector<check::Reason> reasons;
  std::vector<std::string> unapproved;
  std::ranges::copy_if(requested, std::back_inserter(unapproved), [&](const std::string& name) {
    return !contains(registered.permissions, name);
  });
  if (!unapproved.empty()) {
    reasons.push_back(listed(
        "APP_PERMISSION_NOT_APPROVED",
        fmt::format(
            "mobile_app/{} requests dangerous permissions its register entry does not approve",
            registered.id),
        fmt::format("mobile_app/{} 要求清冊未核准之危險權限", registered.id), unapproved));
  }
  if (evidence.previous != nullptr) {
    const std::vector<std::string> before = dangerous_of(evidence.previous->permissions);
    std::vector<std::string> added;
    std::vector<std::string> removed;
    std::ranges::copy_if(requested, std::back_inserter(added),
                         [&](const std::string& name) { return !contains(before, name); });
    std::ranges::copy_if(before, std::back_inserter(removed),
                         [&](const std::string& name) { return !contains(requested, name); });
    const std::string previous_version = evidence.previous->version;
    if (!added.empty()) {
      const bool all_approved = std::ranges::none_of(
          added, [&](const std::string& name) { return contains(unapproved, name); });
      reasons.push_back(
          listed(all_approved ? "APP_PERMISSION_ADDED_APPROVED" : "APP_PERMISSION_ADDED",
                 fmt::format("dangerous permissions added since {}{}", previous_version,
                             all_approved ? " (approved in the register)" : ""),
                 fmt::format("自 {} 起新增之危險權限{}", previous_version,
                             all_approved ? "（已於清冊核准）" : ""),
                 added, all_approved));
    }
    if (!removed.empty()) {
      reasons.push_back(
          listed("APP_PERMISSION_REMOVED",
                 fmt::format("dangerous permissions removed since {}", previous_version),
                 fmt::format("自 {} 起移除之危險權限", previous_version), removed, true));
    }
    record["previous_version"] = previous_version;
    record["added"] = added;
    record["removed"] = removed;
  }
  record["approved"] = registered.permissions;
  return check::Assessment::from_reasons(
      std::move(reasons),
      evidence.with_evidence ? std::move(record) : nlohmann::ordered_json::object());
}

}  // namespace etguard::mobile_checks::permissions
