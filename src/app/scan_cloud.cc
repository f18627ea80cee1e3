#include "app/scan_cloud.h"

#include <fmt/format.h>

#include <optional>

#include "checks/cloud/run.h"
#include "cloud/azure_policy.h"
#include "cloud/checkov.h"
#include "cloud/json_document.h"
#include "cloud/posture.h"
#include "cloud/prowler_csv.h"
#include "cloud/security_hub.h"
#include "cloud/trivy.h"
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
                            .trusted_registries = comma_list(detail("trusted_registries")),
                            .material_natural_person = fact("material_natural_person"),
                            .offshore = fact("offshore")});
      });
  if (!read) {
    return std::unexpected(read.error());
  }
  return services;
}

// The findings files split by tool, told apart by their content: Prowler's,
// Security Hub's, Azure Policy's and Security Command Center's (placed by
// account) and Checkov's and Trivy's (infrastructure code: placed on
// --object). Standard input is read as Prowler's.
struct FindingsFiles {
  std::vector<std::string> prowler;  // OCSF
  std::vector<std::string> prowler_csv;
  std::vector<std::string> security_hub;
  std::vector<std::string> azure_policy;
  std::vector<std::string> security_command_center;
  std::vector<std::string> checkov;
  std::vector<std::string> trivy;
};

FindingsFiles by_tool(const std::vector<std::string>& files) {
  FindingsFiles split;
  for (const std::string& file : files) {
    const std::string head = file == "-" ? std::string() : cloud::file_head(file);
    if (cloud::looks_like_prowler_csv(head)) {
      split.prowler_csv.push_back(file);
    } else if (cloud::looks_like_azure_policy(head)) {
      split.azure_policy.push_back(file);
    } else if (cloud::looks_like_security_command_center(head)) {
      split.security_command_center.push_back(file);
    } else if (cloud::looks_like_trivy(head)) {  // before ASFF: both have a SchemaVersion
      split.trivy.push_back(file);
    } else if (cloud::looks_like_security_hub(head)) {
      split.security_hub.push_back(file);
    } else if (cloud::looks_like_checkov(head)) {
      split.checkov.push_back(file);
    } else {
      split.prowler.push_back(file);
    }
  }
  return split;
}

Status check_request(const CloudScanRequest& request, const FindingsFiles& files,
                     const std::vector<cloud::RegisteredService>& services) {
  if (request.findings_files.empty() && request.plans.empty() && request.templates.empty()) {
    return fail(ErrorKind::kUsage, "give --import-findings FILE, --plan FILE or --template FILE",
                "請指定 --import-findings FILE、--plan FILE 或 --template FILE");
  }
  if ((!files.prowler.empty() || !files.prowler_csv.empty() || !files.security_hub.empty() ||
       !files.azure_policy.empty() || !files.security_command_center.empty()) &&
      std::ranges::none_of(services, [](const cloud::RegisteredService& service) {
        return !service.accounts.empty();
      })) {
    return fail(ErrorKind::kInput,
                "no cloud service in the register lists its accounts (details.cloud_accounts: AWS "
                "accounts, Azure subscriptions or GCP project ids): no finding can be placed",
                "雲端清冊中沒有服務登記其帳戶（details.cloud_accounts：AWS 帳戶、Azure 訂閱或 GCP "
                "專案 ID），無法歸屬任何發現");
  }
  return {};
}

// The index of `object` ("cloud/ID") among the services.
Result<std::size_t> service_index(const std::string& object,
                                  const std::vector<cloud::RegisteredService>& services) {
  constexpr std::string_view kPrefix = "cloud/";
  if (object.empty()) {
    return fail(ErrorKind::kUsage,
                "--plan, --template and Checkov's or Trivy's findings need --object cloud/ID: the "
                "service whose infrastructure code they judge",
                "--plan、--template 與 Checkov 或 Trivy 之發現須以 --object cloud/ID "
                "指定其基礎設施程式碼所屬之服務");
  }
  const auto found = std::ranges::find_if(services, [&](const cloud::RegisteredService& service) {
    return object.starts_with(kPrefix) && object.substr(kPrefix.size()) == service.id;
  });
  if (found == services.end()) {
    return fail(ErrorKind::kNotFound,
                fmt::format("{}: no such entry in the cloud register", object),
                fmt::format("{}：雲端清冊中無此項目", object));
  }
  return static_cast<std::size_t>(found - services.begin());
}

