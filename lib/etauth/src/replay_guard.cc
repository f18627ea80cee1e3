#include "etauth/replay_guard.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace etauth {
namespace {

constexpr std::size_t kShards = 64;

struct Last {
  std::uint64_t sequence = 0;
  std::int64_t timestamp_ms = 0;
};

}  // namespace

struct ReplayGuard::Shard {
  std::mutex lock;
  std::unordered_map<std::uint64_t, Last> channels;
  std::int64_t swept_ms = 0;
};

ReplayGuard::ReplayGuard(ReplayGuardSettings settings)
    : settings_(settings), shards_(std::make_unique<Shard[]>(kShards)) {}
ReplayGuard::~ReplayGuard() = default;

Freshness ReplayGuard::check(std::uint64_t channel, std::uint64_t sequence,
                             std::int64_t timestamp_ms, std::int64_t now_ms) {
  const std::int64_t skew = settings_.max_skew.count();
  if (timestamp_ms < now_ms - skew || timestamp_ms > now_ms + skew) {
    return Freshness::kStale;
  }
  Shard& shard = shards_[(channel * 0x9E3779B97F4A7C15ULL) >> 58U];
  const std::lock_guard guard(shard.lock);
  const auto found = shard.channels.find(channel);
  if (found != shard.channels.end()) {
    if (sequence <= found->second.sequence) {
      return Freshness::kRepeated;
    }
    found->second = {sequence, std::max(found->second.timestamp_ms, timestamp_ms)};
    return Freshness::kFresh;
  }
  if (shard.channels.size() >= settings_.max_channels / kShards) {
    // Forget the channels quiet for longer than the skew: their old messages are stale now.
    if (now_ms - shard.swept_ms > skew / 4) {
      std::erase_if(shard.channels,
                    [&](const auto& entry) { return entry.second.timestamp_ms < now_ms - skew; });
      shard.swept_ms = now_ms;
    }
    if (shard.channels.size() >= settings_.max_channels / kShards) {
      return Freshness::kOverloaded;
    }
  }
  shard.channels.emplace(channel, Last{sequence, timestamp_ms});
  return Freshness::kFresh;
}

std::size_t ReplayGuard::channels() const {
  std::size_t total = 0;
  for (std::size_t i = 0; i < kShards; ++i) {
    const std::lock_guard guard(shards_[i].lock);
    total += shards_[i].channels.size();
  }
  return total;
}

}  // namespace etauth
