// etguard evidence add | list | verify
#include <fmt/format.h>

#include "app/assessment.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct EvidenceOptions {
  std::string id;
  std::vector<std::string> objects = {"org"};
  std::string file;
  std::string link;
  std::string title;
  std::string from;
  std::string to;
  std::int64_t supersedes = 0;
  std::string reason;
  std::int64_t withdraw = 0;
};

Result<int> run_add(const Context& context, const EvidenceOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  const std::vector<std::string> more(options.objects.begin() + 1, options.objects.end());
  auto added = app::add_evidence(
      *session, {options.id, options.objects.front(), options.file, options.link, options.title,
                 options.from, options.to, more, options.supersedes, options.reason});
  if (!added) {
    return std::unexpected(added.error());
  }
  if (context.json) {
    Json records = Json::array();
    for (const assess::Evidence& record : *added) {
      records.push_back(Json{{"id", record.id}, {"object", record.object}});
    }
    print_json(Json{{"format", "etguard.evidence.add"},
                    {"format_version", "1.1"},
                    {"id", added->front().id},
                    {"sha256", added->front().sha256},
                    {"size", added->front().size},
                    {"records", records},
                    {"supersedes", options.supersedes}});
    return kExitOk;
  }
  for (const assess::Evidence& record : *added) {
    print(fmt::format(
        fmt::runtime(context.lang == Lang::kZhTw ? "佐證 {}：{} {}{}\n" : "evidence {}: {} {}{}\n"),
        record.id, record.node_id, record.object,
        record.sha256.empty() ? "" : " sha256:" + record.sha256));
  }
  if (options.supersedes != 0) {
    print(fmt::format(fmt::runtime(context.lang == Lang::kZhTw ? "佐證 {} 已由 {} 取代\n"
                                                               : "evidence {} superseded by {}\n"),
                      options.supersedes, added->front().id));
  }
  return kExitOk;
}

Result<int> run_withdraw(const Context& context, const EvidenceOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  if (Status withdrawn = app::withdraw_evidence(*session, options.withdraw, options.reason);
      !withdrawn) {
    return std::unexpected(withdrawn.error());
  }
  if (!context.json) {
    print(fmt::format(fmt::runtime(context.lang == Lang::kZhTw
                                       ? "佐證 {} 已撤回（紀錄與檔案保留，帳本記載理由）\n"
                                       : "evidence {} withdrawn (the record and its file stay; "
                                         "the ledger keeps the reason)\n"),
                      options.withdraw));
  }
  return kExitOk;
}

Result<int> run_evidence_list(const Context& context) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto evidence = session->workspace().load_evidence();
  if (!evidence) {
    return std::unexpected(evidence.error());
  }
  const bool zh = context.lang == Lang::kZhTw;
  if (context.json) {
    Json items = Json::array();
    for (const auto& e : *evidence) {
      items.push_back(Json{{"id", e.id},
                           {"kind", e.kind},
                           {"sha256", e.sha256},
                           {"size", e.size},
                           {"name", e.name},
                           {"file_name", e.file_name},
                           {"media_type", e.media_type},
                           {"uri", e.uri},
                           {"requirement", e.node_id},
                           {"object", e.object},
                           {"effective_from", e.effective_from},
                           {"effective_to", e.effective_to},
                           {"added_by", e.added_by},
                           {"added_at", e.added_at},
                           {"check_id", e.check_id},
                           {"verdict", assess::verdict_name(e)},
                           {"withdrawn_at", e.withdrawn_at},
                           {"withdrawn_by", e.withdrawn_by},
                           {"withdrawn_reason", e.withdrawn_reason},
                           {"superseded_by", e.superseded_by}});
    }
    print_json(
        Json{{"format", "etguard.evidence.list"}, {"format_version", "1.2"}, {"evidence", items}});
    return kExitOk;
  }
  Table table({"#", zh ? "要求" : "Requirement", zh ? "對象" : "Object", zh ? "期間" : "Covers",
               zh ? "名稱" : "Name", "SHA-256", zh ? "狀態" : "State"});
  for (const auto& e : *evidence) {
    std::string state;
    if (e.superseded_by != 0) {
      state = fmt::format(fmt::runtime(zh ? "由 {} 取代：{}" : "superseded by {}: {}"),
                          e.superseded_by, e.withdrawn_reason);
    } else if (e.withdrawn()) {
      state = fmt::format(fmt::runtime(zh ? "已撤回：{}" : "withdrawn: {}"), e.withdrawn_reason);
    }
    table.add({std::to_string(e.id), e.node_id, e.object, e.effective_from + "–" + e.effective_to,
               e.kind == "scan" ? e.name + " [" + assess::verdict_name(e) + "]" : e.name,
               e.sha256.empty() ? e.uri : e.sha256.substr(0, 16), state});
  }
  print(table.render(terminal_width()));
  return kExitOk;
}

