// The replay guard of Art. 34's non-replay requirement: a message of a
// channel is accepted once — its timestamp within the allowed skew of now and
// its sequence number above the last one accepted on that channel (so a
// repeat, a stale message and a reordered one are all refused). Memory is
// bounded: a channel quiet for longer than the skew is forgotten, which is
// safe because any old message of it would now be stale; when the bound is
// reached by active channels, new channels are refused (fail closed).
// Thread-safe: channels are spread over independently locked shards.
//
// Memory alone forgets on restart, and is not shared by a second server: an
// envelope from the last 30 s would be accepted again there. With a
// ReplaySequenceStore (the reference one is SQLite, as lockout's), the last
// accepted sequence of each channel is persisted and the store decides: a
// message is fresh only when the store moved the channel's sequence forward.
// When the store fails, the guard fails closed (kUnavailable).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "etauth/error.h"

namespace etauth {

enum class Freshness {
  kFresh,
  kRepeated,     // the sequence number is not above the channel's last
  kStale,        // the timestamp is outside the skew of now
  kOverloaded,   // too many active channels to remember another
  kUnavailable,  // the shared store could not be asked: refused
};

// The last accepted sequence per channel, shared by processes and restarts.
class ReplaySequenceStore {
 public:
  virtual ~ReplaySequenceStore() = default;
  // Atomically: when `sequence` is above the channel's last, it becomes the
  // last and the answer is true; otherwise false.
  virtual Result<bool> advance(std::uint64_t channel, std::uint64_t sequence,
                               std::int64_t timestamp_ms) = 0;
};

class SqliteReplayStore final : public ReplaySequenceStore {
 public:
  static Result<std::unique_ptr<SqliteReplayStore>> open(const std::string& path);
  ~SqliteReplayStore() override;
  SqliteReplayStore(const SqliteReplayStore&) = delete;
  SqliteReplayStore& operator=(const SqliteReplayStore&) = delete;
  SqliteReplayStore(SqliteReplayStore&&) = delete;
  SqliteReplayStore& operator=(SqliteReplayStore&&) = delete;
  Result<bool> advance(std::uint64_t channel, std::uint64_t sequence,
                       std::int64_t timestamp_ms) override;

 private:
  struct State;
  explicit SqliteReplayStore(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

struct ReplayGuardSettings {
  std::chrono::milliseconds max_skew{30'000};
  std::size_t max_channels = 1'000'000;
};

class ReplayGuard {
 public:
  // With `shared`, every fresh message is also recorded there (and refused
  // when the store has seen its sequence already).
  explicit ReplayGuard(ReplayGuardSettings settings = {}, ReplaySequenceStore* shared = nullptr);
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
  ReplaySequenceStore* shared_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace etauth
