#include "cli/scan_import.h"

#include <fmt/format.h>

#include "cli/open_workspace.h"

namespace etguard::cli {

Result<int> import_scan_findings(const Context& context, const app::FindingsImport& request) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto imported = app::import_findings(*session, request);
  if (!imported) {
    return std::unexpected(imported.error());
  }
  const std::size_t added = imported->added.size();
  fmt::print(
      stderr, "{}\n",
      context.lang == Lang::kZhTw
          ? fmt::format("已匯入 {} 筆掃描佐證（{} 筆因要求不適用於該對象而略過）", added,
                        imported->skipped)
          : fmt::format("imported {} scan evidence records ({} skipped: requirement does not apply "
                        "to the object)",
                        added, imported->skipped));
  return static_cast<int>(added);
}

}  // namespace etguard::cli
