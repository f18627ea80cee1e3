// etguard catalog terms | facts: the glossary (defined terms, where defined
// and where used) and the fact vocabulary that conditions are written in.
#include <fmt/format.h>

#include "catalog/data/embedded.h"
#include "catalog/export/formats.h"
#include "cli/command.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

Json strings(std::span<const std::string_view> items) {
  return Json(std::vector<std::string_view>(items.begin(), items.end()));
}

Result<int> run_terms(const Context& context) {
  const auto& catalog = catalog::embedded_catalog();
  if (context.json) {
    Json terms = Json::array();
    for (const catalog::Term& term : catalog.data().terms) {
      terms.push_back(Json{{"id", term.id},
                           {"zh", strings(term.zh)},
                           {"en", strings(term.en)},
                           {"abbr", strings(term.abbr)},
                           {"defined_by", term.defined_by.empty() ? Json() : Json(term.defined_by)},
                           {"used_in", strings(term.used_in)}});
    }
    print_json(Json{{"format", fmt::format("{}.terms", catalog::kJsonFormat)},
                    {"format_version", catalog::kJsonFormatVersion},
                    {"terms", terms}});
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  Table table({zh ? "用語" : "Term", zh ? "英文" : "English", zh ? "定義" : "Defined in",
               zh ? "使用條文" : "Used in"});
  for (const catalog::Term& term : catalog.data().terms) {
    table.add({std::string(term.zh.front()), std::string(term.en.front()),
               std::string(term.defined_by.empty() ? "—" : term.defined_by),
               fmt::format("{}", fmt::join(term.used_in, " "))});
  }
  print(table.render(terminal_width()));
  return kExitOk;
}

Result<int> run_facts(const Context& context) {
  const auto& catalog = catalog::embedded_catalog();
  if (context.json) {
    Json facts = Json::array();
    for (const catalog::Fact& fact : catalog.data().facts) {
      facts.push_back(Json{{"id", fact.id},
                           {"subject", fact.subject},
                           {"text_zh", fact.text.zh},
                           {"text_en", fact.text.en},
                           {"any_of", strings(fact.any_of)},
                           {"source", strings(fact.source)}});
    }
    print_json(Json{{"format", fmt::format("{}.facts", catalog::kJsonFormat)},
                    {"format_version", catalog::kJsonFormatVersion},
                    {"facts", facts}});
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  Table table({zh ? "事實" : "Fact", zh ? "條文" : "Source", zh ? "說明" : "Meaning"});
  for (const catalog::Fact& fact : catalog.data().facts) {
    std::string meaning(context.tr(fact.text));
    if (!fact.any_of.empty()) {
      const std::string any = fmt::format("{}", fmt::join(fact.any_of, ", "));
      meaning += zh ? "（任一：" + any + "）" : " (any of: " + any + ")";
    }
    table.add({std::string(fact.id), fmt::format("{}", fmt::join(fact.source, " ")), meaning});
  }
  print(table.render(terminal_width()));
  return kExitOk;
}

}  // namespace

void add_catalog_vocabulary(CLI::App& catalog, Action& selected, const Help& help) {
  CLI::App* terms = catalog.add_subcommand(
      "terms", help("Glossary: defined terms and where they are used", "用語：定義之名詞及其出處"));
  terms->callback([&selected] { selected = run_terms; });
  CLI::App* facts =
      catalog.add_subcommand("facts", help("The facts that decide applicability (for --condition)",
                                           "決定適用與否之事實（供 --condition 使用）"));
  facts->footer(help.footer({}, {},
                            "  etguard catalog facts\n"
                            "  etguard catalog list --condition ai.customer_facing"));
  facts->callback([&selected] { selected = run_facts; });
}

}  // namespace etguard::cli
