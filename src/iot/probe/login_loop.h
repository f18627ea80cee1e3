// The loop every probe shares: no credential first where the protocol has
// such a login, then each listed one, up to the first that works.
#pragma once

#include <functional>
#include <string>

#include "iot/probe/probe.h"

namespace etguard::iot::probe {

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
