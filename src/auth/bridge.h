// etguard's world as etauth sees it: the injected clock and randomness, and
// etauth's errors as etguard's (with their Traditional Chinese form).
#pragma once

#include "core/clock.h"
#include "core/random.h"
#include "core/result.h"
#include "etauth/environment.h"
#include "etauth/error.h"

namespace etguard::auth {

class ClockBridge final : public etauth::Clock {
 public:
  explicit ClockBridge(const etguard::Clock& clock) : clock_(&clock) {}
  std::chrono::system_clock::time_point now() const override;

 private:
  const etguard::Clock* clock_;
};

class RandomBridge final : public etauth::Random {
 public:
  explicit RandomBridge(const etguard::Random& random) : random_(&random) {}
  etauth::Status fill(std::span<std::uint8_t> out) override;

 private:
  const etguard::Random* random_;
};

// An etauth error as one of etguard's: a wrong credential, a lock and a
// throttle are what a user is told in their language; the rest keep
// etauth's English message under a fitting kind.
Error from_etauth(const etauth::Error& error);

}  // namespace etguard::auth
