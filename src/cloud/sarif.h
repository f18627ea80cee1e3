// SARIF 2.1.0 as the scanners of infrastructure code write it (Checkov's and
// Trivy's `-o sarif` / `-f sarif`): each run's tool and results, read without
// assuming more of the shape than the standard gives.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::cloud {

// The lower-cased name of the first run's tool.driver in the start of a SARIF
// file ("checkov", "trivy"); empty when the start names none.
std::string sarif_driver_in(std::string_view head);

// The lower-cased tool.driver.name of one run; empty when it has none.
std::string sarif_driver_of(const nlohmann::json& run);

struct SarifResult {
  std::string rule_id;
  bool suppressed = false;  // a non-empty `suppressions`
  std::string location;     // the first location's uri, ":line" when it has one
  std::string message;      // message.text
  std::string where;        // "run 1, results[3]", for an error
};

using SarifResultSink = std::function<Status(const SarifResult&)>;

// Hands each result of `run` (the `index`th) to `sink`; stops at the first
// error the sink returns.
Status for_each_sarif_result(const nlohmann::json& run, std::size_t index,
                             const SarifResultSink& sink);

}  // namespace etguard::cloud
