#include "app/scan_iot.h"

#include <fmt/format.h>

#include <fstream>

#include "app/iot_tls.h"
#include "core/atomic_file.h"
#include "core/text.h"
#include "iot/probe/probe.h"
#include "iot/vulns/match.h"

namespace etguard::app {
namespace {

std::string detail(assess::RegisterEntry& entry, const std::string& name) {
  const auto found = entry.details.find(name);
  return found == entry.details.end() ? std::string() : std::move(found->second);
}

std::string date(const assess::RegisterEntry& entry, const std::string& name) {
  const auto found = entry.dates.find(name);
  return found == entry.dates.end() ? std::string() : found->second;
}

// Takes what it needs from `entry` (the register is read for this scan alone).
iot::Device device_of(assess::RegisterEntry& entry) {
  const auto fact = [&entry](const char* name) {
    const auto found = entry.facts.find(name);
    return found != entry.facts.end() && found->second;
  };
  return iot::Device{.id = std::move(entry.id),
                     .name = std::move(entry.name),
                     .manager = std::move(entry.owner),
                     .address = detail(entry, "ip"),
                     .mac = detail(entry, "mac"),
                     .connection = detail(entry, "connection"),
                     .location = detail(entry, "location"),
                     .ports_text = detail(entry, "ports"),
                     .unmanaged_sensor = fact("unmanaged_sensor"),
                     .firmware_update = date(entry, "firmware_update"),
                     .software = detail(entry, "software"),
                     .firmware_version = detail(entry, "firmware_version"),
                     .zones = detail(entry, "zones"),
                     .firewall = detail(entry, "firewall"),
                     .wifi_security = detail(entry, "wifi_security"),
                     .mac_binding = detail(entry, "mac_binding"),
                     .cpe = detail(entry, "cpe"),
                     .exception = fact("exception"),
                     .replacement_plan = detail(entry, "replacement_plan"),
                     .replacement_due = date(entry, "replacement")};
}

// One address or MAC per line; blank lines and # comments are skipped.
Result<std::unordered_set<std::string>> read_address_list(const std::string& path) {
  std::unordered_set<std::string> addresses;
  if (path.empty()) {
    return addresses;
  }
  auto text = read_file(path);
  if (!text) {
    return std::unexpected(text.error());
  }
  std::string_view rest = *text;
  for (int number = 1; !rest.empty(); ++number) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    const std::string_view item = trim(line.substr(0, line.find('#')));
    if (item.empty()) {
      continue;
    }
    if (item.find_first_of(" \t") != std::string_view::npos) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}:{}: '{}' is not one address or MAC", path, number, item),
                  fmt::format("{}:{}：'{}' 不是單一位址或 MAC", path, number, item));
    }
    const bool mac = std::ranges::count(item, ':') == 5 || std::ranges::count(item, '-') == 5;
    addresses.insert(mac ? iot::normalize_mac(item) : std::string(item));
  }
  return addresses;
}

Result<std::ifstream> open_scan(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorKind::kNotFound, fmt::format("{}: cannot be opened", path),
                fmt::format("{}：無法開啟", path));
  }
  return in;
}

// "office=office.xml" -> ("office", "office.xml").
Result<std::pair<std::string, std::string>> zone_scan(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == 0 || equals == std::string::npos || equals + 1 == text.size()) {
    return fail(ErrorKind::kUsage,
                fmt::format("--from-zone '{}': give ZONE=SCAN.xml, e.g. office=office.xml", text),
                fmt::format("--from-zone '{}'：請寫 區域=掃描.xml，例如 office=office.xml", text));
  }
  return std::pair{text.substr(0, equals), text.substr(equals + 1)};
}

struct ProbePlan {
  std::vector<iot::probe::Credential> credentials;
  std::unordered_set<std::string> targets;  // empty: every device seen
  iot::probe::ProbeLimits limits;
  IotTlsPlan tls;
};

Result<ProbePlan> plan_probes(const IotProbeRequest& request) {
  if (request.timeout_ms < 100 || request.timeout_ms > 60000) {
    return fail(ErrorKind::kUsage,
                fmt::format("the probe timeout is {} ms; give 100 to 60000", request.timeout_ms),
                fmt::format("探測逾時為 {} 毫秒；請給 100 至 60000", request.timeout_ms));
  }
  if (!(request.per_second >= 0.1 && request.per_second <= 1000)) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("the probe rate is {} logins a second; give 0.1 to 1000", request.per_second),
        fmt::format("探測速率為每秒 {} 次登入；請給 0.1 至 1000", request.per_second));
  }
  auto credentials = iot::probe::load_credentials(request.credential_files);
  if (!credentials) {
    return std::unexpected(credentials.error());
  }
  auto targets = read_address_list(request.targets);
  if (!targets) {
    return std::unexpected(targets.error());
  }
  auto tls = plan_iot_tls(request.tls_ca_file, *targets, request.timeout_ms);
  if (!tls) {
    return std::unexpected(tls.error());
  }
  return ProbePlan{std::move(*credentials),
                   std::move(*targets),
                   {std::chrono::milliseconds(request.timeout_ms), request.per_second},
                   std::move(*tls)};
}

