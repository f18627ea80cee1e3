#include "checks/iot/grouped_reasons.h"

#include <fmt/format.h>

#include <algorithm>

namespace etguard::iot_checks {
namespace {

std::string joined(const std::vector<std::string>& items, std::string_view separator,
                   std::string_view more) {
  const std::size_t shown = std::min(items.size(), GroupedReasons::kShown);
  std::string text = fmt::format(
      "{}",
      fmt::join(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(shown), separator));
  if (items.size() > shown) {
    text += fmt::format(fmt::runtime(more), items.size() - shown);
  }
  return text;
}

}  // namespace

void GroupedReasons::add(std::string_view code, std::string_view summary_en,
                         std::string_view summary_zh, std::string item_en, std::string item_zh,
                         bool warning) {
  auto group = std::ranges::find(groups_, code, &Group::code);
  if (group == groups_.end()) {
    groups_.push_back(Group{
        std::string(code), std::string(summary_en), std::string(summary_zh), warning, {}, {}});
    group = groups_.end() - 1;
  }
  group->items_en.push_back(std::move(item_en));
  group->items_zh.push_back(std::move(item_zh));
}

void GroupedReasons::add_to(check::Assessment& assessment) const {
  for (const Group& group : groups_) {
    assessment.add(check::Reason{
        group.code,
        fmt::format("{}: {}", group.summary_en, joined(group.items_en, "; ", " … and {} more")),
        fmt::format("{}：{}", group.summary_zh, joined(group.items_zh, "；", " …等，另 {} 項")),
        group.warning});
  }
}

}  // namespace etguard::iot_checks
