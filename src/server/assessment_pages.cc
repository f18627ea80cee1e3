#include "server/assessment_pages.h"

#include <fmt/format.h>

#include <array>

#include "assess/status.h"
#include "catalog/catalog.h"
#include "core/text.h"
#include "server/http.h"
#include "server/result_pages.h"

namespace etguard::server {
namespace {

std::string option(std::string_view value, std::string_view label, bool selected) {
  return fmt::format(R"(<option value="{}"{}>{}</option>)", escape_html(value),
                     selected ? " selected" : "", label);
}

// The query string of `filter` at another offset (for the paging links).
std::string query_of(const app::GridFilter& filter, std::size_t offset) {
  std::string query;
  const auto add = [&](std::string_view key, std::string_view value) {
    if (!value.empty()) {
      query += fmt::format("{}{}={}", query.empty() ? "?" : "&amp;", key, url_encode(value));
    }
  };
  add("chapter", filter.chapter == 0 ? "" : std::to_string(filter.chapter));
  add("owner", filter.owner);
  add("status", filter.status);
  add("object", filter.object);
  add("due", filter.due == app::DueWithin::kAny ? "" : app::to_string(filter.due));
  add("offset", offset == 0 ? "" : std::to_string(offset));
  add("limit", filter.limit == app::GridFilter{}.limit ? "" : std::to_string(filter.limit));
  return query;
}

std::string filter_form(Lang lang, const app::Grid& grid, const app::GridFilter& filter) {
  std::string chapters = option("", t(lang, "all chapters", "全部章"), filter.chapter == 0);
  for (const int chapter : grid.chapters) {
    chapters += option(std::to_string(chapter), catalog::chapter_label(chapter, lang),
                       chapter == filter.chapter);
  }
  std::string owners = option("", t(lang, "anyone", "全部"), filter.owner.empty());
  for (const std::string& owner : grid.owners) {
    owners += option(
        owner, owner == "-" ? std::string(t(lang, "(no owner)", "（未指派）")) : escape_html(owner),
        owner == filter.owner);
  }
  std::string statuses = option("", t(lang, "any", "全部"), filter.status.empty());
  for (const std::string_view status : kResultStatuses) {
    statuses += option(status, status_label(lang, status), status == filter.status);
  }
  std::string due;
  for (const auto& [value, en, zh] : std::array<std::array<std::string_view, 3>, 5>{{
           {"any", "any time", "不限"},
           {"overdue", "overdue", "已逾期"},
           {"1", "within 1 day", "1 日內"},
           {"7", "within 7 days", "7 日內"},
           {"30", "within 30 days", "30 日內"},
       }}) {
    due += option(value, t(lang, en, zh), app::to_string(filter.due) == value);
  }
  std::string kinds;
  for (const std::string& kind : grid.object_kinds) {
    kinds += fmt::format(R"(<option value="{}"></option>)", escape_html(kind));
  }
  return fmt::format(
      R"(<form class="filters" method="get" action="/assessment" role="search">
<label for="chapter">{}</label><select id="chapter" name="chapter">{}</select>
<label for="owner">{}</label><select id="owner" name="owner">{}</select>
<label for="status">{}</label><select id="status" name="status">{}</select>
<label for="due">{}</label><select id="due" name="due">{}</select>
<label for="object">{}</label><input id="object" name="object" list="kinds" value="{}" maxlength="200" placeholder="cloud, cloud/core-dr, org"><datalist id="kinds">{}</datalist>
<button type="submit">{}</button></form>)",
      t(lang, "Chapter", "章"), chapters, t(lang, "Owner", "負責人"), owners,
      t(lang, "Status", "評估結果"), statuses, t(lang, "Due", "到期"), due,
      t(lang, "Object", "對象"), escape_html(filter.object), kinds, t(lang, "Filter", "篩選"));
}

std::string days_text(Lang lang, const std::optional<int>& days_left) {
  if (!days_left) {
    return {};
  }
  if (*days_left < 0) {
    return lang == Lang::kZhTw ? fmt::format("逾期 {} 日", -*days_left)
                               : fmt::format("{} days overdue", -*days_left);
  }
  return lang == Lang::kZhTw ? fmt::format("{} 日內", *days_left)
                             : fmt::format("in {} days", *days_left);
}

std::string article_of(std::string_view node_id) {
  // "ET-8.3.5" -> "8"
  const std::size_t start = node_id.find('-') + 1;
  return std::string(node_id.substr(start, node_id.find('.', start) - start));
}

std::string rows(Lang lang, const app::Grid& grid) {
  std::string out;
  for (const app::GridLine& line : grid.lines) {
    const bool overdue = line.days_left && *line.days_left < 0;
    out += fmt::format(
        R"(<tr class="{}"><td><a href="/catalog/articles/{}#{}"><code>{}</code></a> {}</td><td>{}</td><td>{}</td><td><span class="status {}">{}</span>{}</td><td class="date">{}</td><td>{}</td></tr>)",
        overdue ? "overdue" : "", article_of(line.node_id), escape_html(line.node_id),
        escape_html(line.node_id), escape_html(truncate_to_width(line.title.in(lang), 60)),
        fmt::format(R"(<a href="{}">{}</a>)", result_href(line.node_id, line.object),
                    escape_html(line.object)),
        line.owner.empty() ? std::string(t(lang, "(no owner)", "（未指派）"))
                           : escape_html(line.owner),
        escape_html(line.status), status_label(lang, line.status),
        line.has_plan ? fmt::format(R"( <span class="badge">{}</span>)",
                                    t(lang, "plan open", "改善計畫進行中"))
                      : std::string(),
        escape_html(line.due), days_text(lang, line.days_left));
  }
  return out;
}

std::string paging(Lang lang, const app::Grid& grid, const app::GridFilter& filter) {
  const std::size_t first = grid.lines.empty() ? 0 : filter.offset + 1;
  const std::size_t last = filter.offset + grid.lines.size();
  std::string links;
  if (filter.offset > 0) {
    const std::size_t back = filter.offset > filter.limit ? filter.offset - filter.limit : 0;
    links += fmt::format(R"( <a href="/assessment{}" rel="prev">{}</a>)", query_of(filter, back),
                         t(lang, "previous", "上一頁"));
  }
  if (last < grid.matching) {
    links += fmt::format(R"( <a href="/assessment{}" rel="next">{}</a>)", query_of(filter, last),
                         t(lang, "next", "下一頁"));
  }
  const std::string counted = lang == Lang::kZhTw
                                  ? fmt::format("第 {}–{} 筆，共 {} 筆符合（可檢視 {} 筆）", first,
                                                last, grid.matching, grid.reachable)
                                  : fmt::format("{}–{} of {} matching ({} you may see)", first,
                                                last, grid.matching, grid.reachable);
  return fmt::format(R"(<p class="meta" role="status">{}{}</p>)", counted, links);
}

}  // namespace

