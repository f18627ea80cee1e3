// The current cycle's snapshot kept between requests by a long-running front
// end (issue 18: the dashboard and grid of a 100,000-result workspace within
// 50 ms). Every change to a workspace, by this process or any other, is a
// ledger entry, so a snapshot stands while the ledger's head (its last
// sequence number and hash) and the day are the ones it was loaded at.
// Thread-safe; it holds one snapshot (the newest asked for).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

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
  // The snapshot loaded at `key`, or null.
  std::shared_ptr<const Snapshot> find(const SnapshotKey& key);
  void keep(SnapshotKey key, std::shared_ptr<const Snapshot> snapshot);

 private:
  std::mutex mutex_;
  SnapshotKey key_;
  std::shared_ptr<const Snapshot> snapshot_;
};

}  // namespace etguard::app
