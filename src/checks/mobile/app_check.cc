#include "checks/mobile/app_check.h"

#include <fmt/format.h>

namespace etguard::mobile_checks {

check::Reason listed(std::string code, std::string_view en, std::string_view zh,
                     const std::vector<std::string>& items, bool warning) {
  constexpr std::size_t kShown = 20;
  const std::size_t shown = std::min(items.size(), kShown);
  const auto first = std::span(items).first(shown);
  const std::string more_en =
      items.size() > shown ? fmt::format(" and {} more", items.size() - shown) : "";
  const std::string more_zh =
      items.size() > shown ? fmt::format(" 等另 {} 項", items.size() - shown) : "";
  return {std::move(code), fmt::format("{}: {}{}", en, fmt::join(first, ", "), more_en),
          fmt::format("{}：{}{}", zh, fmt::join(first, "、"), more_zh), warning};
}

check::Assessment cannot_judge(check::Reason reason, nlohmann::ordered_json evidence) {
  check::Assessment assessment;
  assessment.add(std::move(reason));
  assessment.verdict = Verdict::kError;
  if (!evidence.is_null()) {
    assessment.evidence = std::move(evidence);
  }
  return assessment;
}

}  // namespace etguard::mobile_checks
