// The catalog as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads
// Chinese correctly), CRLF line ends, RFC 4180 quoting, the columns of
// table.h plus a last "Format" column naming the format and its version.
#pragma once

#include <string>

#include "catalog/catalog.h"

namespace etguard::catalog {

std::string catalog_to_csv(const Catalog& catalog, Lang lang);

}  // namespace etguard::catalog
