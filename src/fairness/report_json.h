// A measurement as JSON: etguard.ai_fairness, format version 1.0. The HTML
// report, the check's evidence and --json all read this one form.
#pragma once

#include <nlohmann/json.hpp>

#include "fairness/measure.h"

namespace etguard::fairness {

inline constexpr const char* kFairnessFormat = "etguard.ai_fairness";
inline constexpr const char* kFairnessFormatVersion = "1.0";

nlohmann::ordered_json measurement_json(const Measurement& measurement);

}  // namespace etguard::fairness
