// The catalog as an OSCAL 1.2.1 catalog: groups are chapters, controls are
// articles, nested parts are the article's nodes (statement, items,
// sub-items, points). etguard's own fields (obligation, conditions,
// recurrence, retention, evidence, the text in the other language) are props
// and parts in the namespace kOscalNamespace. External instruments are
// back-matter resources. UUIDs are name-based, so exports are reproducible.
#pragma once

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/result.h"

namespace etguard::catalog {

Result<nlohmann::ordered_json> catalog_to_oscal(const Catalog& catalog, Lang lang);

}  // namespace etguard::catalog
