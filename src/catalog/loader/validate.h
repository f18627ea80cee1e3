// Whole-catalog checks that need every file loaded: numbering, references
// between files, translations of glossary terms, and that each node's
// declared obligation matches its own wording. docs/catalog-schema.md lists
// every problem code.
#pragma once

#include <vector>

#include "catalog/loader/loader.h"

namespace etguard::catalog {

void validate_catalog(const LoadedCatalog& catalog, std::vector<Problem>& problems);

}  // namespace etguard::catalog
