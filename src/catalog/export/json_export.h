// The catalog as one JSON document: the contract of design/product.md
// (chapters[], articles[] with nodes[]) plus facts, terms and instruments.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace etguard::catalog {

nlohmann::ordered_json catalog_to_json(const Catalog& catalog);

// One article with every field and its nodes, as it appears inside articles[].
nlohmann::ordered_json article_to_json(const Catalog& catalog, const Article& article);

// One node with every field, as it appears inside articles[].nodes[].
nlohmann::ordered_json node_to_json(const Catalog& catalog, const Node& node);

// `text` as the fields <base>_zh and <base>_en of `out`, as every export writes it.
void put_text(nlohmann::ordered_json& out, std::string_view base, const Text& text);

// A list of nodes (`kind`: "list", "search"), format etguard.catalog.<kind>:
// what `catalog list|search --json` print and /api/catalog/search answers.
nlohmann::ordered_json listing_json(std::string_view kind, const Catalog& catalog,
                                    const std::vector<const Node*>& nodes);

}  // namespace etguard::catalog
