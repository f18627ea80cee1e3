#include "catalog/data/embedded.h"

namespace etguard::catalog {

const Catalog& embedded_catalog() {
  static const Catalog catalog(embedded_catalog_data());
  return catalog;
}

}  // namespace etguard::catalog
