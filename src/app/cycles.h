// Assessment cycles (e.g. yearly): starting one archives every result and
// resets it for re-attestation.
#pragma once

#include <string>
#include <vector>

#include "app/session.h"
#include "store/records.h"

namespace etguard::app {

struct CycleStarted {
  std::string name;
  std::string started_on;
  int results_reset = 0;
};

// `today` empty: the clock's today.
[[nodiscard]] Result<CycleStarted> start_cycle(Session& session, const std::string& name,
                                               const std::string& today);
[[nodiscard]] Result<std::vector<store::CycleRecord>> list_cycles(Session& session);

}  // namespace etguard::app
