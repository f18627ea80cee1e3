// etguard scope [--explain ID] [--all]: the statement of applicability — which
// requirements apply to the firm and to which register entries, and why.
#include <fmt/format.h>

#include "app/assessment.h"
#include "assess/scope.h"
#include "catalog/data/embedded.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

Json to_json(const assess::NodeScope& scope) {
  Json objects = Json::array();
  for (const auto& object : scope.objects) {
    Json facts = Json::array();
    for (const auto& fact : object.facts) {
      facts.push_back(Json{{"fact", fact.fact},
                           {"value", fact.value},
                           {"source", object.source(fact)},
                           {"unless", fact.negated}});
    }
    objects.push_back(
        Json{{"object", object.object}, {"applies", object.applies}, {"facts", facts}});
  }
  return Json{{"id", scope.node->id},
              {"obligation", catalog::to_string(scope.node->obligation)},
              {"subject", scope.subject},
              {"applies", scope.applies()},
              {"objects", objects}};
}

Result<int> explain(const Context& context, const std::vector<assess::NodeScope>& scopes,
                    const assess::Registers& registers, const std::string& id) {
  const auto& catalog = catalog::embedded_catalog();
  const auto found = std::ranges::find_if(scopes, [&](const auto& s) { return s.node->id == id; });
  if (found == scopes.end()) {
    return std::unexpected(catalog.unknown_id(id));
  }
  const catalog::Node& node = *found->node;
  const auto instruments = assess::instruments_for(catalog, node, registers.profile.sector);
  if (context.json) {
    Json node_json = to_json(*found);
    Json follows = Json::array();
    for (const catalog::Instrument* instrument : instruments) {
      follows.push_back(instrument->id);
    }
    node_json["instruments"] = follows;
    print_json(
        Json{{"format", "etguard.scope.explain"}, {"format_version", "1.0"}, {"node", node_json}});
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  std::string out = fmt::format("{}  {}\n", node.id, context.tr(node.text));
  out += fmt::format(fmt::runtime(zh ? "義務：{}\n" : "Obligation: {}\n"),
                     context.tr(catalog::describe(node.obligation)));
  const auto conditions = catalog.effective_conditions(node);
  out += fmt::format(fmt::runtime(zh ? "適用條件（條、款、目逐層繼承）：{}\n"
                                     : "Conditions (article, parents, own): {}\n"),
                     conditions.empty()
                         ? std::string(zh ? "無：所有業者適用" : "none: applies to every firm")
                         : fmt::format("{}", fmt::join(conditions, " AND ")));
  const auto unless = catalog.effective_unless(node);
  if (!unless.empty()) {
    out += fmt::format(fmt::runtime(zh ? "除外：{}\n" : "Unless: {}\n"), fmt::join(unless, ", "));
  }
  for (const catalog::Instrument* instrument : instruments) {
    out += fmt::format(fmt::runtime(zh ? "依循（業別 {}）：{}\n" : "Follows (sector {}): {}\n"),
                       assess::to_string(registers.profile.sector), context.tr(instrument->title));
  }
  if (found->objects.empty()) {
    out += assess::summary_reason(*found, context.lang) + "\n";
  }
  for (const auto& object : found->objects) {
    out += fmt::format(
        "\n{} → {}\n", object.object,
        object.applies ? (zh ? "適用" : "APPLIES") : (zh ? "不適用" : "does not apply"));
    for (const auto& fact : object.facts) {
      const catalog::Fact* meaning = catalog.fact(fact.fact);
      out += fmt::format(
          "  {} {}  {}\n", fact.value == !fact.negated ? "✓" : "✗", assess::fact_text(fact, object),
          meaning != nullptr ? std::string(context.tr(meaning->text)) : std::string());
    }
    if (object.facts.empty()) {
      out += zh ? "  無條件：所有業者適用\n" : "  no condition: applies to every firm\n";
    }
  }
  print(out);
  return kExitOk;
}

struct ScopeOptions {
  std::string explain;
  bool all = false;
};

Result<int> run_scope(const Context& context, const ScopeOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto recorded =
      options.explain.empty() ? app::record_scope(*session) : app::current_scope(*session);
  if (!recorded) {
    return std::unexpected(recorded.error());
  }
  const auto& scopes = recorded->scope;
  if (!options.explain.empty()) {
    return explain(context, scopes, recorded->registers, options.explain);
  }
  const std::vector<std::string>& applicable = recorded->applicable;
  const workspace::ScopeChange* change = &recorded->change;
  const assess::Registers* registers = &recorded->registers;
  if (context.json) {
    Json nodes = Json::array();
    for (const auto& scope : scopes) {
      nodes.push_back(to_json(scope));
    }
    print_json(Json{{"format", "etguard.scope"},
                    {"format_version", "1.0"},
                    {"catalog_version", catalog::embedded_catalog().data().version},
                    {"firm", registers->profile.name},
                    {"applicable_pairs", applicable.size()},
                    {"came_in", change->came_in},
                    {"went_out", change->went_out},
                    {"nodes", nodes}});
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  std::array<int, 4> by_obligation{};
  int not_applicable = 0;
  Table table({zh ? "編號" : "ID", zh ? "義務" : "Obligation", zh ? "適用" : "Applies",
               zh ? "對象" : "To", zh ? "理由" : "Reason"});
  for (const auto& scope : scopes) {
    if (scope.node->obligation == catalog::Obligation::kInformative) {
      continue;
    }
    std::vector<std::string> objects;
    for (const auto& object : scope.objects) {
      if (object.applies) {
        objects.push_back(object.object);
      }
    }
    if (scope.applies()) {
      ++by_obligation[static_cast<std::size_t>(scope.node->obligation)];
    } else {
      ++not_applicable;
    }
    if (scope.applies() || options.all) {
      table.add({std::string(scope.node->id),
                 std::string(context.tr(catalog::describe(scope.node->obligation))),
                 scope.applies() ? (zh ? "是" : "yes") : (zh ? "否" : "no"),
                 fmt::format("{}", fmt::join(objects, " ")),
                 assess::summary_reason(scope, context.lang)});
    }
  }
  print(fmt::format(
      fmt::runtime(
          zh ? "適用性聲明：{}（指引 {}）\n適用 {} 項（應 {}、宜 {}、得 {}），不適用 {} 項\n\n"
             : "Statement of applicability: {} (guideline {})\n{} requirements apply "
               "(shall {}, should {}, may {}); {} do not\n\n"),
      registers->profile.name, catalog::embedded_catalog().data().version,
      by_obligation[0] + by_obligation[1] + by_obligation[2], by_obligation[0], by_obligation[1],
      by_obligation[2], not_applicable));
  print(table.render(terminal_width()));
  if (!change->first && (!change->came_in.empty() || !change->went_out.empty())) {
    print(
        fmt::format(fmt::runtime(zh ? "\n自上次範圍判定後：新增適用 {} 項、不再適用 {} 項\n"
                                    : "\nSince the last scope: {} came into scope, {} went out\n"),
                    change->came_in.size(), change->went_out.size()));
    for (const auto& item : change->came_in) {
      print("  + " + item + "\n");
    }
    for (const auto& item : change->went_out) {
      print("  - " + item + "\n");
    }
  }
  return kExitOk;
}

}  // namespace

void add_scope_command(CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<ScopeOptions>();
  CLI::App* scope = app.add_subcommand("scope", help("Which requirements apply, to what, and why",
                                                     "哪些要求適用、適用於何者及其理由"));
  scope->add_option("--explain", options->explain,
                    help("show the reasoning for one requirement, e.g. ET-20.3",
                         "顯示一項要求之判定理由，例如 ET-20.3"));
  scope->add_flag("--all", options->all,
                  help("also list the requirements that do not apply, with the reason",
                       "一併列出不適用之要求及其理由"));
  scope->footer(help.footer(
      "Each run is recorded in the ledger; what came into or went out of scope since the\n"
      "previous run is listed.",
      "每次執行均記入稽核帳本，並列出自上次執行以來新增或移出適用範圍之項目。",
      "  etguard scope\n"
      "  etguard scope --explain ET-20.3\n"
      "  etguard scope --all --lang zh-TW\n"
      "  etguard scope --json"));
  scope->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scope(context, *options); };
  });
}

}  // namespace etguard::cli
