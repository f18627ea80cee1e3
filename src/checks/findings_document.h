// Findings as a document (schema etguard.findings_push 1.0): what `etguard
// scan ... --push` sends and the server reads back. Its findings are
// etguard.finding records (checks/output.h), plus the requirements a finding
// speaks to when they are fewer than its check's. Read back with the same
// checks as any outside input: every check one this etguard knows, every
// field of the right type, every time RFC 3339, each problem located.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check.h"
#include "core/result.h"

namespace etguard::check {

inline constexpr std::size_t kMaxDocumentFindings = 100'000;

struct FindingsDocument {
  std::string object;  // "kind/key"; empty: each finding's target decides
  std::string period_from;
  std::string period_to;
  std::vector<Finding> findings;
};

nlohmann::ordered_json findings_document_json(const FindingsDocument& document);

// A usage error naming `source`, the byte or member and the problem.
[[nodiscard]] Result<FindingsDocument> parse_findings_document(std::string_view body,
                                                               std::string_view source);

}  // namespace etguard::check