Result<int> run_evidence_verify(const Context& context) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto damaged = session->workspace().verify_evidence_store();
  if (!damaged) {
    return std::unexpected(damaged.error());
  }
  for (const auto& line : *damaged) {
    print(line + "\n");
  }
  if (damaged->empty()) {
    print(context.lang == Lang::kZhTw ? "佐證檔案皆與其雜湊值相符\n"
                                      : "every evidence file matches its hash\n");
  }
  return damaged->empty() ? kExitOk : kExitFindings;
}

}  // namespace

void add_evidence_command(CLI::App& app, Action& selected, const Help& help) {
  CLI::App* evidence =
      app.add_subcommand("evidence", help("Evidence for requirements", "要求之佐證資料"));
  evidence->require_subcommand(1);
  auto options = std::make_shared<EvidenceOptions>();
  CLI::App* add = evidence->add_subcommand(
      "add", help("Add a file or link as evidence", "新增檔案或連結為佐證資料"));
  add->add_option("id", options->id, help("requirement ID, e.g. ET-36.7", "要求編號，例如 ET-36.7"))
      ->required();
  add->add_option("--object", options->objects,
                  help("'org' or a register entry; repeat it when one file covers several objects",
                       "'org' 或清冊項目；一份檔案涵蓋多個對象時重複指定"))
      ->capture_default_str();
  add->add_option("--file", options->file,
                  help("a file: stored by SHA-256, read-only, deduplicated",
                       "檔案：以 SHA-256 存放、唯讀、不重複存放"));
  add->add_option("--link", options->link, help("a URL or document reference", "網址或文件參照"));
  add->add_option("--title", options->title,
                  help("a name for it (default: the file name)", "名稱（預設為檔名）"));
  add->add_option(
      "--from", options->from,
      help("first day the evidence covers (YYYY-MM-DD)", "涵蓋期間之首日（YYYY-MM-DD）"));
  add->add_option("--to", options->to,
                  help("last day it covers (YYYY-MM-DD)", "涵蓋期間之末日（YYYY-MM-DD）"));
  add->add_option("--supersedes", options->supersedes,
                  help("the ID of a record this one replaces (it is withdrawn, kept and marked)",
                       "本筆所取代之紀錄編號（該筆撤回，但保留並加註）"));
  add->add_option("--reason", options->reason,
                  help("why it supersedes that record", "取代該筆紀錄之理由"));
  add->footer(help.footer(
      {}, {},
      "  etguard evidence add ET-4.1.1 --object cloud/crm-saas --object cloud/trading-dr "
      "--file 雲端政策v3.pdf\n"
      "  etguard evidence add ET-4.1.1 --file 雲端政策v4.pdf --supersedes 12 --reason "
      "\"v4 核定\"\n"
      "  etguard evidence add ET-36.7 --object trading/web-trading --file "
      "daily-login-report-2026-11-25.html \\\n"
      "      --from 2026-11-25 --to 2026-11-25"));
  add->callback([&selected, options] {
    selected = [options](const Context& context) { return run_add(context, *options); };
  });
  CLI::App* withdraw = evidence->add_subcommand(
      "withdraw",
      help("Withdraw a record, with the reason (it stays, marked; the ledger keeps both)",
           "撤回一筆紀錄並說明理由（紀錄保留並加註；稽核帳本兩者皆記錄）"));
  withdraw
      ->add_option("id", options->withdraw,
                   help("the evidence ID (etguard evidence list)",
                        "佐證資料編號（見 etguard evidence list）"))
      ->required();
  withdraw->add_option("--reason", options->reason, help("why it is withdrawn", "撤回理由"))
      ->required();
  withdraw->footer(help.footer({}, {}, "  etguard evidence withdraw 7 --reason \"上傳錯誤檔案\""));
  withdraw->callback([&selected, options] {
    selected = [options](const Context& context) { return run_withdraw(context, *options); };
  });
  CLI::App* list = evidence->add_subcommand(
      "list", help("List evidence with hashes and periods", "列出佐證資料及其雜湊值與涵蓋期間"));
  list->callback([&selected] { selected = run_evidence_list; });
  CLI::App* verify = evidence->add_subcommand(
      "verify", help("Check every stored file against its hash", "以雜湊值檢查每一存放之檔案"));
  verify->callback([&selected] { selected = run_evidence_verify; });
}

}  // namespace etguard::cli
