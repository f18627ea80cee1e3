#include "server/catalog_pages.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "server/http.h"

namespace etguard::server {
namespace {

using catalog::Node;

std::string search_form(Lang lang, std::string_view query) {
  return fmt::format(
      R"(<form class="search" method="get" action="/catalog/search" role="search"><label for="q">{}</label><input id="q" name="q" type="search" value="{}" maxlength="200" placeholder="{}"><button type="submit">{}</button></form>)",
      t(lang, "Search the guideline", "搜尋指引"), escape_html(query),
      t(lang, "MFA, deepfake, ET-8.3 …", "多因子、深偽、ET-8.3 …"), t(lang, "Search", "搜尋"));
}

std::string article_link(const catalog::Article& article, Lang lang) {
  return fmt::format(R"(<a href="/catalog/articles/{}">{} {}</a>)", article.number,
                     catalog::article_label(article.number, lang),
                     escape_html(article.title.in(lang)));
}

// One horizontal bar: `value` of `largest`, with the number beside it.
std::string bar(int value, int largest) {
  const double width = largest > 0 ? 100.0 * value / largest : 0;
  return fmt::format(
      R"(<svg class="minibar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" width="{:.1f}" height="10"/></svg> {})",
      width, value);
}

std::string badges(const Node& node, Lang lang) {
  std::string out =
      fmt::format(R"(<span class="badge {}">{}</span>)", catalog::to_string(node.obligation),
                  escape_html(catalog::describe(node.obligation).in(lang)));
  if (node.polarity == catalog::Polarity::kProhibition) {
    out += fmt::format(R"(<span class="badge prohibition">{}</span>)",
                       t(lang, "prohibition", "禁止事項"));
  }
  return out;
}

std::string conditions(const catalog::Catalog& catalog, const Node& node, Lang lang) {
  std::string items;
  for (const std::string_view id : catalog.effective_conditions(node)) {
    const catalog::Fact* fact = catalog.fact(id);
    items += fmt::format(R"(<li><code>{}</code> {}</li>)", escape_html(id),
                         fact != nullptr ? escape_html(fact->text.in(lang)) : std::string());
  }
  for (const std::string_view id : catalog.effective_unless(node)) {
    const catalog::Fact* fact = catalog.fact(id);
    items +=
        fmt::format(R"(<li>{} <code>{}</code> {}</li>)", t(lang, "unless", "除非"), escape_html(id),
                    fact != nullptr ? escape_html(fact->text.in(lang)) : std::string());
  }
  if (items.empty()) {
    return {};
  }
  return fmt::format(R"(<div class="applies"><h4>{}</h4><ul>{}</ul></div>)",
                     t(lang, "Applies when", "適用條件"), items);
}

std::string node_block(const catalog::Catalog& catalog, const Node& node, Lang lang) {
  std::string heading;
  if (!node.heading.empty()) {
    heading =
        fmt::format(R"( <span class="heading">{}</span>)", escape_html(node.heading.in(lang)));
  }
  // The Chinese text is the authority: an English page shows it too.
  std::string source;
  if (lang == Lang::kEn && !node.text.zh.empty()) {
    source = fmt::format(R"(<p class="source" lang="zh-TW"><span>原文</span> {}</p>)",
                         escape_html(node.text.zh));
  }
  std::string when;
  for (const catalog::Recurrence recurrence : node.recurrence) {
    when += fmt::format(R"(<span class="badge recurrence">{}</span>)",
                        escape_html(catalog::describe(recurrence).in(lang)));
  }
  std::string evidence;
  for (const Text& item : node.evidence) {
    evidence += fmt::format("<li>{}</li>", escape_html(item.in(lang)));
  }
  if (!evidence.empty()) {
    evidence = fmt::format(R"(<div class="evidence"><h4>{}</h4><ul>{}</ul></div>)",
                           t(lang, "Evidence an examiner asks for", "查核時應備之佐證"), evidence);
  }
  std::string note;
  if (!node.note.empty()) {
    note = fmt::format(R"(<details class="note"><summary>{}</summary><p>{}</p></details>)",
                       t(lang, "Interpretation note", "解釋說明"), escape_html(node.note.in(lang)));
  }
  return fmt::format(
      R"(<article class="node {}" id="{}"><header><a class="id" href="#{}"><code>{}</code></a> <span class="label">{}</span>{} {}{}</header><p class="text">{}</p>{}{}{}{}</article>)",
      catalog::to_string(node.level), escape_html(node.id), escape_html(node.id),
      escape_html(node.id), escape_html(catalog::node_label(node, lang)), heading,
      badges(node, lang), when, escape_html(node.text.in(lang)), source,
      conditions(catalog, node, lang), evidence, note);
}

}  // namespace

std::string catalog_outline_page(const Frame& frame, const app::CatalogOutline& outline) {
  const Lang lang = frame.lang;
  int largest = 0;
  for (const app::ChapterLine& chapter : outline.chapters) {
    for (const app::ArticleLine& line : chapter.articles) {
      largest = std::max(largest, line.duties);
    }
  }
  std::string chapters;
  for (const app::ChapterLine& chapter : outline.chapters) {
    std::string rows;
    for (const app::ArticleLine& line : chapter.articles) {
      rows += fmt::format(R"(<tr><th scope="row">{}</th><td class="count">{}</td><td>{}</td></tr>)",
                          article_link(*line.article, lang), bar(line.duties, largest),
                          line.prohibitions > 0 ? std::to_string(line.prohibitions) : "");
    }
    chapters += fmt::format(
        R"(<section><h2>{} {}</h2><table class="outline"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table></section>)",
        catalog::chapter_label(chapter.chapter->number, lang),
        escape_html(chapter.chapter->title.in(lang)), t(lang, "Article", "條文"),
        t(lang, "Duties (shall)", "應辦事項（應）"), t(lang, "Prohibitions", "禁止事項"), rows);
  }
  const catalog::CatalogData& data = outline.catalog->data();
  return layout(frame, t(lang, "Guideline", "指引條文"),
                fmt::format(R"(<h1>{}</h1><p class="meta">{} · {}</p>{}{})",
                            escape_html(data.title.in(lang)), escape_html(data.revision.in(lang)),
                            escape_html(data.version), search_form(lang, {}), chapters));
}

std::string catalog_article_page(const Frame& frame, const app::CatalogArticle& shown) {
  const Lang lang = frame.lang;
  const catalog::Article& article = *shown.article;
  std::string nodes;
  for (const Node& node : article.nodes) {
    nodes += node_block(*shown.catalog, node, lang);
  }
  std::string pager;
  if (shown.previous != nullptr) {
    pager +=
        fmt::format(R"(<a rel="prev" href="/catalog/articles/{}">← {}</a>)", shown.previous->number,
                    catalog::article_label(shown.previous->number, lang));
  }
  if (shown.next != nullptr) {
    pager += fmt::format(R"(<a rel="next" href="/catalog/articles/{}">{} →</a>)",
                         shown.next->number, catalog::article_label(shown.next->number, lang));
  }
  const std::string chapter =
      shown.chapter != nullptr
          ? fmt::format("{} {}", catalog::chapter_label(shown.chapter->number, lang),
                        escape_html(shown.chapter->title.in(lang)))
          : std::string();
  const std::string title =
      fmt::format("{} {}", catalog::article_label(article.number, lang), article.title.in(lang));
  return layout(
      frame, title,
      fmt::format(
          R"(<nav class="crumbs" aria-label="{}"><a href="/catalog">{}</a> › {}</nav><h1>{}</h1>{}<div class="nodes">{}</div><nav class="pager" aria-label="{}">{}</nav>)",
          t(lang, "Where you are", "目前位置"), t(lang, "Guideline", "指引條文"), chapter,
          escape_html(title), search_form(lang, {}), nodes, t(lang, "Articles", "條文"), pager));
}

std::string catalog_search_page(const Frame& frame, const app::CatalogSearch& found,
                                std::string_view query) {
  const Lang lang = frame.lang;
  std::string items;
  for (const Node* node : found.nodes) {
    items += fmt::format(
        R"(<li><a href="/catalog/articles/{}#{}"><code>{}</code></a> {} <span class="hit">{}</span></li>)",
        node->article, escape_html(node->id), escape_html(node->id), badges(*node, lang),
        escape_html(truncate_to_width(node->text.in(lang), 120)));
  }
  const std::string summary =
      lang == Lang::kZhTw
          ? fmt::format("「{}」找到 {} 項", escape_html(query), found.nodes.size())
          : fmt::format("{} found for “{}”", found.nodes.size(), escape_html(query));
  return layout(
      frame, t(lang, "Search the guideline", "搜尋指引"),
      fmt::format(
          R"(<nav class="crumbs"><a href="/catalog">{}</a></nav><h1>{}</h1>{}<p role="status">{}</p><ol class="hits">{}</ol>)",
          t(lang, "Guideline", "指引條文"), t(lang, "Search", "搜尋"), search_form(lang, query),
          summary, items));
}

}  // namespace etguard::server
