// The catalog as one JSON document: the contract of design/product.md
// (chapters[], articles[] with nodes[]) plus facts, terms and instruments.
#pragma once

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"

namespace etguard::catalog {

nlohmann::ordered_json catalog_to_json(const Catalog& catalog);

// One node with every field, as it appears inside articles[].nodes[].
nlohmann::ordered_json node_to_json(const Catalog& catalog, const Node& node);

}  // namespace etguard::catalog
