// The canonical states of the workspace's objects, as the ledger digests
// them (before and after each change). Verification recomputes them from the
// live records and compares them with the ledger's latest after-digest.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "assess/status.h"
#include "store/records.h"

namespace etguard::workspace {

std::string result_state(const assess::Result& result);
// The result a result_state() JSON describes (node and object left empty);
// nullopt when `state` is not one.
std::optional<assess::Result> result_from_state(std::string_view state);
std::string evidence_state(const assess::Evidence& record);
std::string sign_off_state(const assess::SignOff& sign_off);
// A withdrawal (or supersession) of an evidence record.
std::string withdrawal_state(const assess::Evidence& record);
std::string review_state(const assess::EvidenceReview& review);
std::string comment_state(const assess::Comment& comment);
std::string setting_state(const std::string& key, const std::string& value);
// A user's public state: everything but the password and the TOTP seed.
std::string user_state(const store::UserRecord& user);
// An API token's state: everything but the secret, whose SHA-256 is kept so
// that a digest swapped behind etguard's back is named by the verification.
std::string api_token_state(const store::ApiTokenRecord& token);

}  // namespace etguard::workspace
