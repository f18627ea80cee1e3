// Assessment cycles (e.g. yearly): starting one archives every result and
// resets it for re-attestation.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/session.h"
#include "core/lang.h"
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

// A sign-off of a cycle's report by the session's actor: of `report` (the
// file they read, e.g. the board report they were given), else of the
// cycle's HTML report in `lang`, produced now. The report is kept in the
// evidence store and its SHA-256 recorded in the ledger.
struct SignOffRequest {
  std::string cycle;  // empty: the current cycle
  std::filesystem::path report;
  std::string statement;
  Lang lang = Lang::kEn;
  // The report's bytes already in memory (an upload): signed as they are,
  // `report` then only naming them.
  std::optional<std::string_view> content = std::nullopt;
};
[[nodiscard]] Result<assess::SignOff> sign_off_cycle(Session& session,
                                                     const SignOffRequest& request);

}  // namespace etguard::app
