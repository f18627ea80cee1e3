// Check authlog.notification — see check.cc for what it proves and how.
#pragma once

#include "checks/authlog/authlog_check.h"

namespace etguard::authlog_checks::notification {

const check::CheckInfo& metadata();
check::Assessment evaluate(const DayResult& day);

}  // namespace etguard::authlog_checks::notification
