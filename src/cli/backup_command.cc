// etguard backup --out FILE; etguard restore FILE --to DIR [--public-key K]
#include <fmt/format.h>

#include "app/backup.h"
#include "cli/command.h"
#include "cli/open_workspace.h"
#include "core/clock.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct BackupOptions {
  std::string out;
  std::string file;
  std::string to;
  std::string public_key;
};

Result<int> run_backup(const Context& context, const BackupOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto written = app::write_backup(*session, options.out);
  if (!written) {
    return std::unexpected(written.error());
  }
  if (context.json) {
    print_json(Json{{"format", "etguard.backup.write"},
                    {"format_version", "1.0"},
                    {"out", options.out},
                    {"files", written->files},
                    {"evidence_files", written->evidence_files},
                    {"bytes", written->bytes},
                    {"manifest_sha256", written->manifest_sha256},
                    {"public_key", session->workspace().public_key_hex()}});
    return kExitOk;
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw
                       ? "備份已寫入 {}：{} 個檔案（佐證 {}），共 {} 位元組；清單 SHA-256 {}\n"
                         "  備份內含帳本金鑰：請如工作區本身般妥善保管\n"
                       : "backup written to {}: {} files ({} evidence), {} bytes; manifest "
                         "SHA-256 {}\n  it holds the ledger key: keep it as safe as the "
                         "workspace itself\n"),
      options.out, written->files, written->evidence_files, written->bytes,
      written->manifest_sha256));
  return kExitOk;
}

Result<int> run_restore(const Context& context, const BackupOptions& options) {
  auto restored =
      app::restore_backup({options.file, options.to, options.public_key}, system_clock());
  if (!restored) {
    return std::unexpected(restored.error());
  }
  if (context.json) {
    print_json(Json{{"format", "etguard.backup.restore"},
                    {"format_version", "1.0"},
                    {"workspace", restored->workspace.string()},
                    {"files", restored->files},
                    {"bytes", restored->bytes},
                    {"ledger_entries", restored->ledger.entries},
                    {"ledger_head",
                     fmt::format("{}:{}", restored->ledger.head_seq, restored->ledger.head_hash)}});
    return kExitOk;
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw
                       ? "已還原至 {}：{} 個檔案皆與簽署之清單相符；帳本 {} 筆紀錄驗證通過"
                         "（最新 {}:{}），紀錄與佐證儲存區皆與帳本一致\n"
                       : "restored into {}: all {} files match the signed manifest; the "
                         "ledger's {} entries verify (head {}:{}), and the records and the "
                         "evidence store agree with it\n"),
      restored->workspace.string(), restored->files, restored->ledger.entries,
      restored->ledger.head_seq, restored->ledger.head_hash));
  return kExitOk;
}

}  // namespace

void add_backup_commands(CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<BackupOptions>();
  CLI::App* backup = app.add_subcommand(
      "backup", help("A verified copy of the whole workspace, signed, taken while others work",
                     "整個工作區之經驗證副本，附簽章，可於他人作業時進行"));
  backup
      ->add_option("--out", options->out,
                   help("the backup to write (a new .zip)", "要寫入之備份（新的 .zip 檔）"))
      ->required();
  backup->footer(help.footer(
      "Writes one zip: a consistent copy of the database (taken while others keep writing), "
      "the\nevidence store and the ledger key, with MANIFEST.sha256 signed by the ledger key. "
      "The\nbackup is recorded in the ledger (backup.write). It holds the key: keep it as safe as "
      "the\nworkspace. docs/backup.md",
      "寫入一個 zip：資料庫之一致副本（他人可同時寫入）、佐證儲存區與帳本金鑰，並附以帳本金鑰\n"
      "簽章之 MANIFEST.sha256。備份本身記入帳本（backup.write）。備份含金鑰，請如工作區般妥善\n"
      "保管。見 docs/backup.md",
      "  etguard --workspace ws backup --out ws-2026-12-08.zip\n"
      "  etguard restore ws-2026-12-08.zip --to ws-restored --public-key public-key.pem"));
  backup->callback([&selected, options] {
    selected = [options](const Context& context) { return run_backup(context, *options); };
  });
  CLI::App* restore = app.add_subcommand(
      "restore", help("A backup restored into a new workspace, verified before it is used",
                      "將備份還原為新工作區，驗證後方可使用"));
  restore->add_option("file", options->file, help("the backup (.zip)", "備份（.zip）"))->required();
  restore
      ->add_option(
          "--to", options->to,
          help("the new workspace directory (must not exist)", "新工作區目錄（不得已存在）"))
      ->required();
  restore->add_option(
      "--public-key", options->public_key,
      help("the ledger's public key you hold: 64 hex digits, or a file with them or a PEM key",
           "您持有之帳本公鑰：64 位十六進位數字，或內含該數字或 PEM 公鑰之檔案"));
  restore->footer(help.footer(
      "Writes the workspace beside DIR, checks every file against the manifest, the manifest's\n"
      "signature, the ledger, the records against the ledger and the evidence store, and only\n"
      "then moves it to DIR. Anything that differs: exit 2, and nothing is left behind. Give\n"
      "--public-key (the ledger key you hold) to refuse a forged backup too; without it the\n"
      "signature is checked with the key the backup names, which finds damage, not forgery.",
      "先於 DIR 旁寫入工作區，逐一檢查檔案與清單、清單簽章、帳本、紀錄與帳本之一致及佐證\n"
      "儲存區，全部通過後方移至 DIR。任何不符：結束碼 2，且不留下任何檔案。請以 --public-key\n"
      "指定您持有之帳本公鑰，以一併拒絕偽造之備份；未指定時以備份所載之金鑰驗章，僅能發現\n"
      "損壞而非偽造。",
      "  etguard restore ws-2026-12-08.zip --to ws-restored\n"
      "  etguard restore ws-2026-12-08.zip --to ws-restored --public-key public-key.pem"));
  restore->callback([&selected, options] {
    selected = [options](const Context& context) { return run_restore(context, *options); };
  });
}

}  // namespace etguard::cli
