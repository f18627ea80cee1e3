// etguard pack [--cycle NAME] --out FILE; etguard pack verify FILE --public-key K
#include <fmt/format.h>

#include "app/pack.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct PackOptions {
  std::string cycle;
  std::string out;
  std::string file;
  std::string public_key;
};

Result<int> run_pack(const Context& context, const PackOptions& options) {
  if (options.out.empty()) {
    return usage_error("give --out FILE for the pack (or: etguard pack verify FILE)",
                       "請以 --out 指定稽核包檔案（或：etguard pack verify 檔案）");
  }
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto written = app::write_pack(*session, {options.cycle, options.out});
  if (!written) {
    return std::unexpected(written.error());
  }
  if (context.json) {
    print_json(Json{{"format", "etguard.pack"},
                    {"format_version", "1.0"},
                    {"cycle", written->cycle},
                    {"out", options.out},
                    {"files", written->files},
                    {"evidence_files", written->evidence_files},
                    {"signed_reports", written->signed_reports},
                    {"manifest_sha256", written->manifest_sha256},
                    {"public_key", session->workspace().public_key_hex()}});
    return kExitOk;
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw
                       ? "稽核包已寫入 {}：評估週期 {}，{} 個檔案（佐證 {}，已簽核報告 {}）\n"
                         "  清單 SHA-256 {}\n  請將公鑰另行交付檢查人員：{}\n"
                       : "pack written to {}: cycle {}, {} files ({} evidence, {} signed "
                         "report(s))\n  manifest SHA-256 {}\n  give the examiner the public key "
                         "separately: {}\n"),
      options.out, written->cycle, written->files, written->evidence_files, written->signed_reports,
      written->manifest_sha256, session->workspace().public_key_hex()));
  return kExitOk;
}

Result<int> run_pack_verify(const Context& context, const PackOptions& options) {
  auto verified = app::verify_pack(options.file, options.public_key);
  if (!verified) {
    return std::unexpected(verified.error());
  }
  if (context.json) {
    print_json(Json{{"format", "etguard.pack.verify"},
                    {"format_version", "1.0"},
                    {"ok", true},
                    {"files", verified->files},
                    {"bytes", verified->bytes},
                    {"manifest_sha256", verified->manifest_sha256},
                    {"ledger_entries", verified->ledger.entries},
                    {"ledger_head",
                     fmt::format("{}:{}", verified->ledger.head_seq, verified->ledger.head_hash)}});
    return kExitOk;
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw
                       ? "稽核包驗證通過：清單簽章有效，{} 個檔案皆與清單相符，無多餘或缺漏；"
                         "帳本 {} 筆紀錄驗證通過（最新 {}:{}）\n"
                       : "pack verifies: the manifest's signature is valid, all {} files match it, "
                         "none missing or extra; the ledger's {} entries verify (head {}:{})\n"),
      verified->files, verified->ledger.entries, verified->ledger.head_seq,
      verified->ledger.head_hash));
  return kExitOk;
}

}  // namespace

void add_pack_command(CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<PackOptions>();
  CLI::App* pack =
      app.add_subcommand("pack", help("The examiner's pack: reports, evidence and ledger, signed",
                                      "稽核包：報告、佐證資料與稽核帳本，並附簽章"));
  pack->add_option(
      "--cycle", options->cycle,
      help("the cycle to pack (default: the current one)", "要打包之週期（預設為目前週期）"));
  pack->add_option("--out", options->out,
                   help("the pack to write (a new .zip)", "要寫入之稽核包（新的 .zip 檔）"));
  pack->footer(help.footer(
      "The pack holds the cycle's reports (HTML zh-TW and en, XLSX, JSON, OSCAL AR), the "
      "reports\nsigned off, every evidence file under a readable name with evidence/index.csv, "
      "the ledger\nexport and public key, and MANIFEST.sha256 signed by the ledger key "
      "(MANIFEST.sha256.sig).\nAn examiner verifies it with sha256sum and OpenSSL alone "
      "(README.txt inside; docs/pack-format.md).",
      "稽核包含該週期之報告（HTML 中文與英文、XLSX、JSON、OSCAL AR）、已簽核之報告、\n"
      "以易讀檔名存放之每一佐證資料檔及 evidence/index.csv、稽核帳本匯出檔與公鑰，\n"
      "以及以帳本金鑰簽章之 MANIFEST.sha256（MANIFEST.sha256.sig）。\n"
      "檢查人員僅需 sha256sum 與 OpenSSL 即可驗證（見包內 README.txt 及 docs/pack-format.md）。",
      "  etguard pack --cycle 2026 --out pack-2026.zip\n"
      "  etguard pack verify pack-2026.zip --public-key public-key.pem"));
  pack->callback([&selected, options, pack] {
    if (pack->get_subcommands().empty()) {
      selected = [options](const Context& context) { return run_pack(context, *options); };
    }
  });
  CLI::App* verify = pack->add_subcommand(
      "verify",
      help("Check a pack offline against the public key you hold", "以您持有之公鑰離線驗證稽核包"));
  verify->add_option("file", options->file, help("the pack (.zip)", "稽核包（.zip）"))->required();
  verify
      ->add_option("--public-key", options->public_key,
                   help("the ledger's public key: 64 hex digits, or a file with them or a PEM key",
                        "稽核帳本之公鑰：64 位十六進位數字，或內含該數字或 PEM 公鑰之檔案"))
      ->required();
  verify->footer(help.footer(
      "Checks the manifest's signature, every file's SHA-256 (naming the first that differs), "
      "that\nno file is missing or extra, and the ledger export inside. Exit 2 when anything "
      "differs.",
      "檢查清單簽章、每一檔案之 SHA-256（指出第一個不符之檔案）、無缺少或多出之檔案，\n"
      "以及包內之稽核帳本匯出檔。任何不符時結束碼為 2。",
      "  etguard pack verify pack-2026.zip --public-key public-key.pem"));
  verify->callback([&selected, options] {
    selected = [options](const Context& context) { return run_pack_verify(context, *options); };
  });
}

}  // namespace etguard::cli
