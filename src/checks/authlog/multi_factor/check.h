// Check authlog.multi_factor — see check.cc for what it proves and how.
#pragma once

#include "checks/authlog/authlog_check.h"

namespace etguard::authlog_checks::multi_factor {

const check::CheckInfo& metadata();
check::Assessment evaluate(const DayResult& day);

}  // namespace etguard::authlog_checks::multi_factor
