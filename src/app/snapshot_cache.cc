#include "app/snapshot_cache.h"

namespace etguard::app {

Result<std::shared_ptr<const Snapshot>> SnapshotCache::at(const SnapshotKey& key,
                                                          const Loader& load) {
  std::unique_lock lock(mutex_);
  loaded_.wait(lock, [&] { return !(loading_ == key) || (snapshot_ != nullptr && key_ == key); });
  if (snapshot_ != nullptr && key_ == key) {
    return snapshot_;
  }
  loading_ = key;
  lock.unlock();
  auto made = load();
  lock.lock();
  if (loading_ == key) {
    loading_.reset();
  }
  // A slower load of an older state never replaces a newer one.
  if (made && (snapshot_ == nullptr || key.today != key_.today || key.head_seq >= key_.head_seq)) {
    key_ = key;
    snapshot_ = *made;
    derived_.clear();
  }
  loaded_.notify_all();
  return made;
}

std::optional<std::pair<SnapshotKey, std::shared_ptr<const Snapshot>>> SnapshotCache::kept() {
  const std::scoped_lock lock(mutex_);
  if (snapshot_ == nullptr) {
    return std::nullopt;
  }
  return std::pair{key_, snapshot_};
}

SnapshotCache::Counts SnapshotCache::counts() {
  const std::scoped_lock lock(mutex_);
  return counts_;
}

void SnapshotCache::count(bool patched) {
  const std::scoped_lock lock(mutex_);
  ++(patched ? counts_.patched : counts_.loaded);
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
