#include "app/session.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/identity.h"
#include "app/snapshot_cache.h"
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

// At most this many ledger entries since the kept snapshot are patched in;
// more, and the snapshot is loaded whole.
constexpr std::int64_t kMostPatched = 256;

// The records-changing actions a kept snapshot is patched for: a result set
// (its line made again) and a comment (not in a snapshot). Any other change
// (registers, evidence, cycles, sign-offs) loads it whole.
bool patchable(std::string_view action) {
  return action == "result.set" || action == "comment.add";
}

}  // namespace

Result<std::shared_ptr<const Snapshot>> Session::patched_snapshot(const SnapshotKey& key) {
  const auto kept = environment_.snapshots->kept();
  if (!kept || kept->first.today != key.today || kept->first.head_seq >= key.head_seq) {
    return nullptr;
  }
  auto since = workspace_.ledger_lines_from(kept->first.head_seq, kMostPatched + 1);
  if (!since) {
    return std::unexpected(since.error());
  }
  // The kept head must still be in the ledger as it was (not a restored copy).
  if (since->empty() || since->front().seq != kept->first.head_seq ||
      since->front().hash != kept->first.head_hash ||
      (since->size() > static_cast<std::size_t>(kMostPatched) &&
       since->back().seq <= key.head_seq)) {
    return nullptr;
  }
  std::vector<std::pair<std::string, std::string>> changed;
  for (auto line = std::next(since->begin()); line != since->end(); ++line) {
    if (line->seq > key.head_seq) {
      break;  // committed after the head this snapshot is for
    }
    if (!store::changes_records(line->action)) {
      continue;
    }
    if (!patchable(line->action)) {
      return nullptr;
    }
    const std::size_t space = line->object.find(' ');
    if (line->action == "result.set" && space != std::string::npos) {
      std::pair<std::string, std::string> key_of_line{line->object.substr(0, space),
                                                      line->object.substr(space + 1)};
      if (std::ranges::find(changed, key_of_line) == changed.end()) {
        changed.push_back(std::move(key_of_line));
      }
    }
  }
  auto patched = std::make_shared<Snapshot>(*kept->second);
  for (const std::pair<std::string, std::string>& line_key : changed) {
    const std::string& node_id = line_key.first;
    const std::string& object = line_key.second;
    auto read = workspace_.result(node_id, object);
    if (!read) {
      return std::unexpected(read.error());
    }
    std::optional<assess::Result>& stored = *read;
    const auto at = std::ranges::find_if(patched->results, [&](const assess::Result& result) {
      return result.node_id == node_id && result.object == object;
    });
    if (!stored) {
      if (at != patched->results.end()) {
        patched->results.erase(at);
      }
    } else if (at != patched->results.end()) {
      *at = std::move(*stored);
    } else {
      patched->results.push_back(std::move(*stored));
    }
  }
  assess::restate_lines(patched->lines, changed, patched->scope, patched->registers,
                        patched->results, patched->today, patched->deadline, patched->evidence);
  return std::shared_ptr<const Snapshot>(std::move(patched));
}

