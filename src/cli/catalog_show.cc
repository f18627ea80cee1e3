// etguard catalog show ID: one requirement (or article) with its parents and
// children, in both languages, with everything an assessor needs.
#include <fmt/format.h>

#include "app/coverage.h"
#include "catalog/catalog.h"
#include "catalog/data/embedded.h"
#include "catalog/export/formats.h"
#include "catalog/export/json_export.h"
#include "cli/command.h"
#include "core/text.h"

namespace etguard::cli {
namespace {

using catalog::Catalog;
using catalog::Node;
using Json = nlohmann::ordered_json;

class ShowPrinter {
 public:
  ShowPrinter(const Context& context, const Catalog& catalog)
      : context_(context), catalog_(catalog), width_(std::max<std::size_t>(terminal_width(), 40)) {
    if (terminal_width() == 0) {
      width_ = 100;
    }
  }

  void field(const Text& label, std::string_view value) {
    if (value.empty()) {
      return;
    }
    const std::string head = fmt::format("{}: ", context_.tr(label));
    const std::size_t indent = display_width(head);
    const auto lines = wrap_to_width(value, width_ > indent + 20 ? width_ - indent : 40);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      out_ += i == 0 ? head : std::string(indent, ' ');
      out_ += lines[i];
      out_ += '\n';
    }
  }

  void list(const Text& label, const std::vector<std::string>& items) {
    if (items.empty()) {
      return;
    }
    out_ += fmt::format("{}:\n", context_.tr(label));
    for (const std::string& item : items) {
      const auto lines = wrap_to_width(item, width_ > 6 ? width_ - 4 : 40);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        out_ += i == 0 ? "  - " : "    ";
        out_ += lines[i];
        out_ += '\n';
      }
    }
  }

  void node(const Node& node) {
    const catalog::Article* article = catalog_.article(node.article);
    std::string path = catalog::article_label(article->number, context_.lang) + " " +
                       std::string(context_.tr(article->title));
    for (const Node* up : catalog_.ancestors(node)) {
      if (up->level != catalog::Level::kLead) {
        path +=
            " › " + catalog::node_label(*up, context_.lang) + std::string(context_.tr(up->heading));
      }
    }
    if (node.level != catalog::Level::kLead) {
      path += " › " + catalog::node_label(node, context_.lang);
    }
    out_ += fmt::format("{}  {}\n", node.id, path);
    out_ += std::string(std::min<std::size_t>(width_, 60), '-') + "\n";
    const Lang other = context_.lang == Lang::kZhTw ? Lang::kEn : Lang::kZhTw;
    field({"義務", "Obligation"}, obligation_text(node));
    field({"標題", "Heading"}, context_.tr(node.heading));
    field({"條文", "Text"}, node.text.in(context_.lang));
    field({"英文", "中文"}, node.text.in(other));
    field({"適用條件", "Applies when"}, facts_text(catalog_.effective_conditions(node)));
    field({"除外", "Unless"}, facts_text(catalog_.effective_unless(node)));
    std::vector<std::string> recurrence;
    for (catalog::Recurrence each : node.recurrence) {
      recurrence.emplace_back(context_.tr(catalog::describe(each)));
    }
    field({"頻率", "Recurrence"}, fmt::format("{}", fmt::join(recurrence, "; ")));
    field({"觸發事件", "Trigger"}, context_.tr(node.trigger));
    if (node.retention_years > 0) {
      field({"留存", "Retention"}, context_.lang == Lang::kZhTw
                                       ? fmt::format("至少 {} 年", node.retention_years)
                                       : fmt::format("at least {} years", node.retention_years));
    }
    std::vector<std::string> evidence;
    for (const Text& item : node.evidence) {
      evidence.emplace_back(context_.tr(item));
    }
    list({"佐證", "Evidence"}, evidence);
    std::vector<std::string> checks;
    for (const check::CheckInfo* info : app::checks_proving(node.id)) {
      checks.push_back(fmt::format("{} — {}", info->id, context_.tr(info->title)));
    }
    for (const check::CheckInfo* info : app::checks_supporting(node.id)) {
      checks.push_back(fmt::format("{} — {} {}", info->id, context_.tr(info->title),
                                   context_.lang == Lang::kZhTw ? "（部分佐證）" : "(partial)"));
    }
    list({"自動檢測", "Checks"}, checks);
    std::vector<std::string> references;
    for (std::string_view clause : node.see) {
      references.emplace_back(clause);
    }
    for (std::string_view id : node.instruments) {
      if (const catalog::Instrument* instrument = catalog_.instrument(id)) {
        references.emplace_back(context_.tr(instrument->title));
      }
    }
    list({"相關規範", "References"}, references);
    std::vector<std::string> terms;
    for (const catalog::Term* term : catalog_.terms_used_in(node)) {
      terms.push_back(fmt::format("{} / {}", term->zh.front(), term->en.front()));
    }
    field({"用語", "Terms"}, fmt::format("{}", fmt::join(terms, "; ")));
    field({"解釋說明", "Interpretation"}, context_.tr(node.note));
    children(node.id);
  }

