// Which checks prove which clauses, from the check registry alone (never
// typed twice): the checks behind one requirement, and per chapter which
// requirements are automated, partly automated or manual.
#pragma once

#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "checks/check.h"

namespace etguard::app {

// The registered checks that cite `node_id`, in registry order.
std::vector<const check::CheckInfo*> checks_proving(std::string_view node_id);
// The checks that support `node_id` without proving it alone (partial).
std::vector<const check::CheckInfo*> checks_supporting(std::string_view node_id);

enum class Automation {
  kAutomated,  // a check cites it, or every clause under it is automated
  kPartly,     // a check supports it partly, or proves a clause under (or above) it
  kManual,     // an officer's judgement and documents only
};

std::string_view to_string(Automation automation);

struct ChapterCoverage {
  int chapter = 0;
  int automated = 0;
  int partly = 0;
  int manual = 0;
  std::vector<std::string_view> automated_ids;  // requirement IDs, catalog order
  std::vector<std::string_view> partly_ids;
  std::vector<std::string_view> manual_ids;
};

// Over the requirement nodes (informative text excluded), chapter by chapter.
Automation automation_of(const catalog::Catalog& catalog, const catalog::Node& node);
std::vector<ChapterCoverage> coverage(const catalog::Catalog& catalog);

}  // namespace etguard::app
