// Every check etguard has, by collector. One registration line per check in
// registry.cc; registry_test.cc keeps folders, registrations, metadata and
// catalog IDs in step.
#pragma once

#include <span>
#include <vector>

#include "checks/ai/ai_check.h"
#include "checks/authlog/authlog_check.h"
#include "checks/cloud/cloud_check.h"
#include "checks/iot/iot_check.h"
#include "checks/mobile/app_check.h"
#include "checks/pii/pii_check.h"
#include "checks/tls/tls_check.h"

namespace etguard::checks {

std::span<const tls_checks::TlsCheck> tls_checks();
std::span<const pii_checks::PiiCheck> pii_checks();
std::span<const authlog_checks::AuthlogCheck> authlog_checks();
std::span<const ai_checks::AiCheck> ai_checks();
std::span<const iot_checks::IotCheck> iot_checks();
std::span<const mobile_checks::AppCheck> mobile_checks();
std::span<const cloud_checks::CloudCheck> cloud_checks();
// The authlog.* check that judges findings of `type`, asked of the checks
// themselves (the one that gives a reason for a day holding only that type);
// nullptr when none does.
const check::CheckInfo* authlog_check_for(std::string_view type);
std::vector<const check::CheckInfo*> all_checks();

}  // namespace etguard::checks
