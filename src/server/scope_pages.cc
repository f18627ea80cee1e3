#include "server/scope_pages.h"

#include <fmt/format.h>

#include <map>

#include "assess/scope.h"
#include "catalog/data/embedded.h"
#include "core/text.h"
#include "server/http.h"

namespace etguard::server {
namespace {

using Json = nlohmann::ordered_json;

std::string decision(Lang lang, bool applies) {
  return fmt::format(R"(<span class="decision {}">{}</span>)", applies ? "applies" : "excluded",
                     applies ? t(lang, "applies", "適用") : t(lang, "does not apply", "不適用"));
}

std::string filter_form(Lang lang, const app::ScopeQuery& query) {
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  std::string chapters =
      fmt::format(R"(<option value="">{}</option>)", t(lang, "every chapter", "所有章"));
  for (const catalog::Chapter& chapter : catalog.chapters()) {
    chapters += fmt::format(R"(<option value="{}"{}>{} {}</option>)", chapter.number,
                            chapter.number == query.chapter ? " selected" : "",
                            catalog::chapter_label(chapter.number, lang),
                            escape_html(chapter.title.in(lang)));
  }
  const auto option = [&](std::string_view value, std::string_view label) {
    return fmt::format(R"(<option value="{}"{}>{}</option>)", value,
                       query.applies == value ? " selected" : "", label);
  };
  return fmt::format(
      R"(<form class="filters" method="get" action="/scope"><label for="chapter">{}</label><select id="chapter" name="chapter">{}</select><label for="applies">{}</label><select id="applies" name="applies">{}{}{}</select><button type="submit">{}</button></form>)",
      t(lang, "Chapter", "章"), chapters, t(lang, "Decision", "判定"),
      option("", t(lang, "all", "全部")), option("yes", t(lang, "applies", "適用")),
      option("no", t(lang, "does not apply", "不適用")), t(lang, "Show", "顯示"));
}

// What applies per chapter, as bars: a picture of where the work is.
std::string chapter_bars(Lang lang, const app::ScopeView& view) {
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  std::map<int, std::pair<int, int>> counts;  // chapter → applying, all
  for (const app::ScopeLine& line : view.lines) {
    auto& [applying, all] = counts[catalog.article(line.scope->node->article)->chapter];
    applying += line.applies ? 1 : 0;
    ++all;
  }
  std::string rows;
  for (const auto& [chapter, count] : counts) {
    const auto [applying, all] = count;
    rows += fmt::format(
        R"(<tr><th scope="row"><a href="/scope?chapter={}">{} {}</a></th><td><svg class="minibar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" width="{:.1f}" height="10"/></svg> {} / {}</td></tr>)",
        chapter, catalog::chapter_label(chapter, lang),
        escape_html(catalog.chapter(chapter)->title.in(lang)),
        all > 0 ? 100.0 * applying / all : 0.0, applying, all);
  }
  return fmt::format(R"(<table class="outline"><caption>{}</caption><tbody>{}</tbody></table>)",
                     t(lang, "Requirements that apply, by chapter", "各章適用之要求"), rows);
}

std::string downloads(Lang lang) {
  return fmt::format(
      R"(<p class="downloads">{}: <a href="/reports/download?what=soa&amp;format=html&amp;lang=zh-TW" download>HTML 中文</a> · <a href="/reports/download?what=soa&amp;format=html&amp;lang=en" download>HTML English</a> · <a href="/reports/download?what=soa&amp;format=xlsx&amp;lang=zh-TW" download>XLSX</a></p>)",
      t(lang, "Statement of applicability to download", "下載適用性聲明"));
}

std::string lines_table(Lang lang, const app::ScopeView& view) {
  std::string rows;
  for (const app::ScopeLine& line : view.lines) {
    const catalog::Node& node = *line.scope->node;
    rows += fmt::format(
        R"(<tr><td><a href="/scope?node={0}">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td></tr>)",
        escape_html(node.id), escape_html(truncate_to_width(node.text.in(lang), 90)),
        decision(lang, line.applies),
        line.scope->subject == "org"
            ? std::string(t(lang, "the firm", "全公司"))
            : fmt::format("{} / {} <small>{}</small>", line.objects_applying, line.objects,
                          escape_html(line.scope->subject)),
        escape_html(line.reason));
  }
  if (rows.empty()) {
    return fmt::format("<p>{}</p>", t(lang, "No requirement matches.", "沒有符合之要求。"));
  }
  return fmt::format(
      R"(<table class="scope"><caption>{} {}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
      view.lines.size(), t(lang, "requirements", "項要求"), t(lang, "ID", "編號"),
      t(lang, "Requirement", "要求"), t(lang, "Decision", "判定"),
      t(lang, "Register entries it applies to", "適用之清冊項目"), t(lang, "Why", "理由"), rows);
}

std::string fact_item(Lang lang, std::string_view id, bool unless) {
  const catalog::Fact* fact = catalog::embedded_catalog().fact(id);
  return fmt::format(R"(<li>{}<code>{}</code> {}</li>)",
                     unless ? fmt::format("{} ", t(lang, "unless", "除非")) : std::string(),
                     escape_html(id), fact != nullptr ? escape_html(fact->text.in(lang)) : "");
}

std::string explained_section(Lang lang, const app::ScopeExplained& shown,
                              const app::ScopeQuery& query) {
  const catalog::Node& node = *shown.scope->node;
  std::string conditions;
  for (const std::string_view id : shown.conditions) {
    conditions += fact_item(lang, id, false);
  }
  for (const std::string_view id : shown.unless) {
    conditions += fact_item(lang, id, true);
  }
  if (conditions.empty()) {
    conditions =
        fmt::format("<li>{}</li>", t(lang, "none: applies to every firm", "無：所有業者適用"));
  }
  std::string instruments;
  for (const catalog::Instrument* instrument : shown.instruments) {
    instruments += fmt::format("<li>{}</li>", escape_html(instrument->title.in(lang)));
  }
  std::string rows;
  for (const assess::Applicability* object : shown.objects) {
    std::string facts;
    for (const assess::FactValue& fact : object->facts) {
      const bool holds = fact.value != fact.negated;
      facts += fmt::format(R"(<li><span aria-label="{}">{}</span> {}</li>)",
                           holds ? t(lang, "holds", "成立") : t(lang, "fails", "不成立"),
                           holds ? "✓" : "✗", escape_html(assess::fact_text(fact, *object)));
    }
    if (facts.empty()) {
      facts = fmt::format("<li>{}</li>", t(lang, "no condition", "無條件"));
    }
    rows += fmt::format(R"(<tr><td>{}</td><td>{}</td><td><ul class="facts">{}</ul></td></tr>)",
                        escape_html(object->object), decision(lang, object->applies), facts);
  }
  const std::string pages = pager(
      lang, query.offset, shown.objects.size(), shown.total, query.limit, [&](std::size_t offset) {
        return fmt::format("/scope?node={}&amp;offset={}", escape_html(node.id), offset);
      });
  return fmt::format(
      R"(<section class="explained" aria-labelledby="explained"><h2 id="explained">{} <a href="/catalog/articles/{}#{}">{}</a></h2><p>{}</p>
<h3>{}</h3><ul>{}</ul>{}
<table><caption>{} {}–{} / {}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table><p>{}</p></section>)",
      t(lang, "Why it applies:", "適用理由："), node.article, escape_html(node.id),
      escape_html(node.id), escape_html(node.text.in(lang)),
      t(lang, "Conditions (article, parents, own)", "適用條件（條、款、目逐層繼承）"), conditions,
      instruments.empty()
          ? std::string()
          : fmt::format("<h3>{}</h3><ul>{}</ul>",
                        t(lang, "Instruments the firm follows", "業者應依循之規範"), instruments),
      t(lang, "Register entries", "清冊項目"), shown.objects.empty() ? 0 : query.offset + 1,
      query.offset + shown.objects.size(), shown.total, t(lang, "Entry", "項目"),
      t(lang, "Decision", "判定"), t(lang, "Deciding facts", "判定事實"), rows, pages);
}

}  // namespace