// Reads each of `files` with `read`, every finding into the tally (placed by
// its account, or on the service at `service`), and records the file's
// source and what the reader says of it.
template <typename Summary, typename Reader>
Status read_each(const std::vector<std::string>& files, cloud::Tool tool,
                 std::optional<std::size_t> service, const Reader& read, CloudScan& scan,
                 std::vector<CloudFileRead<Summary>>& read_files) {
  for (const std::string& file : files) {
    auto summary = read(file, [&](const cloud::PostureFinding& finding) {
      if (service) {
        scan.tally.add_to(*service, tool, finding);
      } else {
        scan.tally.add(tool, finding);
      }
      return Status{};
    });
    if (!summary) {
      return std::unexpected(summary.error());
    }
    scan.tally.sources().push_back({tool, file, summary->sha256});
    read_files.push_back({file, std::move(*summary)});
  }
  return {};
}

}  // namespace

Result<CloudScan> scan_cloud(const CloudScanRequest& request, Session& session) {
  auto services = registered_services(session);
  if (!services) {
    return std::unexpected(services.error());
  }
  const FindingsFiles files = by_tool(request.findings_files);
  if (Status fit = check_request(request, files, *services); !fit) {
    return std::unexpected(fit.error());
  }
  std::optional<std::size_t> planned;  // the service infrastructure code is judged for
  if (!request.plans.empty() || !request.templates.empty() || !files.checkov.empty() ||
      !files.trivy.empty()) {
    auto index = service_index(request.object, *services);
    if (!index) {
      return std::unexpected(index.error());
    }
    planned = *index;
  }
  CloudScan scan{cloud::PostureTally(std::move(*services)), {}, {}, {}, {}, {}, {}};
  const cloud::PostureSink to_tally = [&](const cloud::PostureFinding& finding) {
    scan.tally.add(cloud::Tool::kProwler, finding);
    return Status{};
  };
  for (const bool csv : {false, true}) {
    for (const std::string& file : csv ? files.prowler_csv : files.prowler) {
      auto sha256 = csv ? cloud::read_prowler_csv(file, to_tally, {.on_read = request.on_read})
                        : cloud::read_prowler_ocsf(file, to_tally, {.on_read = request.on_read});
      if (!sha256) {
        return std::unexpected(sha256.error());
      }
      scan.tally.sources().push_back({cloud::Tool::kProwler, file, std::move(*sha256)});
    }
  }
  const std::optional<std::size_t> by_account;
  if (Status read = read_each(files.security_hub, cloud::Tool::kSecurityHub, by_account,
                              cloud::read_security_hub, scan, scan.hub_exports);
      !read) {
    return std::unexpected(read.error());
  }
  if (Status read = read_each(files.azure_policy, cloud::Tool::kAzurePolicy, by_account,
                              cloud::read_azure_policy, scan, scan.policy_exports);
      !read) {
    return std::unexpected(read.error());
  }
  if (Status read =
          read_each(files.security_command_center, cloud::Tool::kSecurityCommandCenter, by_account,
                    cloud::read_security_command_center, scan, scan.scc_exports);
      !read) {
    return std::unexpected(read.error());
  }
  // The rules that compare with the register read the service's entry.
  const cloud::RuleContext context{
      .trusted_registries = planned ? scan.tally.services().at(*planned).trusted_registries
                                    : std::vector<std::string>{}};
  const auto read_plan = [&](const std::string& file, const cloud::PostureSink& sink) {
    return cloud::read_terraform_plan(file, sink, context);
  };
  const auto read_template = [&](const std::string& file, const cloud::PostureSink& sink) {
    return cloud::read_cloudformation(file, sink, context);
  };
  if (Status read =
          read_each(request.plans, cloud::Tool::kTerraform, planned, read_plan, scan, scan.plans);
      !read) {
    return std::unexpected(read.error());
  }
  if (Status read = read_each(request.templates, cloud::Tool::kCloudformation, planned,
                              read_template, scan, scan.templates);
      !read) {
    return std::unexpected(read.error());
  }
  if (Status read = read_each(files.checkov, cloud::Tool::kCheckov, planned, cloud::read_checkov,
                              scan, scan.code_scans);
      !read) {
    return std::unexpected(read.error());
  }
  if (Status read = read_each(files.trivy, cloud::Tool::kTrivy, planned, cloud::read_trivy, scan,
                              scan.code_scans);
      !read) {
    return std::unexpected(read.error());
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
