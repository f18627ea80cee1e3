// The replay guard: each (channel, sequence) once, in order, within the skew
// of now; bounded memory; correct under many threads.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "etauth/replay_guard.h"

namespace etauth {
namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;

TEST(ReplayGuard, OnceInOrderAndFresh) {
  ReplayGuard guard;
  EXPECT_EQ(guard.check(7, 1, kNow, kNow), Freshness::kFresh);
  EXPECT_EQ(guard.check(7, 1, kNow, kNow), Freshness::kRepeated);
  EXPECT_EQ(guard.check(7, 3, kNow, kNow), Freshness::kFresh);
  EXPECT_EQ(guard.check(7, 2, kNow, kNow), Freshness::kRepeated);  // not increasing
  EXPECT_EQ(guard.check(8, 1, kNow, kNow), Freshness::kFresh);     // channels are separate
  EXPECT_EQ(guard.check(7, 4, kNow - 30'001, kNow), Freshness::kStale);
  EXPECT_EQ(guard.check(7, 4, kNow + 30'001, kNow), Freshness::kStale);
  EXPECT_EQ(guard.check(7, 4, kNow - 30'000, kNow), Freshness::kFresh);
}

TEST(ReplayGuard, MemoryIsBoundedAndForgettingIsSafe) {
  ReplayGuardSettings settings;
  settings.max_channels = 64 * 4;  // four per shard
  ReplayGuard guard(settings);
  std::uint64_t accepted = 0;
  for (std::uint64_t channel = 0; channel < 10'000; ++channel) {
    accepted += guard.check(channel, 1, kNow, kNow) == Freshness::kFresh ? 1U : 0U;
  }
  EXPECT_LE(guard.channels(), settings.max_channels);
  EXPECT_LT(accepted, 10'000U);  // full of active channels: refused, not forgotten
  // A minute later the old channels are quiet: they may be forgotten, and a
  // replay of their messages is stale anyway.
  const std::int64_t later = kNow + 60'000;
  EXPECT_EQ(guard.check(0, 1, kNow, later), Freshness::kStale);
  EXPECT_EQ(guard.check(20'000, 1, later, later), Freshness::kFresh);
  EXPECT_LE(guard.channels(), settings.max_channels);
}

TEST(ReplayGuard, ManyThreadsAcceptEachSequenceAtMostOnceAndInOrder) {
  ReplayGuard guard;
  constexpr int kThreads = 8;
  constexpr std::uint64_t kChannels = 64;
  constexpr std::uint64_t kSequences = 500;
  // How often each (channel, sequence) was accepted, and by which order per channel.
  std::vector<std::atomic<int>> accepted(kChannels * (kSequences + 1));
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      // Every thread offers every message, in order.
      for (std::uint64_t sequence = 1; sequence <= kSequences; ++sequence) {
        for (std::uint64_t channel = 0; channel < kChannels; ++channel) {
          if (guard.check(channel, sequence, kNow, kNow) == Freshness::kFresh) {
            ++accepted[channel * (kSequences + 1) + sequence];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (std::uint64_t channel = 0; channel < kChannels; ++channel) {
    for (std::uint64_t sequence = 1; sequence <= kSequences; ++sequence) {
      ASSERT_LE(accepted[channel * (kSequences + 1) + sequence].load(), 1)
          << "channel " << channel << " sequence " << sequence << " accepted twice";
    }
    // Nothing is above the last sequence, so exactly one thread got it.
    EXPECT_EQ(accepted[channel * (kSequences + 1) + kSequences].load(), 1) << channel;
  }
  EXPECT_EQ(guard.channels(), kChannels);
}

// Defect 6: after a restart, or on a second server, an envelope from the
// last 30 s was accepted again.
TEST(ReplayGuard, ASharedStoreRemembersAcrossRestartsAndServers) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("etauth-replay-" + std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
  const std::int64_t now = 1'800'000'000'000;
  {
    auto store = SqliteReplayStore::open(path.string()).value();
    ReplayGuard first_run({}, store.get());
    EXPECT_EQ(first_run.check(7, 41, now, now), Freshness::kFresh);
  }
  auto store = SqliteReplayStore::open(path.string()).value();
  auto other_server_store = SqliteReplayStore::open(path.string()).value();
  ReplayGuard restarted({}, store.get());
  ReplayGuard other_server({}, other_server_store.get());
  EXPECT_EQ(restarted.check(7, 41, now, now + 1000), Freshness::kRepeated);
  EXPECT_EQ(other_server.check(7, 42, now, now + 1000), Freshness::kFresh);
  EXPECT_EQ(restarted.check(7, 42, now, now + 1000), Freshness::kRepeated);
  EXPECT_EQ(restarted.check(7, 43, now, now + 1000), Freshness::kFresh);
  EXPECT_EQ(restarted.check(8, std::numeric_limits<std::uint64_t>::max(), now, now),
            Freshness::kUnavailable);  // fails closed
  store.reset();
  other_server_store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
}

}  // namespace
}  // namespace etauth
