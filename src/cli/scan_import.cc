#include "cli/scan_import.h"

#include <fmt/format.h>

#include "cli/open_workspace.h"

namespace etguard::cli {

void add_push_options(CLI::App& command, app::PushTarget& push, const Help& help) {
  CLI::Option* url =
      command.add_option("--push", push.url,
                         help("record the findings on an etguard server instead "
                              "(https://HOST[:PORT]; with --token-file)",
                              "改將發現事項記錄於 etguard 伺服器（https://主機[:埠]；需 "
                              "--token-file）"));
  CLI::Option* token =
      command.add_option("--token-file", push.token_file,
                         help("file holding the API token (etguard token add --out)",
                              "存放 API 權杖之檔案（etguard token add --out）"));
  command.add_option("--push-ca", push.ca_file,
                     help("PEM certificate to trust the server by (default: the system's CAs)",
                          "信任該伺服器所依之 PEM 憑證（預設為系統之信任憑證）"));
  url->needs(token);
  token->needs(url);
  if (CLI::Option* import = command.get_option_no_throw("--import"); import != nullptr) {
    url->excludes(import);
  }
}

Result<int> import_scan_findings(const Context& context, const app::FindingsImport& request,
                                 const app::PushTarget& push) {
  const bool zh = context.lang == Lang::kZhTw;
  if (!push.url.empty()) {
    auto pushed = app::push_findings(push, request);
    if (!pushed) {
      return std::unexpected(pushed.error());
    }
    fmt::print(stderr, "{}\n",
               zh ? fmt::format("{} 已記錄 {} 筆掃描佐證（{} 筆因要求不適用於該對象而略過）",
                                push.url, pushed->added, pushed->skipped)
                  : fmt::format("{} recorded {} scan evidence records ({} skipped: requirement "
                                "does not apply to the object)",
                                push.url, pushed->added, pushed->skipped));
    return pushed->added;
  }
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto imported = app::import_findings(*session, request);
  if (!imported) {
    return std::unexpected(imported.error());
  }
  const std::size_t added = imported->added.size();
  fmt::print(stderr, "{}\n",
             zh ? fmt::format("已匯入 {} 筆掃描佐證（{} 筆因要求不適用於該對象而略過）", added,
                              imported->skipped)
                : fmt::format("imported {} scan evidence records ({} skipped: requirement does "
                              "not apply to the object)",
                              added, imported->skipped));
  return static_cast<int>(added);
}

}  // namespace etguard::cli
