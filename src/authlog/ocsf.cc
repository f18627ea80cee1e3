#include "authlog/ocsf.h"

#include <fmt/format.h>

#include <array>

#include "core/ocsf.h"

namespace etguard::authlog {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kSeverityInformational = 1;
constexpr int kSeverityMedium = 3;
constexpr int kSeverityHigh = 4;

Json metadata(const char* log_name, std::uint64_t uid) {
  Json meta{{"version", kOcsfSchemaVersion},
            {"product", {{"name", "etguard"}, {"vendor_name", "etguard"}}},
            {"log_name", log_name}};
  if (uid != 0) {
    meta["uid"] = fmt::format("{:016x}", uid);
  }
  return meta;
}

Json factor_types(std::uint8_t bits) {
  Json types = Json::array();
  constexpr std::array<std::pair<std::uint8_t, const char*>, 3> kNames{
      {{kKnowledge, "knowledge"}, {kPossession, "possession"}, {kInherence, "inherence"}}};
  for (const auto& [bit, name] : kNames) {
    if ((bits & bit) != 0) {
      types.push_back(name);
    }
  }
  return types;
}

bool is_attack(const std::string& type) {
  constexpr std::array<std::string_view, 5> kAttacks{"brute_force", "distributed_brute_force",
                                                     "password_spray", "account_enumeration",
                                                     "credential_stuffing"};
  for (const std::string_view attack : kAttacks) {
    if (type == attack) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool is_authentication(const Event& event) {
  return event.action == Action::kLogin || event.action == Action::kLogout;
}

Json ocsf_authentication(const Event& event, const Interner& strings) {
  const bool logon = event.action == Action::kLogin;
  Json user{{"name", strings.text(event.user)},
            {"type", event.customer ? "Customer" : (event.user_exists ? "User" : "Unknown")}};
  Json record{
      {"class_uid", 3002},
      {"class_name", "Authentication"},
      {"category_uid", 3},
      {"category_name", "Identity & Access Management"},
      {"activity_id", logon ? 1 : 2},
      {"activity_name", logon ? "Logon" : "Logoff"},
      {"type_uid", logon ? 300201 : 300202},
      {"time", event.time_ms},
      {"severity_id", kSeverityInformational},
      {"status_id", event.success ? 1 : 2},
      {"status", event.success ? "Success" : "Failure"},
      {"is_mfa", std::popcount(event.factor_types) >= 2},
      {"user", user},
      {"src_endpoint", {{"ip", strings.text(event.address)}}},
      {"service", {{"name", strings.text(event.service)}}},
      {"metadata", metadata("etguard.authlog", event.id)},
      {"unmapped", {{"factor_types", factor_types(event.factor_types)}}},
  };
  if (event.reason != 0) {
    record["status_detail"] = strings.text(event.reason);
  }
  return record;
}

Json ocsf_finding(const Finding& finding, std::span<const std::string_view> requirements) {
  Json observables = Json::array();
  for (const std::string& account : finding.accounts) {
    observables.push_back(
        {{"name", "user.name"}, {"type_id", 4}, {"type", "User Name"}, {"value", account}});
  }
  for (const std::string& ip : finding.ips) {
    observables.push_back(
        {{"name", "src_endpoint.ip"}, {"type_id", 2}, {"type", "IP Address"}, {"value", ip}});
  }
  Json ids = Json::array();
  for (const std::uint64_t id : finding.event_ids) {
    ids.push_back(fmt::format("{:016x}", id));
  }
  Json required = Json::array();
  for (const std::string_view id : requirements) {
    required.push_back(id);
  }
  const bool attack = is_attack(finding.type);
  const std::string uid = fmt::format("{}|{}|{}", finding.type, finding.start_ms,
                                      finding.accounts.empty() ? "" : finding.accounts.front());
  Json record = ocsf_detection_finding_base(attack ? kSeverityHigh : kSeverityMedium);
  record["time"] = finding.end_ms;
  record["message"] = finding.type;
  record["metadata"] = metadata("etguard.authlog", 0);
  record["finding_info"] = {
      {"uid", uid},
      {"title", finding.type},
      {"types", Json::array({attack ? "Attack" : "Policy Violation"})},
      {"first_seen_time", finding.start_ms},
      {"last_seen_time", finding.end_ms},
      {"analytic",
       {{"uid", finding.type}, {"name", finding.type}, {"type_id", 1}, {"type", "Rule"}}}};
  record["compliance"] = {{"standards", Json::array({kOcsfStandard})}, {"requirements", required}};
  record["observables"] = observables;
  record["unmapped"] = {{"event_ids", ids}};
  return record;
}

}  // namespace etguard::authlog
