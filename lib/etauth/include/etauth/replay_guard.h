// The replay guard of Art. 34's non-replay requirement: a message of a
// channel is accepted once — its timestamp within the allowed skew of now and
// its sequence number above the last one accepted on that channel (so a
// repeat, a stale message and a reordered one are all refused). Memory is
// bounded: a channel quiet for longer than the skew is forgotten, which is
// safe because any old message of it would now be stale; when the bound is
// reached by active channels, new channels are refused (fail closed).
// Thread-safe: channels are spread over independently locked shards.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>

namespace etauth {

enum class Freshness {
  kFresh,
  kRepeated,    // the sequence number is not above the channel's last
  kStale,       // the timestamp is outside the skew of now
  kOverloaded,  // too many active channels to remember another
};

struct ReplayGuardSettings {
  std::chrono::milliseconds max_skew{30'000};
  std::size_t max_channels = 1'000'000;
};

class ReplayGuard {
 public:
  explicit ReplayGuard(ReplayGuardSettings settings = {});
  ~ReplayGuard();
  ReplayGuard(const ReplayGuard&) = delete;
  ReplayGuard& operator=(const ReplayGuard&) = delete;
  ReplayGuard(ReplayGuard&&) = delete;
  ReplayGuard& operator=(ReplayGuard&&) = delete;

  // Times in milliseconds since the epoch.
  Freshness check(std::uint64_t channel, std::uint64_t sequence, std::int64_t timestamp_ms,
                  std::int64_t now_ms);
  std::size_t channels() const;

 private:
  struct Shard;
  ReplayGuardSettings settings_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace etauth