// Every target must be the address of a register entry: --probe never
// reaches a host the firm has not listed.
Status check_targets(const ProbePlan& plan, const std::string& path,
                     const std::vector<iot::Device>& devices) {
  std::unordered_set<std::string_view> registered;
  for (const iot::Device& device : devices) {
    registered.insert(device.address);
  }
  for (const std::string& target : plan.targets) {
    if (!registered.contains(target)) {
      return fail(
          ErrorKind::kInput,
          fmt::format("{}: '{}' is not the address of any IoT register entry; --probe "
                      "reaches only registered devices",
                      path, target),
          fmt::format("{}：'{}' 非物聯網設備清冊中任何設備之位址；--probe 僅探測已登錄之設備", path,
                      target));
    }
  }
  return {};
}

void probe_devices(iot::Reconciliation& reconciliation, const ProbePlan& plan) {
  iot::probe::Pacer pacer(plan.limits.per_second);
  for (iot::DeviceSighting& sighting : reconciliation.devices) {
    if (plan.targets.empty() || plan.targets.contains(sighting.device->address)) {
      iot::probe::probe_device(sighting, plan.credentials, plan.limits, pacer);
    }
  }
}

}  // namespace

Result<IotScan> scan_iot(const IotScanRequest& request, Session& session) {
  if (request.update_months < 1 || request.update_months > 120) {
    return fail(ErrorKind::kUsage,
                fmt::format("the update period is {} months; give 1 to 120", request.update_months),
                fmt::format("更新週期為 {} 個月；請給 1 至 120", request.update_months));
  }
  std::vector<std::pair<std::string, std::string>> zones;
  for (const std::string& text : request.from_zones) {
    auto zone = zone_scan(text);
    if (!zone) {
      return std::unexpected(zone.error());
    }
    zones.push_back(std::move(*zone));
  }
  std::optional<ProbePlan> probes;
  if (request.probe.enabled) {
    auto plan = plan_probes(request.probe);
    if (!plan) {
      return std::unexpected(plan.error());
    }
    probes = std::move(*plan);
  }
  std::unique_ptr<iot::vulns::Feed> feed;
  if (!request.vulnerability_feeds.empty()) {
    auto read = iot::vulns::read_feeds(request.vulnerability_feeds);
    if (!read) {
      return std::unexpected(read.error());
    }
    feed = std::make_unique<iot::vulns::Feed>(std::move(*read));
  }
  auto in = open_scan(request.nmap_xml);
  if (!in) {
    return std::unexpected(in.error());
  }
  // The scan is read while the register loads.
  iot::NmapXmlReader reader(*in, request.nmap_xml);
  IotScan scan;
  scan.update_months = request.update_months;
  scan.devices = std::make_unique<std::vector<iot::Device>>();
  if (Status read = session.workspace().for_each_register_entry(
          "iot", [&](assess::RegisterEntry&& entry) { scan.devices->push_back(device_of(entry)); });
      !read) {
    return std::unexpected(read.error());
  }
  if (std::ranges::none_of(*scan.devices,
                           [](const iot::Device& device) { return !device.address.empty(); })) {
    return fail(ErrorKind::kInput,
                "the IoT register records no device address (details.ip): there is nothing to "
                "reconcile the scan with",
                "物聯網設備清冊未記載任何設備位址（details.ip），無從與掃描結果比對");
  }
  if (probes) {
    if (Status targets = check_targets(*probes, request.probe.targets, *scan.devices); !targets) {
      return std::unexpected(targets.error());
    }
  }
  auto not_iot = read_address_list(request.not_iot);
  if (!not_iot) {
    return std::unexpected(not_iot.error());
  }
  iot::Reconciler reconciler(*scan.devices, std::move(*not_iot));
  if (feed) {
    reconciler.keep_service_cpes();
  }
  auto summary = reader.read([&](iot::Host&& host) { reconciler.add(std::move(host)); });
  if (!summary) {
    return std::unexpected(summary.error());
  }
  for (const auto& [zone, path] : zones) {
    auto zone_in = open_scan(path);
    if (!zone_in) {
      return std::unexpected(zone_in.error());
    }
    auto read = iot::read_nmap_xml(*zone_in, path,
                                   [&](iot::Host&& host) { reconciler.add_from_zone(zone, host); });
    if (!read) {
      return std::unexpected(read.error());
    }
    scan.zones.push_back(zone);
  }
  scan.reconciliation = reconciler.finish(std::move(*summary));
  if (feed) {
    iot::vulns::match_devices(*feed, scan.reconciliation);
    scan.feed = std::move(feed);
  }
  if (probes) {
    probe_devices(scan.reconciliation, *probes);
    judge_device_tls(scan.reconciliation, probes->tls);
  }
  return scan;
}

void iot_findings(const IotScan& scan, bool with_evidence, const iot_checks::FindingSink& sink,
                  const Clock& clock) {
  const std::string now = clock.utc_now();
  const iot_checks::IotPolicy policy{
      .today = clock.utc_today(), .update_months = scan.update_months, .zones = scan.zones};
  iot_checks::run_iot_checks(
      scan.reconciliation, policy,
      {.started_at = now, .finished_at = now, .with_evidence = with_evidence}, sink);
}

}  // namespace etguard::app
