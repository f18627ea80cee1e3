// The workspace database schema as an ordered list of migrations. A migration
// is never edited once released; changes are new migrations.
#pragma once

#include <span>
#include <string_view>

namespace etguard::store {

struct Migration {
  int version;
  std::string_view sql;
};

std::span<const Migration> migrations();

}  // namespace etguard::store
