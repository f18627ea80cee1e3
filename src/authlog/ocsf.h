// The analyzer's OCSF output (schema 1.1) for SIEMs: every login and logout
// as an Authentication event (class 3002), every finding as a Detection
// Finding (class 2004) that names the guideline requirements it bears on.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "authlog/analyzer.h"
#include "authlog/event.h"

namespace etguard::authlog {

// True for the events class 3002 describes (logins and logouts).
bool is_authentication(const Event& event);

nlohmann::ordered_json ocsf_authentication(const Event& event, const Interner& strings);

// `requirements` are the catalog ids of the check that judges this type.
nlohmann::ordered_json ocsf_finding(const Finding& finding,
                                    std::span<const std::string_view> requirements);

}  // namespace etguard::authlog
