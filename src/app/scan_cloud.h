// Verify: the cloud posture tools' findings judged per registered cloud
// service, clause by clause (Chapter 2, Art. 8–9; docs/cloud.md).
#pragma once

#include <string>
#include <vector>

#include "app/session.h"
#include "checks/check.h"
#include "cloud/azure_policy.h"
#include "cloud/cloudformation.h"
#include "cloud/code_scan.h"
#include "cloud/security_command_center.h"
#include "cloud/security_hub.h"
#include "cloud/tally.h"
#include "cloud/terraform_plan.h"
#include "core/clock.h"

namespace etguard::app {

struct CloudScanRequest {
  // Prowler OCSF (array or JSON Lines; "-": stdin) or CSV, Security Hub
  // ASFF, Azure Policy states (Defender for Cloud's benchmark), Google
  // Security Command Center findings, or
  // Checkov or Trivy (JSON or SARIF; judged for `object`), told apart by
  // their content
  std::vector<std::string> findings_files;
  std::vector<std::string> plans = {};      // terraform show -json, of the service `object`
  std::vector<std::string> templates = {};  // CloudFormation (JSON or YAML), of `object`
  std::string object =
      {};  // "cloud/ID": the service the plans, templates, Checkov's, Trivy's findings judge
  cloud::ReadProgress on_read = {};  // bytes read, for a progress line
};

// A file read for a scan, with what its reader says of it.
template <typename Summary>
struct CloudFileRead {
  std::string file;
  Summary summary;
};
using CloudIacFile = CloudFileRead<cloud::IacSummary>;               // a plan or template
using CloudCodeScan = CloudFileRead<cloud::CodeScanSummary>;         // a Checkov or Trivy report
using CloudHubExport = CloudFileRead<cloud::SecurityHubSummary>;     // an ASFF export
using CloudPolicyExport = CloudFileRead<cloud::AzurePolicySummary>;  // Azure Policy states
using CloudSccExport = CloudFileRead<cloud::SecurityCommandCenterSummary>;  // Google SCC

struct CloudScan {
  cloud::PostureTally tally{std::vector<cloud::RegisteredService>{}};
  std::vector<CloudIacFile> plans;
  std::vector<CloudIacFile> templates;
  std::vector<CloudCodeScan> code_scans;          // Checkov's and Trivy's reports
  std::vector<CloudHubExport> hub_exports;        // Security Hub's ASFF exports
  std::vector<CloudPolicyExport> policy_exports;  // Azure Policy's states
  std::vector<CloudSccExport> scc_exports;        // Security Command Center's findings
};

// Reads the cloud register's services (details.cloud_accounts, details.regions,
// facts.material_natural_person, facts.offshore) and streams every file's
// findings into their tally, and judges each Terraform plan and
// CloudFormation template by etguard's rules, and each Checkov or Trivy
// report by its tool's mapping, for the service `object`. An error (nothing
// judged) with neither findings, plans nor templates; Prowler's, Security
// Hub's, Azure Policy's or Security Command Center's findings but no service
// that registers an account; plans, templates,
// Checkov or Trivy reports without an `object` in the cloud register; or a
// file that cannot be read whole (its located error).
[[nodiscard]] Result<CloudScan> scan_cloud(const CloudScanRequest& request, Session& session);

// The cloud checks' findings on "cloud/<id>" for each service the files
// speak to. Without `with_evidence`, verdicts and reasons only.
std::vector<check::Finding> cloud_findings(const CloudScan& scan, bool with_evidence,
                                           const Clock& clock = system_clock());

}  // namespace etguard::app
