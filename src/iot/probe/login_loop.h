// The loop every probe shares: no credential first where the protocol has
// such a login, then each listed one, up to the first that works.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "iot/probe/probe.h"

namespace etguard::iot::probe {

// The least time the answer to a password is awaited, whatever the probe's
// timeout: devices pause before refusing one (busybox login 3 s; lighttpd
// answered the lab's fourth wrong Digest password after more than 1 s), and
// a pause is not a verdict.
constexpr std::chrono::milliseconds kPasswordAnswerWait{4000};

enum class Login { kAccepted, kRefused, kUnreachable, kUnclear };

struct LoginResult {
  Login login = Login::kUnclear;
  std::string note;  // what the service answered; never a credential
};

// `login(nullptr)` is the attempt without a credential, made first when
// `try_without`. A refusal moves on to the next credential; anything else
// ends the probe.
ProbeOutcome run_logins(std::string_view service, const Target& target, Credentials credentials,
                        Pacer& pacer, bool try_without,
                        const std::function<LoginResult(const Credential*)>& login);

}  // namespace etguard::iot::probe
