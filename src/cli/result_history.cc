// etguard result history ID --object O: every value a result has had, who
// set it and when, each change shown field by field.
#include <fmt/format.h>

#include <array>
#include <string>
#include <utility>

#include "app/assessment.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct HistoryOptions {
  std::string id;
  std::string object = "org";
};

struct Field {
  Text label;
  std::string value;
};

// The fields of a result as a reader compares them, labels in both languages.
std::array<Field, 10> fields_of(const assess::Result& result, Lang lang) {
  const assess::RemediationPlan& plan = result.plan;
  return {{
      {{.zh = "狀態", .en = "status"}, std::string(assess::describe(result.status).in(lang))},
      {{.zh = "負責人", .en = "owner"}, result.owner},
      {{.zh = "評估日期", .en = "assessed"}, result.assessed_on},
      {{.zh = "到期日", .en = "due"}, result.due_date},
      {{.zh = "備註", .en = "note"}, result.note},
      {{.zh = "理由", .en = "justification"}, result.justification},
      {{.zh = "改善計畫", .en = "plan"}, plan.action},
      {{.zh = "計畫負責人", .en = "plan owner"}, plan.empty() ? "" : plan.owner},
      {{.zh = "計畫期限", .en = "plan due"}, plan.empty() ? "" : plan.due_on},
      {{.zh = "計畫狀態", .en = "plan status"},
       plan.empty() ? "" : std::string(assess::describe(plan.status).in(lang))},
  }};
}

Json to_json(const app::ResultVersion& version) {
  Json entry{{"ledger_seq", version.seq}, {"time", version.time}, {"actor", version.actor}};
  if (!version.result) {
    entry["kept"] = false;
    return entry;
  }
  const assess::Result& result = *version.result;
  entry["kept"] = true;
  entry["status"] = assess::to_string(result.status);
  entry["owner"] = result.owner;
  entry["assessed_on"] = result.assessed_on;
  entry["due_date"] = result.due_date;
  entry["note"] = result.note;
  entry["justification"] = result.justification;
  if (!result.plan.empty()) {
    entry["plan"] = Json{{"action", result.plan.action},
                         {"owner", result.plan.owner},
                         {"due_on", result.plan.due_on},
                         {"status", assess::to_string(result.plan.status)}};
  }
  return entry;
}

std::string render(const Context& context, const std::vector<app::ResultVersion>& versions) {
  const bool zh = context.lang == Lang::kZhTw;
  std::string out;
  std::optional<std::array<Field, 10>> previous;
  for (const app::ResultVersion& version : versions) {
    out += fmt::format("#{}  {}  {}\n", version.seq, version.time, version.actor);
    if (!version.result) {
      out += zh ? "  （此版本前之變更僅於稽核帳本留有摘要值，未保存內容）\n"
                : "  (value not kept: recorded before etguard kept result history; the ledger "
                  "holds its digest)\n";
      previous.reset();
      continue;
    }
    const auto now = fields_of(*version.result, context.lang);
    bool any = false;
    for (std::size_t i = 0; i < now.size(); ++i) {
      const std::string before = previous ? (*previous)[i].value : std::string();
      if (previous && before == now[i].value) {
        continue;
      }
      if (!previous && now[i].value.empty()) {
        continue;
      }
      any = true;
      const std::string_view label = context.tr(now[i].label);
      if (previous) {
        out += fmt::format("  {}: {} → {}\n", label, before.empty() ? "—" : before,
                           now[i].value.empty() ? "—" : now[i].value);
      } else {
        out += fmt::format("  {}: {}\n", label, now[i].value);
      }
    }
    if (!any) {
      out += zh ? "  （內容未變）\n" : "  (no change)\n";
    }
    previous = now;
  }
  return out;
}

Result<int> run_history(const Context& context, const HistoryOptions& options) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto versions = app::result_history(*session, options.id, options.object);
  if (!versions) {
    return std::unexpected(versions.error());
  }
  if (context.json) {
    Json doc{{"schema", "etguard.result_history"},
             {"version", "1.0"},
             {"requirement", options.id},
             {"object", options.object},
             {"changes", Json::array()}};
    for (const app::ResultVersion& version : *versions) {
      doc["changes"].push_back(to_json(version));
    }
    print_json(doc);
    return kExitOk;
  }
  if (versions->empty()) {
    print(fmt::format(fmt::runtime(context.lang == Lang::kZhTw ? "{} {} 尚無評估結果之紀錄\n"
                                                               : "{} {} has no recorded result\n"),
                      options.id, options.object));
    return kExitOk;
  }
  print(render(context, *versions));
  return kExitOk;
}

}  // namespace

void add_result_history(CLI::App& result, Action& selected, const Help& help) {
  auto options = std::make_shared<HistoryOptions>();
  CLI::App* history =
      result.add_subcommand("history", help("Every value a result has had: who, when, what changed",
                                            "評估結果之歷程：何人、何時、變更內容"));
  history
      ->add_option("id", options->id,
                   help("requirement ID, e.g. ET-20.3", "要求編號，例如 ET-20.3"))
      ->required();
  history
      ->add_option("--object", options->object,
                   help("'org' or a register entry, e.g. mobile_app/trade-app",
                        "'org' 或清冊項目，例如 mobile_app/trade-app"))
      ->capture_default_str();
  history->footer(help.footer(
      "Each change is a result.set entry of the ledger; 'etguard ledger verify' checks that\n"
      "every value shown here is the one the ledger recorded.",
      "每次變更均為稽核帳本之一筆 result.set 紀錄；'etguard ledger verify' 會檢查此處所列\n"
      "之每一值與帳本所記錄者相符。",
      "  etguard result history ET-20.3 --object mobile_app/xingbang-trade\n"
      "  etguard result history ET-4.2 --json"));
  history->callback([&selected, options] {
    selected = [options](const Context& context) { return run_history(context, *options); };
  });
}

}  // namespace etguard::cli
