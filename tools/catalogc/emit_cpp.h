// Writes a catalog as a C++ source file of constexpr tables that define
// etguard::catalog::embedded_catalog_data().
#pragma once

#include <string>

#include "catalog/model.h"

namespace etguard::catalog {

// `origin` is recorded in the generated file's header comment.
std::string emit_cpp(const CatalogData& data, const std::string& origin);

}  // namespace etguard::catalog
