// Name-based UUIDs (RFC 9562 version 5, SHA-1 via OpenSSL), so that exported
// documents get stable identifiers: the same catalog exports the same UUIDs.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard {

// The version-5 UUID of `name` in the etguard namespace, lower-case hex.
Result<std::string> name_based_uuid(std::string_view name);

}  // namespace etguard
