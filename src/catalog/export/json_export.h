// The catalog as one JSON document: the contract of design/product.md
// (chapters[], articles[] with nodes[]) plus facts, terms and instruments.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace etguard::catalog {

nlohmann::ordered_json catalog_to_json(const Catalog& catalog);

// One node with every field, as it appears inside articles[].nodes[].
nlohmann::ordered_json node_to_json(const Catalog& catalog, const Node& node);

// A list of nodes (`kind`: "list", "search"), format etguard.catalog.<kind>:
// what `catalog list|search --json` print and /api/catalog/search answers.
nlohmann::ordered_json listing_json(std::string_view kind, const Catalog& catalog,
                                    const std::vector<const Node*>& nodes);

}  // namespace etguard::catalog
