// Check tls.handshake_signature — see check.cc for what it proves and how.
#pragma once

#include "checks/tls/tls_check.h"

namespace etguard::tls_checks::handshake_signature {

const check::CheckInfo& metadata();
check::Assessment evaluate(const tls::TlsProfile& profile, const TlsPolicy& policy);

}  // namespace etguard::tls_checks::handshake_signature
