// Test helpers for the cloud checks: a service's tally built from findings.
#pragma once

#include <string>
#include <vector>

#include "checks/cloud/cloud_check.h"

namespace etguard::cloud_checks::testing {

struct Seen {
  std::string check;
  cloud::PostureStatus status;
  std::string region = "ap-east-2";
  std::string resource = "arn:aws:s3:::bucket";
  bool muted = false;
};

struct TestService {
  cloud::RegisteredService service{.id = "trading", .accounts = {"111122223333"}};
  cloud::PostureTally tally{std::vector<cloud::RegisteredService>{}};
  CloudEvidence evidence;

  explicit TestService(const std::vector<Seen>& seen,
                       cloud::RegisteredService registered = {.id = "trading",
                                                              .accounts = {"111122223333"}})
      : service(std::move(registered)), tally(std::vector<cloud::RegisteredService>{service}) {
    for (const Seen& one : seen) {
      cloud::PostureFinding finding;
      finding.check_id = one.check;
      finding.status = one.status;
      finding.account = service.accounts.front();
      finding.region = one.region;
      finding.resource = one.resource;
      finding.muted = one.muted;
      tally.add(cloud::Tool::kProwler, finding);
    }
    evidence = {&service, &tally.per_service().front(), &tally.sources(), true};
  }
  TestService(const TestService&) = delete;
  TestService& operator=(const TestService&) = delete;
};

inline bool has_reason(const check::Assessment& assessment, std::string_view code) {
  for (const check::Reason& reason : assessment.reasons) {
    if (reason.code == code) {
      return true;
    }
  }
  return false;
}

}  // namespace etguard::cloud_checks::testing
