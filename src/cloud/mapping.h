// The tools' checks mapped to the guideline's clauses, compiled from
// src/cloud/mappings/*.yaml at build time (tools/cloud-mapc validates every
// check id against the tool's published list and every clause against the
// catalog and its topic).
#pragma once

#include <span>
#include <string_view>

#include "cloud/posture.h"
#include "cloud/topics.h"

namespace etguard::cloud {

struct MappedCheck {
  std::string_view check_id;  // the tool's
  Topic topic;
  std::string_view clauses;  // space-separated requirement IDs
  bool full = false;         // the check proves the clauses alone (else partial)
};

// The mapping of `tool`, sorted by check id.
std::span<const MappedCheck> mapping_of(Tool tool);

// The mapping of one check; nullptr when it is not mapped.
const MappedCheck* mapped_check(Tool tool, std::string_view check_id);

}  // namespace etguard::cloud
