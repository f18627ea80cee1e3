// The shape of a TLS check: metadata plus a pure function of the collected
// TlsProfile under the policy. Each check folder declares one of these.
#pragma once

#include "checks/check.h"
#include "checks/tls/policy.h"
#include "tls/profile.h"

namespace etguard::tls_checks {

using Evaluate = check::Assessment (*)(const tls::TlsProfile& profile, const TlsPolicy& policy);

struct TlsCheck {
  const check::CheckInfo& (*metadata)();
  Evaluate evaluate;
};

}  // namespace etguard::tls_checks
