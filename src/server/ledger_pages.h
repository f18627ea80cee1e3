// /ledger and /api/ledger: the ledger verified, its head and newest entries.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/ledger_view.h"
#include "server/layout.h"

namespace etguard::server {

std::string ledger_page(const Frame& frame, const app::LedgerView& view);
// schema etguard.ledger-view 1.0.
nlohmann::ordered_json ledger_json(const app::LedgerView& view);

}  // namespace etguard::server