std::string assessment_grid_page(const Frame& frame, const app::Grid& grid,
                                 const app::GridFilter& filter) {
  const Lang lang = frame.lang;
  const std::string table =
      grid.lines.empty()
          ? fmt::format("<p>{}</p>", t(lang, "No requirement matches these filters.",
                                       "沒有符合篩選條件之要求。"))
          : fmt::format(
                R"(<table class="grid"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                t(lang, "Requirements by object", "各對象之要求"), t(lang, "Requirement", "要求"),
                t(lang, "Object", "對象"), t(lang, "Owner", "負責人"),
                t(lang, "Status", "評估結果"), t(lang, "Due date", "到期日"),
                t(lang, "When", "期限"), rows(lang, grid));
  return layout(
      frame, t(lang, "Assessment", "評估"),
      fmt::format(R"(<h1>{}</h1><p class="meta">{} {}</p>{}{}{})", t(lang, "Assessment", "評估"),
                  t(lang, "as of", "資料日期"), escape_html(grid.today),
                  filter_form(lang, grid, filter), paging(lang, grid, filter), table));
}

nlohmann::ordered_json assessment_grid_json(const app::Grid& grid, const app::GridFilter& filter,
                                            Lang lang) {
  using Json = nlohmann::ordered_json;
  Json lines = Json::array();
  for (const app::GridLine& line : grid.lines) {
    lines.push_back({{"requirement", line.node_id},
                     {"chapter", line.chapter},
                     {"title", line.title.in(lang)},
                     {"object", line.object},
                     {"owner", line.owner},
                     {"status", line.status},
                     {"due", line.due},
                     {"days_left", line.days_left ? Json(*line.days_left) : Json(nullptr)},
                     {"plan_open", line.has_plan}});
  }
  return {{"schema", "etguard.assessment-grid"},
          {"version", "1.0"},
          {"today", grid.today},
          {"filter",
           {{"chapter", filter.chapter},
            {"owner", filter.owner},
            {"status", filter.status},
            {"object", filter.object},
            {"due", app::to_string(filter.due)},
            {"offset", filter.offset},
            {"limit", filter.limit}}},
          {"reachable", grid.reachable},
          {"matching", grid.matching},
          {"lines", lines},
          {"chapters", grid.chapters},
          {"owners", grid.owners},
          {"object_kinds", grid.object_kinds}};
}

}  // namespace etguard::server
