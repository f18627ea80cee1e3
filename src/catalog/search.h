// Full-text search over the catalog in Chinese and English.
//
// Each whitespace-separated word of the query must match a node (AND). A word
// matches Chinese text as a substring and English text case-insensitively at
// a word start. Glossary terms widen a word: an abbreviation ("MFA") or an
// English or Chinese form of a term also matches the term's other forms, so
// "MFA", "multi-factor" and "多因子" find the same clauses. Hits are ranked by
// where they matched (node ID, then text and heading, then evidence and
// notes), then by document order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace etguard::catalog {

struct SearchHit {
  const Node* node = nullptr;
  int score = 0;
};

std::vector<SearchHit> search(const Catalog& catalog, std::string_view query,
                              std::size_t limit = 50);

}  // namespace etguard::catalog
