// A check's verdict on one target, typed from the check that gives it to the
// evidence record and the report that shows it. Never a pass when the check
// could not run: kError is "could not assess".
#pragma once

#include <optional>
#include <string_view>

#include "core/lang.h"

namespace etguard {

enum class Verdict { kPass, kFail, kNotApplicable, kError };

// "pass", "fail", "not_applicable", "error": the spelling every output uses.
std::string_view to_string(Verdict verdict);
std::optional<Verdict> parse_verdict(std::string_view text);
// The verdict as a report shows it: 通過 / pass, 未通過 / fail, 不適用, 無法評估.
Text describe(Verdict verdict);

}  // namespace etguard
