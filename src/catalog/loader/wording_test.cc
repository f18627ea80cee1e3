#include "catalog/loader/wording.h"

#include <gtest/gtest.h>

namespace etguard::catalog {
namespace {

using O = Obligation;

TEST(ObligationWords, FindsShallShouldAndMayStrongestFirst) {
  EXPECT_EQ(obligation_words("組織應建立備份機制。"), (std::vector<O>{O::kShall}));
  EXPECT_EQ(obligation_words("宜考量集中管理稽核軌跡與監控資料。"), (std::vector<O>{O::kShould}));
  EXPECT_EQ(obligation_words("得參照本指引控管。"), (std::vector<O>{O::kMay}));
  EXPECT_EQ(obligation_words("得視需要委託，宜規劃頻率，應落實查核。"),
            (std::vector<O>{O::kShall, O::kShould, O::kMay}));
}

TEST(ObligationWords, IgnoresWordsThatOnlyContainTheMarkers) {
  EXPECT_TRUE(obligation_words("行動應用程式之供應鏈與應變").empty());
  EXPECT_TRUE(obligation_words("取得資料並獲得授權").empty());
  EXPECT_TRUE(obligation_words("證券商作業委託他人處理應注意事項").empty());
  EXPECT_TRUE(obligation_words("不可得知之資料").empty());
}

TEST(ObligationWords, TreatsProhibitionsAndMustAsShall) {
  EXPECT_EQ(obligation_words("不得低於我國要求"), (std::vector<O>{O::kShall}));
  EXPECT_EQ(obligation_words("組織須保有其權力"), (std::vector<O>{O::kShall}));
}

TEST(ObligationWords, StillSeesAMarkerAfterAnExcludedWord) {
  EXPECT_EQ(obligation_words("應用程式應經測試"), (std::vector<O>{O::kShall}));
}

}  // namespace
}  // namespace etguard::catalog