Result<Environment> terminal_environment(const std::string& actor_option) {
  auto actor = terminal_actor(actor_option);
  if (!actor) {
    return std::unexpected(actor.error());
  }
  return Environment{&system_clock(), std::move(*actor), &system_random()};
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

Result<std::shared_ptr<const Snapshot>> Session::current_snapshot() {
  const auto load = [&]() -> Result<std::shared_ptr<const Snapshot>> {
    auto loaded = snapshot();
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    return std::make_shared<const Snapshot>(std::move(*loaded));
  };
  if (environment_.snapshots == nullptr) {
    return load();
  }
  // The head first: a change committed after it makes the next request load again.
  auto head = workspace_.last_records_change();
  if (!head) {
    return std::unexpected(head.error());
  }
  const SnapshotKey key{.head_seq = head->seq, .head_hash = head->hash, .today = today()};
  return environment_.snapshots->at(key, [&]() -> Result<std::shared_ptr<const Snapshot>> {
    // A few results changed since the snapshot kept: it is patched, not
    // loaded again (a 100,000-result workspace loads in about 0.4 s).
    auto patched = patched_snapshot(key);
    if (!patched) {
      return std::unexpected(patched.error());
    }
    environment_.snapshots->count(*patched != nullptr);
    return *patched != nullptr ? *patched : load();
  });
}

Result<Snapshot> Session::snapshot(const std::string& today, const std::string& cycle) {
  Snapshot snapshot;
  auto cycles = workspace_.cycles();
  auto evidence = workspace_.load_evidence();
  auto sign_offs = workspace_.sign_offs();
  if (!cycles || !evidence || !sign_offs) {
    return std::unexpected(!cycles     ? cycles.error()
                           : !evidence ? evidence.error()
                                       : sign_offs.error());
  }
  const auto named =
      std::ranges::find(*cycles, cycle.empty() && !cycles->empty() ? cycles->back().name : cycle,
                        &store::CycleRecord::name);
  if (!cycle.empty() && named == cycles->end()) {
    return fail(ErrorKind::kNotFound,
                fmt::format("no cycle named '{}' (etguard cycle list)", cycle),
                fmt::format("沒有名為 '{}' 的評估週期（etguard cycle list）", cycle));
  }
  if (named != cycles->end()) {
    snapshot.cycle = named->name;
    snapshot.deadline = named->due_on;
  }
  const auto next = named == cycles->end() ? cycles->end() : std::next(named);
  if (next == cycles->end()) {
    auto registers = workspace_.load_registers();
    auto results = workspace_.load_results();
    if (!registers || !results) {
      return std::unexpected(!registers ? registers.error() : results.error());
    }
    snapshot.registers = std::move(*registers);
    snapshot.results = std::move(*results);
    snapshot.evidence = std::move(*evidence);
    snapshot.today = today.empty() ? this->today() : today;
  } else {
    // A closed cycle: what the next one's start archived.
    auto archive = workspace_.cycle_archive(next->name);
    if (!archive) {
      return std::unexpected(archive.error());
    }
    // A cycle archived before schema 8 kept no registers: its scope comes
    // from today's.
    if (archive->registers_archived) {
      snapshot.registers = std::move(archive->registers);
    } else {
      auto registers = workspace_.load_registers();
      if (!registers) {
        return std::unexpected(registers.error());
      }
      snapshot.registers = std::move(*registers);
    }
    snapshot.results = std::move(archive->results);
    snapshot.closing_seq = archive->closing_seq;
    snapshot.closing_hash = archive->closing_hash;
    snapshot.closing_checkpoints = archive->closing_checkpoints;
    snapshot.closed_on = next->started_on;
    snapshot.today = next->started_on;
    for (assess::Evidence& record : *evidence) {
      if (record.added_at.substr(0, 10) < next->started_on) {
        if (record.withdrawn_at.substr(0, 10) >= next->started_on) {
          // Withdrawn after the cycle closed: as it stood then.
          record.withdrawn_at.clear();
          record.withdrawn_by.clear();
          record.withdrawn_reason.clear();
          record.superseded_by = 0;
        }
        snapshot.evidence.push_back(std::move(record));
      }
    }
  }
  for (assess::SignOff& sign_off : *sign_offs) {
    if (sign_off.cycle == snapshot.cycle && !snapshot.cycle.empty()) {
      snapshot.sign_offs.push_back(std::move(sign_off));
    }
  }
  snapshot.scope = assess::compute_scope(catalog::embedded_catalog(), snapshot.registers);
  snapshot.lines = assess::status_lines(snapshot.scope, snapshot.registers, snapshot.results,
                                        snapshot.today, snapshot.deadline, snapshot.evidence);
  return snapshot;
}

}  // namespace etguard::app
