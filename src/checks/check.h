// What every check declares about itself, and the finding it produces.
//
// A check lives in one folder under src/checks/<collector>/<name>/: its
// metadata (CheckInfo), its implementation as a pure function of the
// evidence a collector gathered, and its tests. src/checks/registry.cc holds
// one registration line per check; registry_test.cc fails on any mismatch
// between folders, registrations, metadata and catalog IDs.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"
#include "core/verdict.h"

namespace etguard::check {

enum class Severity { kLow, kMedium, kHigh, kCritical };

struct CheckInfo {
  std::string_view id;  // "tls.protocol": collector.name, as the folder
  Text title;
  std::span<const std::string_view> node_ids;  // the catalog requirements it proves
  // Requirements it supports without proving them alone (TLS shows the
  // transport's replay protection, not the application's ET-34.4): shown
  // and recorded as partial everywhere, never counted as automated.
  std::span<const std::string_view> partial_node_ids = {};
  Severity severity = Severity::kHigh;
  Text rationale;
  Text remediation;
};

using etguard::Verdict;  // pass / fail / not applicable / could not assess

// A stable reason code with its explanation. Warnings do not change the verdict.
struct Reason {
  std::string code;
  std::string en;
  std::string zh;
  bool warning = false;
};

// The pure result of a check on one target's evidence.
struct Assessment {
  Verdict verdict = Verdict::kError;
  std::vector<Reason> reasons;
  nlohmann::ordered_json evidence = nlohmann::ordered_json::object();
  // The requirements this assessment speaks to when they are fewer than its
  // check's (a posture file's tool checks touch some of a topic's clauses);
  // empty: all of the check's. Evidence is recorded only for these.
  std::vector<std::string> nodes = {};

  void add(Reason reason);
  // The verdict from the reasons: fail if any failing reason, else pass.
  static Assessment from_reasons(std::vector<Reason> reasons, nlohmann::ordered_json evidence);
};

struct Finding {
  const CheckInfo* check = nullptr;
  std::string target;
  Assessment assessment;
  std::string started_at;  // RFC 3339 UTC
  std::string finished_at;
};

// A finding of `check` on `target`, judged between the two instants.
Finding make_finding(const CheckInfo& check, std::string target, Assessment assessment,
                     std::string started_at, std::string finished_at);

using etguard::to_string;
std::string_view to_string(Severity severity);

}  // namespace etguard::check
