// etguard ledger verify | show | export
#include <fmt/format.h>

#include "app/ledger.h"
#include "cli/command.h"
#include "cli/open_workspace.h"
#include "core/atomic_file.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct VerifyOptions {
  std::string public_key;
  std::string file;
  std::string expect_head;  // SEQ:HASH
};

Result<ledger::VerifyReport> verify_workspace_or_export(const Context& context,
                                                        const VerifyOptions& options) {
  if (!options.file.empty()) {
    return app::verify_ledger_export(options.file, options.public_key);
  }
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  // An auditor verifies against the public key they hold (--public-key).
  return app::verify_ledger(*session, options.public_key);
}

Result<int> run_ledger_export(const Context& context, const std::string& out) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto text = app::export_ledger(*session);
  if (!text) {
    return std::unexpected(text.error());
  }
  if (out.empty() || out == "-") {
    print(*text);
    return kExitOk;
  }
  if (Status written = write_file_atomically(out, *text); !written) {
    return std::unexpected(written.error());
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw ? "帳本已匯出至 {}（公開金鑰 {}）\n"
                                               : "ledger exported to {} (public key {})\n"),
      out, session->workspace().public_key_hex()));
  return kExitOk;
}

Result<int> run_ledger_verify(const Context& context, const VerifyOptions& options) {
  auto report = verify_workspace_or_export(context, options);
  if (!report) {
    return std::unexpected(report.error());
  }
  if (!options.expect_head.empty()) {
    if (Status checked = app::expect_head(*report, options.expect_head); !checked) {
      return std::unexpected(checked.error());
    }
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
                    {"head", {{"seq", report->head_seq}, {"hash", report->head_hash}}},
                    {"first_bad_entry", first_bad},
                    {"problem", report->problem}});
  } else if (report->ok()) {
    print(
        fmt::format(fmt::runtime(context.lang == Lang::kZhTw
                                     ? "帳本驗證通過：{} 筆紀錄、{} 個簽章檢查點；最新紀錄 {}:{}\n"
                                     : "ledger verifies: {} entries, {} signed checkpoints; "
                                       "head {}:{}\n"),
                    report->entries, report->checkpoints, report->head_seq, report->head_hash));
  } else if (const std::optional<std::int64_t> bad = report->first_bad; bad.has_value()) {
    print(fmt::format(fmt::runtime(context.lang == Lang::kZhTw
                                       ? "帳本驗證失敗，第一筆異常：第 {} 筆：{}\n"
                                       : "ledger does NOT verify; first bad entry {}: {}\n"),
                      *bad, report->problem));
  } else {
    print(fmt::format(fmt::runtime(context.lang == Lang::kZhTw ? "帳本驗證失敗：{}\n"
                                                               : "ledger does NOT verify: {}\n"),
                      report->problem));
  }
  return report->ok() ? kExitOk : kExitFindings;
}

Result<int> run_ledger_show(const Context& context, std::int64_t limit) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto lines = app::latest_ledger_lines(*session, limit);
  if (!lines) {
    return std::unexpected(lines.error());
  }
  if (context.json) {
    Json entries = Json::array();
    for (const store::LedgerLine& line : *lines) {
      entries.push_back(Json{{"seq", line.seq},
                             {"time", line.time},
                             {"actor", line.actor},
                             {"action", line.action},
                             {"object", line.object},
                             {"hash", line.hash}});
    }
    print_json(
        Json{{"format", "etguard.ledger.show"}, {"format_version", "1.0"}, {"entries", entries}});
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  Table table({"#", zh ? "時間（UTC）" : "Time (UTC)", zh ? "人員" : "Actor",
               zh ? "動作" : "Action", zh ? "對象" : "Object"});
  for (const store::LedgerLine& line : *lines) {
    table.add({std::to_string(line.seq), line.time, line.actor, line.action, line.object});
  }
  print(table.render(terminal_width()));
  return kExitOk;
}

}  // namespace

void add_ledger_command(CLI::App& app, Action& selected, const Help& help) {
  CLI::App* ledger = app.add_subcommand("ledger", help("The tamper-evident record of every change",
                                                       "可驗證未遭竄改之變更紀錄（稽核帳本）"));
  ledger->require_subcommand(1);
  auto verify_options = std::make_shared<VerifyOptions>();
  CLI::App* verify = ledger->add_subcommand(
      "verify", help("Check the hash chain and signatures", "驗證雜湊鏈與簽章"));
  verify->add_option("--public-key", verify_options->public_key,
                     help("hex Ed25519 key printed by 'etguard init' (default: the workspace's)",
                          "'etguard init' 顯示之十六進位 Ed25519 公鑰（預設為工作區之公鑰）"));
  verify->add_option("--file", verify_options->file,
                     help("verify a file written by 'etguard ledger export' instead of the "
                          "workspace",
                          "驗證 'etguard ledger export' 匯出之檔案，而非工作區"));
  verify->add_option(
      "--expect-head", verify_options->expect_head,
      help("SEQ:HASH noted earlier: fail when the ledger was cut short or grew since",
           "先前記下之 SEQ:HASH：帳本其後遭截短或增加時即判定失敗"));
  verify->footer(help.footer(
      "Exit 0 when every entry and checkpoint verifies; exit 1 naming the first bad entry.",
      "每筆紀錄與檢查點均通過驗證時結束碼為 0；否則指出第一筆有誤之紀錄，結束碼為 1。",
      "  etguard ledger verify\n"
      "  etguard ledger verify --file ledger.jsonl --public-key 3b6a27bc…\n"
      "  etguard ledger verify --expect-head 1234:9f2c…"));
  verify->callback([&selected, verify_options] {
    selected = [verify_options](const Context& context) {
      return run_ledger_verify(context, *verify_options);
    };
  });
  auto out = std::make_shared<std::string>();
  CLI::App* exported = ledger->add_subcommand(
      "export", help("Every entry and checkpoint as JSON Lines, for examiners",
                     "以 JSON Lines 匯出每筆紀錄與檢查點，供檢查人員使用"));
  exported->add_option("--out", *out,
                       help("file to write atomically (default: stdout)",
                            "以不可分割方式寫入之檔案（預設為標準輸出）"));
  exported->footer(help.footer(
      "The examiner verifies the file on its own with 'etguard ledger verify --file FILE "
      "--public-key KEY',\n"
      "using the public key they obtained from the firm separately (docs/ledger-format.md).",
      "檢查人員以另行自公司取得之公鑰，執行 'etguard ledger verify --file FILE --public-key "
      "KEY'\n即可獨立驗證該檔案（見 docs/ledger-format.md）。",
      "  etguard ledger export --out ledger.jsonl"));
  exported->callback([&selected, out] {
    selected = [out](const Context& context) { return run_ledger_export(context, *out); };
  });
  auto limit = std::make_shared<std::int64_t>(50);
  CLI::App* show = ledger->add_subcommand("show", help("The latest entries", "最新紀錄"));
  show->add_option("--limit", *limit, help("how many", "筆數"))->capture_default_str();
  show->callback([&selected, limit] {
    selected = [limit](const Context& context) { return run_ledger_show(context, *limit); };
  });
}

}  // namespace etguard::cli
