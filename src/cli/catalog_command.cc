// etguard catalog list | search | stats | verify-source (and, from their own
// files, show and export).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/catalog.h"
#include "catalog/data/embedded.h"
#include "catalog/export/formats.h"
#include "catalog/export/json_export.h"
#include "catalog/provenance.h"
#include "catalog/search.h"
#include "cli/command.h"
#include "core/atomic_file.h"
#include "core/text.h"

namespace etguard::cli {
namespace {

using catalog::Catalog;
using catalog::Node;
using Json = nlohmann::ordered_json;

std::string names_of(const auto& values) {
  std::vector<std::string_view> names;
  for (auto value : values) {
    names.push_back(catalog::to_string(value));
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

// --- list -------------------------------------------------------------------

struct ListOptions {
  int chapter = 0;
  int article = 0;
  std::string obligation;
  std::string condition;
  std::string recurrence;
  std::string polarity;
};

Result<int> run_catalog_list(const Context& context, const ListOptions& options) {
  const Catalog& catalog = catalog::embedded_catalog();
  const auto obligation = catalog::parse_obligation(options.obligation);
  if (!options.obligation.empty() && !obligation) {
    return usage_error(fmt::format("unknown obligation '{}'; use one of: {}", options.obligation,
                                   names_of(catalog::kAllObligations)),
                       fmt::format("未知的義務 '{}'；可用：{}", options.obligation,
                                   names_of(catalog::kAllObligations)));
  }
  const auto recurrence = catalog::parse_recurrence(options.recurrence);
  if (!options.recurrence.empty() && !recurrence) {
    return usage_error(fmt::format("unknown recurrence '{}'; use one of: {}", options.recurrence,
                                   names_of(catalog::kAllRecurrences)),
                       fmt::format("未知的頻率 '{}'；可用：{}", options.recurrence,
                                   names_of(catalog::kAllRecurrences)));
  }
  const auto polarity = catalog::parse_polarity(options.polarity);
  if (!options.polarity.empty() && !polarity) {
    return usage_error(
        fmt::format("unknown polarity '{}'; use duty or prohibition", options.polarity),
        fmt::format("未知的性質 '{}'；可用：duty、prohibition", options.polarity));
  }
  if (!options.condition.empty() && catalog.fact(options.condition) == nullptr) {
    std::vector<std::string_view> facts;
    for (const catalog::Fact& fact : catalog.data().facts) {
      facts.push_back(fact.id);
    }
    std::ranges::sort(facts, {},
                      [&](std::string_view f) { return edit_distance(f, options.condition); });
    facts.resize(std::min<std::size_t>(facts.size(), 3));
    return usage_error(
        fmt::format("unknown fact '{}'; closest: {} (see 'etguard catalog export --format json', "
                    "fact_vocabulary)",
                    options.condition, fmt::join(facts, ", ")),
        fmt::format("未知的事實 '{}'；最接近：{}", options.condition, fmt::join(facts, ", ")));
  }
  if (options.chapter != 0 && catalog.chapter(options.chapter) == nullptr) {
    return usage_error(
        fmt::format("there is no chapter {} (1–{})", options.chapter, catalog.chapters().size()),
        fmt::format("沒有第 {} 章（1–{}）", options.chapter, catalog.chapters().size()));
  }
  if (options.article != 0 && catalog.article(options.article) == nullptr) {
    return usage_error(
        fmt::format("there is no article {} (1–{})", options.article, catalog.articles().size()),
        fmt::format("沒有第 {} 條（1–{}）", options.article, catalog.articles().size()));
  }
  std::vector<const Node*> selected;
  for (const Node* node : catalog.all_nodes()) {
    const catalog::Article* article = catalog.article(node->article);
    const auto conditions = catalog.effective_conditions(*node);
    const bool keep = (options.chapter == 0 || article->chapter == options.chapter) &&
                      (options.article == 0 || node->article == options.article) &&
                      (!obligation || node->obligation == *obligation) &&
                      (!polarity || node->polarity == *polarity) &&
                      (!recurrence || std::ranges::find(node->recurrence, *recurrence) !=
                                          node->recurrence.end()) &&
                      (options.condition.empty() ||
                       std::ranges::find(conditions, options.condition) != conditions.end());
    if (keep) {
      selected.push_back(node);
    }
  }
  if (context.json) {
    print_json(catalog::listing_json("list", catalog, selected));
    return kExitOk;
  }
  const Text header[] = {{"編號", "ID"}, {"義務", "Obligation"}, {"條文", "Text"}};
  Table table({std::string(context.tr(header[0])), std::string(context.tr(header[1])),
               std::string(context.tr(header[2]))});
  for (const Node* node : selected) {
    table.add({std::string(node->id), std::string(context.tr(catalog::describe(node->obligation))),
               std::string(context.tr(node->text))});
  }
  print(table.render(terminal_width()));
  print(context.lang == Lang::kZhTw ? fmt::format("共 {} 項\n", selected.size())
                                    : fmt::format("{} requirement(s)\n", selected.size()));
  return kExitOk;
}

// --- search -----------------------------------------------------------------

struct SearchOptions {
  std::vector<std::string> words;
  std::size_t limit = 20;
};

Result<int> run_search(const Context& context, const SearchOptions& options) {
  const Catalog& catalog = catalog::embedded_catalog();
  const std::string query = fmt::format("{}", fmt::join(options.words, " "));
  const auto hits = catalog::search(catalog, query, options.limit);
  if (context.json) {
    std::vector<const Node*> nodes;
    Json scores = Json::array();
    for (const auto& hit : hits) {
      nodes.push_back(hit.node);
      scores.push_back(hit.score);
    }
    Json doc = catalog::listing_json("search", catalog, nodes);
    doc["query"] = query;
    doc["scores"] = scores;
    print_json(doc);
    return kExitOk;
  }
  if (hits.empty()) {
    print(context.lang == Lang::kZhTw ? fmt::format("找不到「{}」\n", query)
                                      : fmt::format("nothing matches \"{}\"\n", query));
    return kExitOk;
  }
  const Text header[] = {{"編號", "ID"}, {"條文", "Text"}};
  Table table({std::string(context.tr(header[0])), std::string(context.tr(header[1]))});
  for (const auto& hit : hits) {
    table.add({std::string(hit.node->id), std::string(context.tr(hit.node->text))});
  }
  print(table.render(terminal_width()));
  return kExitOk;
}

// --- stats ------------------------------------------------------------------

Result<int> run_stats(const Context& context) {
  const Catalog& catalog = catalog::embedded_catalog();
  std::map<int, std::array<int, 6>> by_chapter;  // articles, nodes, shall, should, may, informative
  std::map<std::string_view, int> by_kind;
  std::map<std::string_view, int> by_obligation;
  std::map<std::string_view, int> by_recurrence;
  int nodes = 0;
  for (const catalog::Article& article : catalog.articles()) {
    auto& row = by_chapter[article.chapter];
    ++row[0];
    ++by_kind[catalog::to_string(article.kind)];
    for (const Node& node : article.nodes) {
      ++nodes;
      ++row[1];
      ++row[2 + static_cast<std::size_t>(node.obligation)];
      ++by_obligation[catalog::to_string(node.obligation)];
      for (catalog::Recurrence each : node.recurrence) {
        ++by_recurrence[catalog::to_string(each)];
      }
    }
  }
  if (context.json) {
    Json chapters = Json::array();
    for (const auto& [number, row] : by_chapter) {
      chapters.push_back(Json{{"chapter", number},
                              {"articles", row[0]},
                              {"nodes", row[1]},
                              {"shall", row[2]},
                              {"should", row[3]},
                              {"may", row[4]},
                              {"informative", row[5]}});
    }
    print_json(Json{{"format", fmt::format("{}.stats", catalog::kJsonFormat)},
                    {"format_version", catalog::kJsonFormatVersion},
                    {"catalog_version", catalog.data().version},
                    {"chapters", catalog.chapters().size()},
                    {"articles", catalog.articles().size()},
                    {"nodes", nodes},
                    {"by_chapter", chapters},
                    {"by_kind", by_kind},
                    {"by_obligation", by_obligation},
                    {"by_recurrence", by_recurrence}});
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  print(fmt::format("{} ({})\n{}\n\n", context.tr(catalog.data().title), catalog.data().version,
                    zh ? fmt::format("{} 章、{} 條、{} 項要求", catalog.chapters().size(),
                                     catalog.articles().size(), nodes)
                       : fmt::format("{} chapters, {} articles, {} requirement nodes",
                                     catalog.chapters().size(), catalog.articles().size(), nodes)));
  Table chapters({zh ? "章" : "Chapter", zh ? "條數" : "Articles", zh ? "項數" : "Nodes",
                  zh ? "應" : "shall", zh ? "宜" : "should", zh ? "得" : "may",
                  zh ? "參考" : "informative", zh ? "標題" : "Title"});
  for (const auto& [number, row] : by_chapter) {
    chapters.add({catalog::chapter_label(number, context.lang), std::to_string(row[0]),
                  std::to_string(row[1]), std::to_string(row[2]), std::to_string(row[3]),
                  std::to_string(row[4]), std::to_string(row[5]),
                  std::string(context.tr(catalog.chapter(number)->title))});
  }
  print(chapters.render(terminal_width()));
  auto print_counts = [&](const Text& title, const std::map<std::string_view, int>& counts,
                          auto describe) {
    print(fmt::format("\n{}\n", context.tr(title)));
    for (const auto& [name, count] : counts) {
      print(fmt::format("  {:<4} {}\n", count, describe(name)));
    }
  };
  print_counts({"條文類別", "Articles by kind"}, by_kind, [&](std::string_view name) {
    return std::string(context.tr(catalog::describe(*catalog::parse_article_kind(name))));
  });
  print_counts({"頻率", "Recurrence"}, by_recurrence, [&](std::string_view name) {
    return std::string(context.tr(catalog::describe(*catalog::parse_recurrence(name))));
  });
  return kExitOk;
}

// --- verify-source ----------------------------------------------------------

Result<int> run_verify_source(const Context& context, const std::string& file) {
  const Catalog& catalog = catalog::embedded_catalog();
  std::string text(catalog.data().source_text);
  if (!file.empty()) {
    auto read = read_file(file);
    if (!read) {
      return std::unexpected(read.error());
    }
    text = std::move(*read);
  }
  auto source = catalog::parse_source(text);
  if (!source) {
    return std::unexpected(source.error());
  }
  const auto problems = catalog::verify_against_source(catalog, *source);
  if (context.json) {
    Json items = Json::array();
    for (const auto& problem : problems) {
      items.push_back(Json{{"where", problem.where}, {"problem", problem.problem}});
    }
    print_json(Json{{"format", fmt::format("{}.provenance", catalog::kJsonFormat)},
                    {"format_version", catalog::kJsonFormatVersion},
                    {"source", file.empty() ? "embedded" : file},
                    {"articles", source->articles.size()},
                    {"match", problems.empty()},
                    {"problems", items}});
  } else if (problems.empty()) {
    print(context.lang == Lang::kZhTw
              ? fmt::format("目錄與原文一致：{} 條，每條中文內容與原文相同（忽略空白）\n",
                            source->articles.size())
              : fmt::format("the catalog reproduces the source: {} articles, each text_zh equal to "
                            "the source (whitespace ignored)\n",
                            source->articles.size()));
  } else {
    for (const auto& problem : problems) {
      print(fmt::format("{}: {}\n", problem.where, problem.problem));
    }
  }
  return problems.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void add_catalog_command(CLI::App& app, Action& selected, const Help& help) {
  CLI::App* catalog = app.add_subcommand(
      "catalog", help("The guideline as a bilingual catalog", "指引條文目錄（中英對照）"));
  catalog->require_subcommand(1);

  auto list_options = std::make_shared<ListOptions>();
  CLI::App* list =
      catalog->add_subcommand("list", help("List requirements, filtered", "依條件列出要求"));
  list->add_option("--chapter", list_options->chapter,
                   help("only this chapter (1-8)", "僅列此章（1-8）"));
  list->add_option("--article", list_options->article,
                   help("only this article (1-54)", "僅列此條（1-54）"));
  list->add_option("--obligation", list_options->obligation,
                   help("shall | should | may | informative",
                        "shall（應）| should（宜）| may（得）| informative（說明）"));
  list->add_option("--polarity", list_options->polarity,
                   help("duty | prohibition (不得, 應避免: what must not be done)",
                        "duty（作為義務）| prohibition（不得、應避免：禁止事項）"));
  list->add_option("--condition", list_options->condition,
                   help("only requirements that depend on this fact", "僅列取決於此事實之要求"));
  list->add_option("--recurrence", list_options->recurrence,
                   help("e.g. yearly, daily, before_each_release",
                        "頻率，例如 yearly、daily、before_each_release"));
  list->footer(help.footer({}, {},
                           "  etguard catalog list --chapter 6 --obligation shall\n"
                           "  etguard catalog list --condition cloud.material --json\n"
                           "  etguard catalog list --polarity prohibition\n"
                           "  etguard catalog list --recurrence daily --lang zh-TW"));
  list->callback([&selected, list_options] {
    selected = [list_options](const Context& context) {
      return run_catalog_list(context, *list_options);
    };
  });

  auto search_options = std::make_shared<SearchOptions>();
  CLI::App* search = catalog->add_subcommand(
      "search", help("Search in Chinese and English", "以中文或英文全文檢索"));
  search
      ->add_option("text", search_options->words,
                   help("words to find (all must match)", "要找的字詞（須全部相符）"))
      ->required();
  search
      ->add_option("--limit", search_options->limit, help("at most this many results", "結果上限"))
      ->capture_default_str();
  search->footer(help.footer({}, {},
                             "  etguard catalog search 多因子\n"
                             "  etguard catalog search MFA\n"
                             "  etguard catalog search audit trail --json"));
  search->callback([&selected, search_options] {
    selected = [search_options](const Context& context) {
      return run_search(context, *search_options);
    };
  });

  CLI::App* stats = catalog->add_subcommand(
      "stats",
      help("Counts by chapter, kind, obligation, recurrence", "依章、類型、義務強度、頻率統計"));
  stats->callback([&selected] { selected = run_stats; });

  auto source_file = std::make_shared<std::string>();
  CLI::App* verify = catalog->add_subcommand(
      "verify-source",
      help("Check the catalog against the guideline's source text", "比對目錄與指引原文"));
  verify->add_option("file", *source_file,
                     help("source text (default: the copy embedded in etguard)",
                          "原文檔案（預設為 etguard 內建之副本）"));
  verify->footer(help.footer(
      "Exit 0 when every article's Chinese text equals the source (whitespace ignored)\n"
      "and its nodes tile the body in order; exit 1 with the differences otherwise.",
      "每條中文條文與原文相同（不計空白）且其節點依序完整覆蓋條文時結束碼為 0；\n"
      "否則列出差異，結束碼為 1。",
      {}));
  verify->callback([&selected, source_file] {
    selected = [source_file](const Context& context) {
      return run_verify_source(context, *source_file);
    };
  });

  add_catalog_show(*catalog, selected, help);
  add_catalog_export(*catalog, selected, help);
  add_catalog_vocabulary(*catalog, selected, help);
  add_catalog_coverage(*catalog, selected, help);
}

}  // namespace etguard::cli