  void article(const catalog::Article& article) {
    out_ += fmt::format("ET-{}  {} {}\n", article.number,
                        catalog::article_label(article.number, context_.lang),
                        context_.tr(article.title));
    out_ += std::string(std::min<std::size_t>(width_, 60), '-') + "\n";
    field({"類別", "Kind"}, context_.tr(catalog::describe(article.kind)));
    field({"章", "Chapter"},
          fmt::format("{} {}", catalog::chapter_label(article.chapter, context_.lang),
                      context_.tr(catalog_.chapter(article.chapter)->title)));
    std::vector<std::string_view> conditions(article.conditions.begin(), article.conditions.end());
    field({"適用條件", "Applies when"}, facts_text(conditions));
    field({"條文", "Text"}, catalog::article_text(article, context_.lang));
    children(fmt::format("ET-{}", article.number));
  }

  const std::string& text() const { return out_; }

 private:
  std::string obligation_text(const Node& node) const {
    std::string text(context_.tr(catalog::describe(node.obligation)));
    if (!node.also.empty()) {
      std::vector<std::string_view> weaker;
      for (catalog::Obligation each : node.also) {
        weaker.push_back(context_.tr(catalog::describe(each)));
      }
      const std::string joined = fmt::format("{}", fmt::join(weaker, ", "));
      text += context_.lang == Lang::kZhTw ? "（兼含：" + joined + "）" : " (also: " + joined + ")";
    }
    return text;
  }

  std::string facts_text(const std::vector<std::string_view>& facts) const {
    std::vector<std::string> parts;
    for (std::string_view id : facts) {
      const catalog::Fact* fact = catalog_.fact(id);
      parts.push_back(fact == nullptr ? std::string(id)
                                      : fmt::format("{} ({})", id, context_.tr(fact->text)));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
  }

  void children(std::string_view id) {
    std::vector<std::string> items;
    for (const Node* child : catalog_.children(id)) {
      if (child->id == id) {
        continue;  // an article's lead node is the article itself
      }
      items.push_back(
          fmt::format("{}  {}", child->id, truncate_to_width(context_.tr(child->text), 60)));
    }
    list({"下層", "Children"}, items);
  }

  const Context& context_;
  const Catalog& catalog_;
  std::size_t width_;
  std::string out_;
};

Result<int> run_catalog_show(const Context& context, const std::string& id) {
  const Catalog& catalog = catalog::embedded_catalog();
  const auto located = catalog.locate(id);
  if (!located) {
    return std::unexpected(catalog.unknown_id(id));
  }
  if (context.json) {
    Json doc{{"format", fmt::format("{}.show", catalog::kJsonFormat)},
             {"format_version", catalog::kJsonFormatVersion},
             {"catalog_version", catalog.data().version},
             {"id", id},
             {"article", located->article->number}};
    if (located->node != nullptr) {
      doc["node"] = catalog::node_to_json(catalog, *located->node);
      Json parents = Json::array();
      for (const Node* up : catalog.ancestors(*located->node)) {
        parents.push_back(up->id);
      }
      doc["ancestors"] = parents;
      Json checks = Json::array();
      for (const check::CheckInfo* info : app::checks_proving(located->node->id)) {
        checks.push_back(info->id);
      }
      doc["checks"] = checks;
      Json partial = Json::array();
      for (const check::CheckInfo* info : app::checks_supporting(located->node->id)) {
        partial.push_back(info->id);
      }
      doc["partial_checks"] = partial;
    }
    Json children = Json::array();
    for (const Node* child : catalog.children(id)) {
      children.push_back(child->id);
    }
    doc["children"] = children;
    print_json(doc);
    return kExitOk;
  }
  ShowPrinter printer(context, catalog);
  if (located->node != nullptr) {
    printer.node(*located->node);
  } else {
    printer.article(*located->article);
  }
  print(printer.text());
  return kExitOk;
}

}  // namespace

void add_catalog_show(CLI::App& catalog, Action& selected, const Help& help) {
  auto id = std::make_shared<std::string>();
  CLI::App* show = catalog.add_subcommand(
      "show", help("One requirement with its context", "顯示一項要求及其上下文"));
  show->add_option("id", *id,
                   help("requirement ID, e.g. ET-8.3.5, or an article, e.g. ET-36",
                        "要求編號，例如 ET-8.3.5，或條次，例如 ET-36"))
      ->required();
  show->footer(help.footer({}, {},
                           "  etguard catalog show ET-8.3.5\n"
                           "  etguard catalog show ET-36 --lang zh-TW\n"
                           "  etguard catalog show ET-4.1.3.2 --json"));
  show->callback([&selected, id] {
    selected = [id](const Context& context) { return run_catalog_show(context, *id); };
  });
}

}  // namespace etguard::cli
