#include "iot/probe/login_loop.h"

#include <thread>
#include <vector>

namespace etguard::iot::probe {
namespace {

// The end of a probe at a result other than a refusal.
ProbeOutcome& settle(ProbeOutcome& outcome, const LoginResult& result, const Credential* used) {
  outcome.note = result.note;
  switch (result.login) {
    case Login::kAccepted:
      outcome.access = used == nullptr ? ProbeAccess::kOpen : ProbeAccess::kDefaultAccepted;
      if (used != nullptr) {
        outcome.user = used->user;
        outcome.listed_at = used->listed_at;
      }
      break;
    case Login::kUnreachable:
      outcome.access = ProbeAccess::kUnreachable;
      break;
    case Login::kUnclear:
    case Login::kRefused:
      outcome.access = ProbeAccess::kUnclear;
      break;
  }
  return outcome;
}

}  // namespace

Pacer::Pacer(double per_second)
    : interval_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(1.0 / per_second))),
      next_(std::chrono::steady_clock::now()) {}

void Pacer::wait() {
  std::this_thread::sleep_until(next_);
  next_ = std::max(next_, std::chrono::steady_clock::now()) + interval_;
}

ProbeOutcome run_logins(std::string_view service, const Target& target, Credentials credentials,
                        Pacer& pacer, bool try_without,
                        const std::function<LoginResult(const Credential*)>& login) {
  ProbeOutcome outcome;
  outcome.service = std::string(service);
  outcome.port = target.port;
  std::vector<const Credential*> attempts;  // nullptr: the login without a credential
  if (try_without) {
    attempts.push_back(nullptr);
  }
  attempts.insert(attempts.end(), credentials.begin(), credentials.end());
  for (const Credential* credential : attempts) {
    pacer.wait();
    ++outcome.attempts;
    const LoginResult result = login(credential);
    if (result.login != Login::kRefused) {
      return settle(outcome, result, credential);
    }
    outcome.note = result.note;
  }
  outcome.access = ProbeAccess::kRefused;
  return outcome;
}

}  // namespace etguard::iot::probe
