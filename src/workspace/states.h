// The canonical states of the workspace's objects, as the ledger digests
// them (before and after each change). Verification recomputes them from the
// live records and compares them with the ledger's latest after-digest.
#pragma once

#include <string>

#include "assess/status.h"
#include "store/records.h"

namespace etguard::workspace {

std::string result_state(const assess::Result& result);
std::string evidence_state(const assess::Evidence& record);
std::string sign_off_state(const assess::SignOff& sign_off);
// A withdrawal (or supersession) of an evidence record.
std::string withdrawal_state(const assess::Evidence& record);

}  // namespace etguard::workspace
