// Loads a catalog directory (catalog/<id>/<version>/: catalog.yaml,
// facts.yaml, terms.yaml, articles/NN.yaml and the source text) and validates
// it strictly. Used at build time by tools/catalogc and by the tests.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/loader/arena.h"
#include "catalog/model.h"
#include "core/problems.h"

namespace etguard::catalog {

// A loaded catalog: the views in data() point into the arena it owns.
class LoadedCatalog {
 public:
  const CatalogData& data() const { return data_; }
  // Where each thing was defined: nodes and facts by ID, articles as
  // "article:N", terms as "term:ID", instruments by ID.
  const std::map<std::string, Location, std::less<>>& locations() const { return locations_; }

 private:
  friend class CatalogLoader;
  Arena arena_;
  CatalogData data_;
  std::map<std::string, Location, std::less<>> locations_;
};

struct LoadOutcome {
  std::unique_ptr<LoadedCatalog> catalog;  // always set; partial when problems exist
  std::vector<Problem> problems;           // empty when the catalog is valid
};

LoadOutcome load_catalog(const std::filesystem::path& directory);

}  // namespace etguard::catalog
