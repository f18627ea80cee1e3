#include "core/verdict.h"

#include <gtest/gtest.h>

namespace etguard {
namespace {

TEST(VerdictTest, EveryVerdictReadsBackFromItsName) {
  for (Verdict verdict :
       {Verdict::kPass, Verdict::kFail, Verdict::kNotApplicable, Verdict::kError}) {
    EXPECT_EQ(parse_verdict(to_string(verdict)), verdict);
  }
  EXPECT_EQ(to_string(Verdict::kNotApplicable), "not_applicable");
  EXPECT_FALSE(parse_verdict("FAIL").has_value());
  EXPECT_FALSE(parse_verdict("").has_value());
}

}  // namespace
}  // namespace etguard
