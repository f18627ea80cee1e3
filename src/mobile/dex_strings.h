// The string table of a DEX file (classes*.dex): every literal, class, method
// and field name the code holds, which the checks search for endpoints,
// secrets and root-detection markers. A bounded parser: the counts and
// offsets are checked against the file, and a count the file cannot hold is
// an input error, not an allocation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "mobile/le_reader.h"
#include "mobile/string_table.h"

namespace etguard::mobile {

// Whether `text` is a type descriptor ("Lcom/example/Main;", "[I",
// "[[Ljava/lang/String;"): a name of the code, never data it holds.
bool is_type_descriptor(std::string_view text);

// Appends the strings to `into` in table order, as MUTF-8 bytes (the same as
// UTF-8 for all but NUL and characters beyond the BMP); returns how many.
// `where` names the file in errors; on an error `into` is as it was.
Result<std::size_t> read_dex_strings(ByteSpan dex, std::string_view where, StringTable& into);

}  // namespace etguard::mobile
