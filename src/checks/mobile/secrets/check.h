// Check mobile.secrets — see check.cc for what it proves and how.
#pragma once

#include "checks/mobile/app_check.h"

namespace etguard::mobile_checks::secrets {

const check::CheckInfo& metadata();
std::optional<check::Assessment> evaluate(const AppEvidence& evidence);

}  // namespace etguard::mobile_checks::secrets
