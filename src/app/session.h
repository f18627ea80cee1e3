// The application layer's entry point: an open workspace for one caller, with
// who acts and the clock injected. The CLI opens one per command; the server
// leases one per request with the logged-in user as the actor
// (app/session_pool.h).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assess/model.h"
#include "assess/scope.h"
#include "assess/status.h"
#include "core/clock.h"
#include "core/random.h"
#include "core/result.h"
#include "workspace/workspace.h"

namespace etguard::app {

// Everything a use case takes from its caller's world.
class SnapshotCache;
class SessionPool;
struct SnapshotKey;

struct Environment {
  const Clock* clock = &system_clock();
  std::string actor;
  const Random* random = &system_random();
  // A long-running front end (the server) keeps snapshots between requests
  // here; none: each is loaded when asked for.
  SnapshotCache* snapshots = nullptr;
};

// The terminal's environment: the system clock, and the actor as
// terminal_actor(actor_option) finds them (app/identity.h).
// An unreadable user configuration is an error naming it.
[[nodiscard]] Result<Environment> terminal_environment(const std::string& actor_option = {});

// The state a read-only use case works from, loaded once: the registers,
// results and evidence, the scope, and where each requirement stands.
struct Snapshot {
  assess::Registers registers;
  std::vector<assess::Result> results;
  std::vector<assess::Evidence> evidence;
  std::vector<assess::NodeScope> scope;
  std::vector<assess::StatusLine> lines;  // as of `today`
  std::string today;
  std::string deadline;  // the cycle's; empty: none set
  std::string cycle;     // the cycle's name; empty: no cycle started
  // For a closed cycle: the day the next one started (its results as they
  // stood then); empty for the current one.
  std::string closed_on;
  std::vector<assess::SignOff> sign_offs;  // of this cycle
  // A closed cycle: the ledger as its archive was recorded (entries,
  // checkpoints and head then), so its report is the same whenever produced.
  std::int64_t closing_seq = 0;
  std::string closing_hash;
  std::int64_t closing_checkpoints = 0;
};

class Session {
 public:
  // The workspace at `dir` (--workspace), else $ETGUARD_WORKSPACE, else the
  // nearest .etguard above the current directory.
  [[nodiscard]] static Result<Session> open(
      const std::optional<std::filesystem::path>& dir, Environment environment,
      workspace::Workspace::Access access = workspace::Workspace::Access::kReadWrite);
  // `etguard init`: a new workspace in `dir`; `key_uri` puts the ledger key on
  // a PKCS#11 token.
  [[nodiscard]] static Result<Session> create(const std::filesystem::path& dir,
                                              const std::string& key_uri, Environment environment);

  workspace::Workspace& workspace() { return workspace_; }
  // The .etguard directory.
  const std::filesystem::path& root() const { return workspace_.paths().root; }
  const std::string& actor() const { return environment_.actor; }
  const Clock& clock() const { return *environment_.clock; }
  const Random& random() const { return *environment_.random; }
  std::string today() const { return clock().utc_today(); }

  // The registers, results, evidence, scope and status as of `today` (empty:
  // the clock's today). With `cycle` naming a closed cycle: as that cycle
  // ended (its archive, the evidence added by then, as of the day it closed),
  // so its numbers never change; an unknown name is a not-found error.
  [[nodiscard]] Result<Snapshot> snapshot(const std::string& today = {},
                                          const std::string& cycle = {});
  // The current cycle's snapshot as of today, shared: from the environment's
  // cache while the workspace is unchanged but for its users and their
  // logins (app/snapshot_cache.h), else loaded (and kept there).
  [[nodiscard]] Result<std::shared_ptr<const Snapshot>> current_snapshot();
  // The environment's cache of snapshots (and what is derived from them); null without one.
  SnapshotCache* snapshot_cache() const { return environment_.snapshots; }

 private:
  // The snapshot kept in the environment's cache, patched with the results
  // set since (their lines made again); null when it cannot be (no snapshot
  // kept, another day, other changes, or too many).
  [[nodiscard]] Result<std::shared_ptr<const Snapshot>> patched_snapshot(const SnapshotKey& key);
  friend class SessionPool;  // lends a kept session to its next caller
  Session(workspace::Workspace workspace, Environment environment)
      : workspace_(std::move(workspace)), environment_(std::move(environment)) {}

  workspace::Workspace workspace_;
  Environment environment_;
};

}  // namespace etguard::app
