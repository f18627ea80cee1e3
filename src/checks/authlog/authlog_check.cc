#include "checks/authlog/authlog_check.h"

#include <fmt/format.h>

namespace etguard::authlog_checks {

check::Assessment assess(const DayResult& day, std::span<const TypeReason> reasons) {
  nlohmann::ordered_json counts = nlohmann::ordered_json::object();
  std::vector<check::Reason> found;
  for (const TypeReason& reason : reasons) {
    std::size_t count = 0;
    for (const authlog::Finding& finding : *day.findings) {
      count += finding.type == reason.type ? 1U : 0U;
    }
    counts[std::string(reason.type)] = count;
    if (count > 0) {
      check::Reason item;
      item.code = std::string(reason.code);
      item.en = fmt::format("{} ({})", reason.en, count);
      item.zh = fmt::format("{}（{} 筆）", reason.zh, count);
      item.warning = reason.warning;
      found.push_back(std::move(item));
    }
  }
  nlohmann::ordered_json evidence = {
      {"events", day.events}, {"malformed_lines", day.malformed}, {"findings", counts}};
  if (day.events == 0) {
    check::Assessment assessment;
    assessment.verdict = check::Verdict::kError;
    check::Reason none;
    none.code = "AUTHLOG_NO_EVENTS";
    none.en = "no authentication event was read";
    none.zh = "未讀取到任何身分驗證事件";
    assessment.reasons.push_back(std::move(none));
    assessment.evidence = std::move(evidence);
    return assessment;
  }
  return check::Assessment::from_reasons(std::move(found), std::move(evidence));
}

}  // namespace etguard::authlog_checks