std::string scope_page(const Frame& frame, const app::ScopeView& view,
                       const app::ScopeQuery& query) {
  const Lang lang = frame.lang;
  const std::string title(t(lang, "Scope and statement of applicability", "適用範圍與適用性聲明"));
  return layout(
      frame, title,
      fmt::format(R"(<h1>{}</h1><p class="meta">{}</p>{}{}{}{}{})", title,
                  t(lang,
                    "Decided from the registers and the firm's profile by the catalog's "
                    "conditions; each requirement links to its reasons.",
                    "依清冊與公司基本資料，按目錄之適用條件判定；各要求可點選查看理由。"),
                  view.may_download ? downloads(lang) : std::string(),
                  view.explained ? explained_section(lang, *view.explained, query) : std::string(),
                  filter_form(lang, query), query.chapter == 0 ? chapter_bars(lang, view) : "",
                  lines_table(lang, view)));
}

Json scope_json(const app::ScopeView& view, const app::ScopeQuery& query) {
  Json lines = Json::array();
  for (const app::ScopeLine& line : view.lines) {
    lines.push_back({{"id", line.scope->node->id},
                     {"obligation", catalog::to_string(line.scope->node->obligation)},
                     {"subject", line.scope->subject},
                     {"applies", line.applies},
                     {"objects", line.objects},
                     {"objects_applying", line.objects_applying},
                     {"reason", line.reason}});
  }
  Json out = {{"schema", "etguard.scope"}, {"version", "1.0"}, {"lines", lines}};
  if (view.explained) {
    const app::ScopeExplained& shown = *view.explained;
    Json objects = Json::array();
    for (const assess::Applicability* object : shown.objects) {
      Json facts = Json::array();
      for (const assess::FactValue& fact : object->facts) {
        facts.push_back({{"fact", fact.fact},
                         {"value", fact.value},
                         {"source", object->source(fact)},
                         {"unless", fact.negated}});
      }
      objects.push_back(
          {{"object", object->object}, {"applies", object->applies}, {"facts", facts}});
    }
    Json instruments = Json::array();
    for (const catalog::Instrument* instrument : shown.instruments) {
      instruments.push_back(instrument->id);
    }
    out["explained"] = {{"id", shown.scope->node->id}, {"conditions", shown.conditions},
                        {"unless", shown.unless},      {"instruments", instruments},
                        {"total", shown.total},        {"offset", query.offset},
                        {"objects", objects}};
  }
  return out;
}

}  // namespace etguard::server
