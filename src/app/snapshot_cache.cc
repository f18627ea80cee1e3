#include "app/snapshot_cache.h"

namespace etguard::app {

std::shared_ptr<const Snapshot> SnapshotCache::find(const SnapshotKey& key) {
  const std::scoped_lock lock(mutex_);
  return snapshot_ != nullptr && key_ == key ? snapshot_ : nullptr;
}

void SnapshotCache::keep(SnapshotKey key, std::shared_ptr<const Snapshot> snapshot) {
  const std::scoped_lock lock(mutex_);
  key_ = std::move(key);
  snapshot_ = std::move(snapshot);
}

}  // namespace etguard::app
