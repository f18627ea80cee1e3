// The scans' tables for a terminal: one row per TLS endpoint; PII findings
// by type and by file under a headline.
#pragma once

#include <string>
#include <vector>

#include "app/scan_pii.h"
#include "app/scan_tls.h"
#include "cli/output.h"

namespace etguard::cli {

std::string tls_table(const Context& context, const std::vector<app::TlsEndpointResult>& results);
void print_pii_tables(const Context& context, const app::PiiScan& scan);

}  // namespace etguard::cli
