// The time, as the workspace records it: UTC ISO 8601 with milliseconds.
#pragma once

#include <string>

namespace etguard {

// "2026-11-26T16:59:31.123Z"
std::string utc_now();

// "2026-11-26"
std::string utc_today();

}  // namespace etguard
