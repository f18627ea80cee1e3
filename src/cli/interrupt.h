// Ending a long-running command gracefully: after stop_on_signals(), SIGINT
// and SIGTERM set the flag instead of killing the process, and a read
// waiting on standard input returns (no SA_RESTART).
#pragma once

#include <atomic>

namespace etguard::cli {

const std::atomic<bool>& stop_on_signals();

}  // namespace etguard::cli
