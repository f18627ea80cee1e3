// etguard ledger verify | show
#include <fmt/format.h>

#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

Result<int> run_verify(const Context& context, const std::string& public_key) {
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  // An auditor verifies against the public key recorded at init, not against
  // whatever key the workspace holds now.
  auto report =
      public_key.empty() ? workspace->verify_ledger() : ledger::verify(workspace->db(), public_key);
  if (!report) {
    return std::unexpected(report.error());
  }
  if (context.json) {
    Json first_bad;  // null when the ledger verifies
    if (const std::optional<std::int64_t> bad_entry = report->first_bad; bad_entry) {
      first_bad = *bad_entry;
    }
    print_json(Json{{"format", "etguard.ledger.verify"},
                    {"format_version", "1.0"},
                    {"ok", report->ok()},
                    {"entries", report->entries},
                    {"checkpoints", report->checkpoints},
                    {"first_bad_entry", first_bad},
                    {"problem", report->problem}});
  } else if (report->ok()) {
    print(fmt::format(fmt::runtime(context.lang == Lang::kZhTw
                                       ? "帳本驗證通過：{} 筆紀錄、{} 個簽章檢查點\n"
                                       : "ledger verifies: {} entries, {} signed checkpoints\n"),
                      report->entries, report->checkpoints));
  } else {
    print(fmt::format(fmt::runtime(context.lang == Lang::kZhTw
                                       ? "帳本驗證失敗，第一筆異常：第 {} 筆：{}\n"
                                       : "ledger does NOT verify; first bad entry {}: {}\n"),
                      report->first_bad.value_or(0), report->problem));
  }
  return report->ok() ? kExitOk : kExitFindings;
}

Result<int> run_show(const Context& context, std::int64_t limit) {
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  auto rows = workspace->db().prepare(
      "SELECT seq, time, actor, action, object, hash FROM ledger ORDER BY seq DESC LIMIT ?");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  rows->bind(1, limit);
  Json entries = Json::array();
  const bool zh = context.lang == Lang::kZhTw;
  Table table({"#", zh ? "時間（UTC）" : "Time (UTC)", zh ? "人員" : "Actor",
               zh ? "動作" : "Action", zh ? "對象" : "Object"});
  std::vector<std::vector<std::string>> lines;
  if (Status read = rows->for_each_row([&] {
        entries.insert(entries.begin(), Json{{"seq", rows->integer(0)},
                                             {"time", rows->text(1)},
                                             {"actor", rows->text(2)},
                                             {"action", rows->text(3)},
                                             {"object", rows->text(4)},
                                             {"hash", rows->text(5)}});
        lines.insert(lines.begin(), {std::to_string(rows->integer(0)), rows->text(1), rows->text(2),
                                     rows->text(3), rows->text(4)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  if (context.json) {
    print_json(
        Json{{"format", "etguard.ledger.show"}, {"format_version", "1.0"}, {"entries", entries}});
    return kExitOk;
  }
  for (auto& line : lines) {
    table.add(std::move(line));
  }
  print(table.render(terminal_width()));
  return kExitOk;
}

}  // namespace

void add_ledger_command(CLI::App& app, Action& selected) {
  CLI::App* ledger =
      app.add_subcommand("ledger", "The tamper-evident record of every change / 稽核帳本");
  ledger->require_subcommand(1);
  auto key = std::make_shared<std::string>();
  CLI::App* verify =
      ledger->add_subcommand("verify", "Check the hash chain and signatures / 驗證帳本");
  verify->add_option("--public-key", *key,
                     "hex Ed25519 key printed by 'etguard init' (default: the workspace's)");
  verify->footer(
      "Exit 0 when every entry and checkpoint verifies; exit 1 naming the first bad entry.");
  verify->callback([&selected, key] {
    selected = [key](const Context& context) { return run_verify(context, *key); };
  });
  auto limit = std::make_shared<std::int64_t>(50);
  CLI::App* show = ledger->add_subcommand("show", "The latest entries / 最新紀錄");
  show->add_option("--limit", *limit, "how many")->capture_default_str();
  show->callback([&selected, limit] {
    selected = [limit](const Context& context) { return run_show(context, *limit); };
  });
}

}  // namespace etguard::cli
