#include "etauth/replay_guard.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "sqlite_file.h"

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

ReplayGuard::ReplayGuard(ReplayGuardSettings settings, ReplaySequenceStore* shared)
    : settings_(settings), shared_(shared), shards_(std::make_unique<Shard[]>(kShards)) {}
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
  if (found != shard.channels.end() && sequence <= found->second.sequence) {
    return Freshness::kRepeated;
  }
  if (shared_ != nullptr) {  // the store decides for every process
    auto advanced = shared_->advance(channel, sequence, timestamp_ms);
    if (!advanced) {
      return Freshness::kUnavailable;
    }
    if (!*advanced) {
      return Freshness::kRepeated;
    }
  }
  if (found != shard.channels.end()) {
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

struct SqliteReplayStore::State {
  std::unique_ptr<detail::SqliteFile> file;
  std::mutex lock;
};

SqliteReplayStore::SqliteReplayStore(std::unique_ptr<State> state) : state_(std::move(state)) {}
SqliteReplayStore::~SqliteReplayStore() = default;

Result<std::unique_ptr<SqliteReplayStore>> SqliteReplayStore::open(const std::string& path) {
  auto file = detail::SqliteFile::open(
      path, "replay store",
      "PRAGMA journal_mode=WAL;"
      "CREATE TABLE IF NOT EXISTS replay(channel INTEGER PRIMARY KEY, sequence INTEGER NOT NULL, "
      "timestamp_ms INTEGER NOT NULL) STRICT;");
  if (!file) {
    return std::unexpected(file.error());
  }
  auto state = std::make_unique<State>();
  state->file = std::move(*file);
  return std::unique_ptr<SqliteReplayStore>(new SqliteReplayStore(std::move(state)));
}

Result<bool> SqliteReplayStore::advance(std::uint64_t channel, std::uint64_t sequence,
                                        std::int64_t timestamp_ms) {
  // SQLite integers are signed 64-bit: sequences up to 2^63 - 1 are kept
  // (a counter never reaches more), channels keep their bits.
  if (sequence > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return error(Errc::kInvalidArgument, "replay store: sequence numbers stop at 2^63 - 1");
  }
  const std::lock_guard guard(state_->lock);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(state_->file->db(),
                         "INSERT INTO replay VALUES(?1, ?2, ?3) ON CONFLICT(channel) DO UPDATE "
                         "SET sequence = ?2, timestamp_ms = ?3 WHERE sequence < ?2 "
                         "RETURNING 1",
                         -1, &statement, nullptr) != SQLITE_OK) {
    return state_->file->failure("prepare");
  }
  sqlite3_bind_int64(statement, 1, static_cast<sqlite3_int64>(channel));
  sqlite3_bind_int64(statement, 2, static_cast<sqlite3_int64>(sequence));
  sqlite3_bind_int64(statement, 3, timestamp_ms);
  int rc = sqlite3_step(statement);
  const bool advanced = rc == SQLITE_ROW;
  if (advanced) {
    rc = sqlite3_step(statement);
  }
  sqlite3_finalize(statement);
  if (rc != SQLITE_DONE) {
    return state_->file->failure("advance");
  }
  return advanced;
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
