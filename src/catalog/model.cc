#include "catalog/model.h"

#include <algorithm>

namespace etguard::catalog {
namespace {

template <typename Enum>
struct Name {
  Enum value;
  std::string_view name;
  Text label;
};

constexpr Name<Obligation> kObligationNames[] = {
    {Obligation::kShall, "shall", {"應", "shall"}},
    {Obligation::kShould, "should", {"宜", "should"}},
    {Obligation::kMay, "may", {"得", "may"}},
    {Obligation::kInformative, "informative", {"參考", "informative"}},
};

constexpr Name<Polarity> kPolarityNames[] = {
    {Polarity::kDuty, "duty", {"應辦事項", "duty"}},
    {Polarity::kProhibition, "prohibition", {"禁止事項", "prohibition"}},
};

constexpr Name<ArticleKind> kKindNames[] = {
    {ArticleKind::kPurpose, "purpose", {"目的", "purpose"}},
    {ArticleKind::kDefinition, "definition", {"定義", "definition"}},
    {ArticleKind::kScope, "scope", {"適用範圍", "scope"}},
    {ArticleKind::kControl, "control", {"控管", "control"}},
};

constexpr Name<Level> kLevelNames[] = {
    {Level::kLead, "lead", {"本文", "lead"}},
    {Level::kItem, "item", {"款", "item"}},
    {Level::kSubItem, "subitem", {"目", "sub-item"}},
    {Level::kPoint, "point", {"點", "point"}},
};

constexpr Name<Recurrence> kRecurrenceNames[] = {
    {Recurrence::kAtLeastYearly, "at_least_yearly", {"至少每年", "at least yearly"}},
    {Recurrence::kYearly, "yearly", {"每年", "yearly"}},
    {Recurrence::kDaily, "daily", {"每日", "daily"}},
    {Recurrence::kPeriodic, "periodic", {"定期", "periodically"}},
    {Recurrence::kContinuous, "continuous", {"持續", "continuously"}},
    {Recurrence::kAdHoc, "ad_hoc", {"不定時", "from time to time"}},
    {Recurrence::kBeforeAdoption, "before_adoption", {"採用或導入前", "before adoption"}},
    {Recurrence::kBeforeGoLive, "before_go_live", {"上線前", "before go-live"}},
    {Recurrence::kBeforeFirstRelease,
     "before_first_release",
     {"初次上架前", "before first release"}},
    {Recurrence::kBeforeEachRelease, "before_each_release", {"每次發布前", "before each release"}},
    {Recurrence::kBeforeEachMajorRelease,
     "before_each_major_release",
     {"重大更新每次上架前", "before each major release"}},
    {Recurrence::kWithinOneMonthOfEmergencyRelease,
     "within_one_month_of_emergency_release",
     {"緊急上線後1個月內", "within one month of an emergency release"}},
    {Recurrence::kOnEvent, "on_event", {"事件發生時", "on event"}},
};

template <typename Enum, std::size_t N>
const Name<Enum>& lookup(const Name<Enum> (&names)[N], Enum value) {
  const auto* found = std::ranges::find(names, value, &Name<Enum>::value);
  return found != std::end(names) ? *found : names[0];
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const Name<Enum> (&names)[N], std::string_view name) {
  const auto* found = std::ranges::find(names, name, &Name<Enum>::name);
  if (found == std::end(names)) {
    return std::nullopt;
  }
  return found->value;
}

}  // namespace

std::string_view to_string(Obligation obligation) {
  return lookup(kObligationNames, obligation).name;
}
std::string_view to_string(Polarity polarity) {
  return lookup(kPolarityNames, polarity).name;
}
std::optional<Polarity> parse_polarity(std::string_view name) {
  return parse(kPolarityNames, name);
}
std::string_view to_string(ArticleKind kind) {
  return lookup(kKindNames, kind).name;
}
std::string_view to_string(Level level) {
  return lookup(kLevelNames, level).name;
}
std::string_view to_string(Recurrence recurrence) {
  return lookup(kRecurrenceNames, recurrence).name;
}
Text describe(Obligation obligation) {
  return lookup(kObligationNames, obligation).label;
}
Text describe(Recurrence recurrence) {
  return lookup(kRecurrenceNames, recurrence).label;
}
Text describe(ArticleKind kind) {
  return lookup(kKindNames, kind).label;
}
Text describe(Level level) {
  return lookup(kLevelNames, level).label;
}

std::optional<Obligation> parse_obligation(std::string_view name) {
  return parse(kObligationNames, name);
}
std::optional<ArticleKind> parse_article_kind(std::string_view name) {
  return parse(kKindNames, name);
}
std::optional<Recurrence> parse_recurrence(std::string_view name) {
  return parse(kRecurrenceNames, name);
}

int strength(Obligation obligation) {
  switch (obligation) {
    case Obligation::kShall:
      return 3;
    case Obligation::kShould:
      return 2;
    case Obligation::kMay:
      return 1;
    case Obligation::kInformative:
      return 0;
  }
  return 0;
}

}  // namespace etguard::catalog
