#include "app/session.h"

#include "app/identity.h"
#include "catalog/data/embedded.h"

namespace etguard::app {
namespace {

Error no_actor() {
  return Error{ErrorKind::kUsage,
               "who is acting? every change is recorded under a name: run 'etguard config set "
               "user.name \"Your Name\"' (and user.email), or give --actor",
               "請先設定操作者：每項變更都以姓名記錄；請執行 'etguard config set user.name "
               "\"您的姓名\"'（及 user.email），或以 --actor 指定"};
}

}  // namespace

Environment terminal_environment(const std::string& actor_option) {
  return {&system_clock(), terminal_actor(actor_option), &system_random()};
}

Result<Session> Session::open(const std::optional<std::filesystem::path>& dir,
                              Environment environment, workspace::Workspace::Access access) {
  if (access == workspace::Workspace::Access::kReadWrite && environment.actor.empty()) {
    return std::unexpected(no_actor());
  }
  auto paths = store::find_workspace(dir, std::filesystem::current_path());
  if (!paths) {
    return std::unexpected(paths.error());
  }
  auto workspace = workspace::Workspace::open(*paths, *environment.clock, access);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  return Session(std::move(*workspace), std::move(environment));
}

Result<Session> Session::create(const std::filesystem::path& dir, const std::string& key_uri,
                                Environment environment) {
  if (environment.actor.empty()) {
    return std::unexpected(no_actor());
  }
  auto workspace = workspace::Workspace::create(dir, environment.actor, key_uri, *environment.clock,
                                                *environment.random);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  return Session(std::move(*workspace), std::move(environment));
}

Result<Snapshot> Session::snapshot(const std::string& today) {
  Snapshot snapshot;
  auto registers = workspace_.load_registers();
  auto results = workspace_.load_results();
  auto evidence = workspace_.load_evidence();
  if (!registers || !results || !evidence) {
    return std::unexpected(!registers ? registers.error()
                           : !results ? results.error()
                                      : evidence.error());
  }
  snapshot.registers = std::move(*registers);
  snapshot.results = std::move(*results);
  snapshot.evidence = std::move(*evidence);
  snapshot.today = today.empty() ? this->today() : today;
  snapshot.scope = assess::compute_scope(catalog::embedded_catalog(), snapshot.registers);
  auto cycle = workspace_.current_cycle();
  if (!cycle) {
    return std::unexpected(cycle.error());
  }
  if (const std::optional<store::CycleRecord>& current = *cycle; current.has_value()) {
    snapshot.deadline = current->due_on;
  }
  snapshot.lines = assess::status_lines(snapshot.scope, snapshot.registers, snapshot.results,
                                        snapshot.today, snapshot.deadline);
  return snapshot;
}

}  // namespace etguard::app
