// What every family's runner does: each registered check of the family
// judges the collected data, one finding per check, in registry order.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "checks/check.h"

namespace etguard::check {

template <typename Check, typename Data>
std::vector<Finding> run_family(std::span<const Check> checks, const Data& data,
                                const std::string& target, const std::string& started_at,
                                const std::string& finished_at) {
  std::vector<Finding> findings;
  findings.reserve(checks.size());
  for (const Check& entry : checks) {
    findings.push_back(
        make_finding(entry.metadata(), target, entry.evaluate(data), started_at, finished_at));
  }
  return findings;
}

}  // namespace etguard::check
