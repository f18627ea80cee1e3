#include "app/scan_cloud.h"

#include <fmt/format.h>

#include "checks/cloud/run.h"
#include "cloud/posture.h"
#include "core/text.h"

namespace etguard::app {
namespace {

Result<std::vector<cloud::RegisteredService>> registered_services(Session& session) {
  std::vector<cloud::RegisteredService> services;
  const Status read =
      session.workspace().for_each_register_entry("cloud", [&](assess::RegisterEntry&& entry) {
        const auto detail = [&](const char* name) {
          const auto it = entry.details.find(name);
          return it == entry.details.end() ? std::string() : it->second;
        };
        const auto fact = [&](const char* name) {
          const auto it = entry.facts.find(name);
          return it != entry.facts.end() && it->second;
        };
        services.push_back({.id = entry.id,
                            .accounts = comma_list(detail("cloud_accounts")),
                            .regions = comma_list(detail("regions")),
                            .material_natural_person = fact("material_natural_person"),
                            .offshore = fact("offshore")});
      });
  if (!read) {
    return std::unexpected(read.error());
  }
  if (std::ranges::none_of(services, [](const cloud::RegisteredService& service) {
        return !service.accounts.empty();
      })) {
    return fail(ErrorKind::kInput,
                "no cloud service in the register lists its accounts (details.cloud_accounts: AWS "
                "account, Azure subscription or GCP project ids), so no finding can be placed",
                "雲端清冊中沒有服務登記其帳戶（details.cloud_accounts：AWS 帳戶、Azure 訂閱或 GCP "
                "專案 ID），無法歸屬任何發現");
  }
  return services;
}

}  // namespace

Result<CloudScan> scan_cloud(const CloudScanRequest& request, Session& session) {
  auto services = registered_services(session);
  if (!services) {
    return std::unexpected(services.error());
  }
  CloudScan scan{cloud::PostureTally(std::move(*services))};
  for (const std::string& file : request.findings_files) {
    auto sha256 = cloud::read_prowler_ocsf(file,
                                           [&](const cloud::PostureFinding& finding) {
                                             scan.tally.add(cloud::Tool::kProwler, finding);
                                             return Status{};
                                           },
                                           {.on_read = request.on_read});
    if (!sha256) {
      return std::unexpected(sha256.error());
    }
    scan.tally.sources().push_back({cloud::Tool::kProwler, file, std::move(*sha256)});
  }
  return scan;
}

std::vector<check::Finding> cloud_findings(const CloudScan& scan, bool with_evidence,
                                           const Clock& clock) {
  const std::string now = clock.utc_now();
  return cloud_checks::run_cloud_checks(
      scan.tally, {.started_at = now, .finished_at = now, .with_evidence = with_evidence});
}

}  // namespace etguard::app
