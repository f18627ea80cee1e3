// Shared by the authlog.* check tests: a check decides on its own finding
// types only, and a day without events is never a pass.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "checks/authlog/authlog_check.h"

namespace etguard::authlog_checks {

inline void expect_decides(Evaluate evaluate, const char* type, const char* code,
                           check::Verdict when_found) {
  const authlog::DailySummary summary;
  const auto finding = [](const char* name) {
    authlog::Finding result;
    result.type = name;
    return result;
  };
  const std::vector<authlog::Finding> findings{finding(type), finding("some_other_type")};
  const check::Assessment with = evaluate(DayResult{&findings, &summary, 100, 0});
  EXPECT_EQ(with.verdict, when_found);
  ASSERT_EQ(with.reasons.size(), 1U);
  EXPECT_EQ(with.reasons[0].code, code);
  EXPECT_EQ(with.evidence["findings"][type], 1);

  const std::vector<authlog::Finding> other{finding("some_other_type")};
  const check::Assessment clean = evaluate(DayResult{&other, &summary, 100, 0});
  EXPECT_EQ(clean.verdict, check::Verdict::kPass);
  EXPECT_TRUE(clean.reasons.empty());

  EXPECT_EQ(evaluate(DayResult{&other, &summary, 0, 0}).verdict, check::Verdict::kError);
}

}  // namespace etguard::authlog_checks
