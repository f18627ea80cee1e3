// The current cycle's snapshot kept between requests by a long-running front
// end (issue 18: the dashboard and grid of a 100,000-result workspace within
// 50 ms). Every change to a workspace, by this process or any other, is a
// ledger entry, so a snapshot stands while the newest entry that changed
// more than the users and their logins (Workspace::last_records_change:
// its sequence number and hash) and the day are the ones it was loaded at.
// Thread-safe; it holds one snapshot (the newest asked for), and loads each
// once however many callers ask for it together.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "app/session.h"

namespace etguard::app {

struct SnapshotKey {
  std::int64_t head_seq = 0;
  std::string head_hash;
  std::string today;
  bool operator==(const SnapshotKey&) const = default;
};

class SnapshotCache {
 public:
  using Loader = std::function<Result<std::shared_ptr<const Snapshot>>()>;
  // The snapshot at `key`: the one kept, else what `load` makes, kept. While
  // one caller loads a key, others asking for it wait for that load rather
  // than repeat it.
  [[nodiscard]] Result<std::shared_ptr<const Snapshot>> at(const SnapshotKey& key,
                                                           const Loader& load);

  // The snapshot kept and its key; none before the first load.
  std::optional<std::pair<SnapshotKey, std::shared_ptr<const Snapshot>>> kept();
  // How many snapshots were loaded whole, and how many made by patching the
  // one kept with a few changed results (Session::current_snapshot).
  struct Counts {
    std::size_t loaded = 0;
    std::size_t patched = 0;
  };
  Counts counts();
  void count(bool patched);

  // What `make` derives from `snapshot` under `name` (one viewer's
  // dashboard), made once while that snapshot is the one kept; made afresh,
  // and not kept, for any other.
  template <typename T, typename Make>
  std::shared_ptr<const T> derived(const std::shared_ptr<const Snapshot>& snapshot,
                                   const std::string& name, const Make& make) {
    if (auto found = find_derived(snapshot.get(), name)) {
      return std::static_pointer_cast<const T>(found);
    }
    auto made = std::make_shared<const T>(make());
    keep_derived(snapshot.get(), name, made);
    return made;
  }

 private:
  std::shared_ptr<const void> find_derived(const Snapshot* of, const std::string& name);
  void keep_derived(const Snapshot* of, const std::string& name, std::shared_ptr<const void> value);

  std::mutex mutex_;
  std::condition_variable loaded_;
  std::optional<SnapshotKey> loading_;
  SnapshotKey key_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::map<std::string, std::shared_ptr<const void>, std::less<>> derived_;  // of snapshot_
  Counts counts_;
};

}  // namespace etguard::app
