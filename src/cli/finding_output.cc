#include "cli/finding_output.h"

#include <fmt/format.h>

#include "checks/output.h"

namespace etguard::cli {

std::string finding_lines(std::span<const check::Finding> findings, std::string_view format) {
  using Json = nlohmann::ordered_json;
  std::string lines;
  for (const check::Finding& finding : findings) {
    const Json json =
        format == "ocsf" ? check::ocsf_detection_finding(finding) : check::finding_json(finding);
    lines += json.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  return lines;
}

std::string finding_verdicts(const Context& context, const std::vector<check::Finding>& findings) {
  std::string out;
  for (const check::Finding& finding : findings) {
    out += fmt::format("{} {}\n", finding.check->id, to_string(finding.assessment.verdict));
    out += reason_lines(context, finding);
  }
  return out;
}

std::string reason_lines(const Context& context, const check::Finding& finding) {
  std::string out;
  for (const check::Reason& reason : finding.assessment.reasons) {
    out += fmt::format("  {}{}: {}\n", reason.warning ? "warning " : "", reason.code,
                       context.lang == Lang::kZhTw ? reason.zh : reason.en);
  }
  return out;
}

}  // namespace etguard::cli
