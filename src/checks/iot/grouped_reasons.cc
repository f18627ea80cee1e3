#include "checks/iot/grouped_reasons.h"

#include <fmt/format.h>

#include <algorithm>

namespace etguard::iot_checks {
namespace {

std::string joined(const std::vector<std::string>& shown, std::size_t count,
                   std::string_view separator, std::string_view more) {
  std::string text = fmt::format("{}", fmt::join(shown, separator));
  if (count > shown.size()) {
    text += fmt::format(fmt::runtime(more), count - shown.size());
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
        std::string(code), std::string(summary_en), std::string(summary_zh), warning, {}, {}, 0});
    group = groups_.end() - 1;
  }
  if (group->items_en.size() < kShown) {
    group->items_en.push_back(std::move(item_en));
    group->items_zh.push_back(std::move(item_zh));
  }
  ++group->count;
}

void GroupedReasons::add_to(check::Assessment& assessment) const {
  for (const Group& group : groups_) {
    assessment.add(
        check::Reason{group.code,
                      fmt::format("{}: {}", group.summary_en,
                                  joined(group.items_en, group.count, "; ", " … and {} more")),
                      fmt::format("{}：{}", group.summary_zh,
                                  joined(group.items_zh, group.count, "；", " …等，另 {} 項")),
                      group.warning});
  }
}

}  // namespace etguard::iot_checks
