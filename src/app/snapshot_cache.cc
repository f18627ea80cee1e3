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
  derived_.clear();
}

std::shared_ptr<const void> SnapshotCache::find_derived(const Snapshot* of,
                                                        const std::string& name) {
  const std::scoped_lock lock(mutex_);
  if (of != snapshot_.get()) {
    return nullptr;
  }
  const auto found = derived_.find(name);
  return found == derived_.end() ? nullptr : found->second;
}

void SnapshotCache::keep_derived(const Snapshot* of, const std::string& name,
                                 std::shared_ptr<const void> value) {
  const std::scoped_lock lock(mutex_);
  if (of == snapshot_.get()) {
    derived_.insert_or_assign(name, std::move(value));
  }
}

}  // namespace etguard::app
