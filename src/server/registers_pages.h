// The registers page: a bar per register of the entries the viewer reaches,
// a filter by register and a search, and one page of entries with their
// owner, facts, details and dates. And their JSON (etguard.registers 1.0).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/registers_view.h"
#include "server/layout.h"

namespace etguard::server {

std::string registers_page(const Frame& frame, const app::RegistersView& view,
                           const app::RegistersQuery& query);

nlohmann::ordered_json registers_json(const app::RegistersView& view,
                                      const app::RegistersQuery& query);

// What an import did or would do (etguard.registers-import 1.0).
nlohmann::ordered_json registers_import_json(const app::RegistersImported& imported);

// The script of the import form (/static/registers.js): the file goes as the
// body of a dry run first, its changes listed; then, confirmed, for real.
std::string_view registers_script();

// One entry's edit form: name, owner, each of its register's facts
// (yes / no, or unset), details and dates one "name: value" a line; the
// problem of a refused change above it, with what was typed.
std::string register_entry_page(const Frame& frame, const assess::RegisterEntry& entry,
                                const std::string& problem, bool may_remove);

}  // namespace etguard::server
