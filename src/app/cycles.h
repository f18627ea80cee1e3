// Assessment cycles (e.g. yearly): starting one archives every result and
// resets it for re-attestation.
#pragma once

#include <string>
#include <vector>

#include "app/session.h"
#include "store/records.h"

namespace etguard::app {

struct CycleStart {
  std::string name;
  std::string today;   // empty: the clock's today
  std::string due_on;  // the deadline; empty: none
  bool dry_run = false;
};

struct CycleStarted {
  std::string name;
  std::string started_on;
  std::string due_on;
  int results_reset = 0;
  int carried_over = 0;  // open non-compliances kept as they stand
  bool dry_run = false;
};

[[nodiscard]] Result<CycleStarted> start_cycle(Session& session, const CycleStart& start);
[[nodiscard]] Result<std::vector<store::CycleRecord>> list_cycles(Session& session);

}  // namespace etguard::app
