#include "server/registers_pages.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/data/embedded.h"
#include "core/text.h"
#include "server/http.h"

namespace etguard::server {
namespace {

using Json = nlohmann::ordered_json;

std::string register_title(Lang lang, std::string_view subject) {
  for (const auto& known : catalog::embedded_catalog().data().subjects) {
    if (known.id == subject) {
      return std::string(known.title.in(lang));
    }
  }
  return std::string(subject);
}

// The query's link with another offset.
std::string page_link(const app::RegistersQuery& query, std::size_t offset) {
  return fmt::format("/registers?register={}&amp;q={}&amp;offset={}",
                     escape_html(url_encode(query.subject)), escape_html(url_encode(query.search)),
                     offset);
}

std::string filter_form(Lang lang, const app::RegistersView& view,
                        const app::RegistersQuery& query) {
  std::string options =
      fmt::format(R"(<option value="">{}</option>)", t(lang, "every register", "所有清冊"));
  for (const app::RegisterCount& count : view.counts) {
    options += fmt::format(R"(<option value="{}"{}>{} ({})</option>)", count.subject,
                           count.subject == query.subject ? " selected" : "",
                           escape_html(register_title(lang, count.subject)), count.entries);
  }
  return fmt::format(
      R"(<form class="filters" method="get" action="/registers"><label for="register">{}</label><select id="register" name="register">{}</select><label for="q">{}</label><input id="q" name="q" type="search" value="{}"><button type="submit">{}</button></form>)",
      t(lang, "Register", "清冊"), options, t(lang, "Id, name or owner", "編號、名稱或負責人"),
      escape_html(query.search), t(lang, "Show", "顯示"));
}

// Entries per register, as bars: where the firm's technology is.
std::string register_bars(Lang lang, const app::RegistersView& view) {
  std::size_t most = 1;
  for (const app::RegisterCount& count : view.counts) {
    most = std::max(most, count.entries);
  }
  std::string rows;
  for (const app::RegisterCount& count : view.counts) {
    rows += fmt::format(
        R"(<tr><th scope="row"><a href="/registers?register={}">{}</a></th><td><svg class="minibar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" width="{:.1f}" height="10"/></svg> {}</td></tr>)",
        count.subject, escape_html(register_title(lang, count.subject)),
        100.0 * static_cast<double>(count.entries) / static_cast<double>(most), count.entries);
  }
  return fmt::format(R"(<table class="outline"><caption>{}</caption><tbody>{}</tbody></table>)",
                     t(lang, "Entries by register", "各清冊之項目數"), rows);
}

template <typename Map, typename Show>
std::string list_of(const Map& values, const Show& show) {
  std::string items;
  for (const auto& [key, value] : values) {
    items += fmt::format("<li><code>{}</code> {}</li>", escape_html(key), show(value));
  }
  return items.empty() ? std::string("—") : fmt::format(R"(<ul class="facts">{}</ul>)", items);
}

std::string entries_table(Lang lang, const app::RegistersView& view,
                          const app::RegistersQuery& query) {
  if (view.entries.empty()) {
    return fmt::format("<p>{}</p>", t(lang, "No entry matches.", "沒有符合之項目。"));
  }
  std::string rows;
  for (const assess::RegisterEntry* entry : view.entries) {
    rows += fmt::format(
        R"(<tr><td>{0}</td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td><td>{5}</td></tr>)",
        view.may_edit
            ? fmt::format(R"(<a href="/registers/entry?key={}">{}</a>)",
                          escape_html(url_encode(entry->key())), escape_html(entry->key()))
            : escape_html(entry->key()),
        escape_html(entry->name), escape_html(entry->owner),
        list_of(entry->facts,
                [&](bool value) {
                  return fmt::format(R"(<span aria-label="{}">{}</span>)",
                                     value ? t(lang, "true", "是") : t(lang, "false", "否"),
                                     value ? "✓" : "✗");
                }),
        list_of(entry->details, [](const std::string& value) { return escape_html(value); }),
        list_of(entry->dates, [](const std::string& value) { return escape_html(value); }));
  }
  const std::string pages = pager(lang, query.offset, view.entries.size(), view.total, query.limit,
                                  [&](std::size_t offset) { return page_link(query, offset); });
  return fmt::format(
      R"(<table class="registers"><caption>{} {}–{} / {}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table><p>{}</p>)",
      t(lang, "Entries", "項目"), query.offset + 1, query.offset + view.entries.size(), view.total,
      t(lang, "Entry", "項目"), t(lang, "Name", "名稱"), t(lang, "Owner", "負責人"),
      t(lang, "Facts", "事實"), t(lang, "Details", "細節"), t(lang, "Dates", "日期"), rows, pages);
}

std::string lines_of(const std::map<std::string, std::string>& values) {
  std::string out;
  for (const auto& [name, value] : values) {
    out += fmt::format("{}: {}\n", name, value);
  }
  return out;
}

std::string fact_choices(Lang lang, const assess::RegisterEntry& entry) {
  std::string rows;
  for (const catalog::Fact& fact : catalog::embedded_catalog().data().facts) {
    if (fact.subject != entry.subject || !fact.any_of.empty()) {
      continue;  // another register's, or derived from others
    }
    const std::string_view name = fact.id.substr(fact.id.find('.') + 1);
    const auto set = entry.facts.find(std::string(name));
    const auto option = [&](std::string_view value, std::string_view label, bool chosen) {
      return fmt::format(R"(<option value="{}"{}>{}</option>)", value, chosen ? " selected" : "",
                         label);
    };
    rows += fmt::format(
        R"(<tr><th scope="row"><label for="fact-{0}"><code>{0}</code></label></th><td>{1}</td><td><select id="fact-{0}" name="fact.{0}">{2}{3}{4}</select></td></tr>)",
        escape_html(name), escape_html(fact.text.in(lang)),
        set == entry.facts.end() ? option("", t(lang, "not set", "未設定"), true) : std::string(),
        option("yes", t(lang, "yes", "是"), set != entry.facts.end() && set->second),
        option("no", t(lang, "no", "否"), set != entry.facts.end() && !set->second));
  }
  return rows;
}

// Download links for those who may export; the import form for those who
// may import (officers, administrators).
std::string file_section(const Frame& frame, const app::RegistersView& view) {
  const Lang lang = frame.lang;
  std::string out;
  if (view.may_export) {
    out += fmt::format(
        R"(<p class="downloads">{}: <a href="/registers/download?format=xlsx" download>XLSX</a> · <a href="/registers/download?format=yaml" download>YAML</a> · <a href="/registers/download?format=csv" download>CSV</a></p>)",
        t(lang, "The registers to download", "下載清冊"));
  }
  if (view.may_import) {
    out += fmt::format(
        R"(<form class="edit upload registers-import" method="post" action="/api/registers/import" data-added="{}" data-changed="{}" data-removed="{}"><input type="hidden" name="csrf" value="{}">
<label for="registers_file">{}</label><div class="drop"><input id="registers_file" name="file" type="file" accept=".xlsx,.yaml,.yml,.csv" required><span>{}</span></div>
<button type="submit" value="preview">{}</button>
<div class="preview" hidden aria-live="polite"><p class="meta"></p><ul></ul><button type="button" class="confirm">{}</button></div>
<p class="problem" role="alert" hidden></p></form>
<noscript><p class="meta">{}</p></noscript><script src="/static/registers.js" defer></script>)",
        t(lang, "added", "新增"), t(lang, "changed", "變更"), t(lang, "removed", "移除"),
        escape_html(frame.session->csrf),
        t(lang, "Import a registers file (XLSX, YAML or CSV)", "匯入清冊檔（XLSX、YAML 或 CSV）"),
        t(lang, "or drop it here", "或拖放至此"), t(lang, "Preview the changes", "預覽變更"),
        t(lang, "Import these changes", "匯入上述變更"),
        t(lang, "Importing needs JavaScript; etguard registers import does it at the terminal.",
          "匯入需啟用 JavaScript；亦可於終端機以 etguard registers import 匯入。"));
  }
  return out;
}

}  // namespace

std::string_view registers_script() {
  return R"js(// The registers import: the file goes as the request body (no multipart),
// its name in X-File-Name, the CSRF token in X-CSRF-Token; a dry run first,
// whose changes are listed, then the same file for real once confirmed.
for (const form of document.querySelectorAll("form.registers-import")) {
  const input = etgDropZone(form);
  const preview = form.querySelector(".preview");
  const alert = form.querySelector("[role=alert]");
  const send = async (dryRun) => {
    const file = input.files[0];
    alert.hidden = true;
    const answer = await fetch(`/api/registers/import?dry_run=${dryRun ? 1 : 0}`, {
      method: "POST", body: file, credentials: "same-origin",
      headers: {
        "Content-Type": "application/octet-stream",
        "X-File-Name": encodeURIComponent(file.name),
        "X-CSRF-Token": form.querySelector("input[name=csrf]").value,
      },
    });
    let body = {};
    try { body = await answer.json(); } catch (ignored) { /* not JSON */ }
    if (!answer.ok) {
      alert.textContent = body.error || `${answer.status}`;
      alert.hidden = false;
      preview.hidden = true;
      return null;
    }
    return body;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!input.files[0]) return;
    const plan = await send(true);
    if (!plan) return;
    const list = preview.querySelector("ul");
    list.replaceChildren();
    for (const [kind, keys] of [["added", plan.added], ["changed", plan.changed], ["removed", plan.removed]]) {
      for (const key of keys) {
        const item = document.createElement("li");
        item.className = kind;
        item.textContent = `${form.dataset[kind] || kind}: ${key}`;
        list.append(item);
      }
    }
    preview.querySelector("p").textContent =
      `${plan.added.length} + / ${plan.changed.length} ~ / ${plan.removed.length} −`;
    preview.querySelector("button.confirm").hidden = plan.added.length + plan.changed.length + plan.removed.length === 0;
    preview.hidden = false;
  });
  preview.querySelector("button.confirm").addEventListener("click", async () => {
    if (await send(false)) {
      const url = new URL(window.location.href);
      url.searchParams.set("imported", "1");
      window.location.assign(url.toString());
    }
  });
}
)js";
}

Json registers_import_json(const app::RegistersImported& imported) {
  return {{"schema", "etguard.registers-import"}, {"version", "1.0"},
          {"dry_run", imported.dry_run},          {"added", imported.summary.added},
          {"changed", imported.summary.changed},  {"removed", imported.summary.removed},
          {"orphaned", imported.orphaned}};
}

std::string register_entry_page(const Frame& frame, const assess::RegisterEntry& entry,
                                const std::string& problem, bool may_remove) {
  const Lang lang = frame.lang;
  const std::string title =
      fmt::format("{} {}", t(lang, "Register entry", "清冊項目"), entry.key());
  return layout(
      frame, title,
      fmt::format(
          R"(<h1>{}</h1>{}<form class="edit" method="post" action="/registers/entry"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="key" value="{}">
<label for="name">{}</label><input id="name" name="name" required value="{}">
<label for="owner">{}</label><input id="owner" name="owner" value="{}">
<table class="facts-edit"><caption>{}</caption><tbody>{}</tbody></table>
<label for="details">{}</label><textarea id="details" name="details" rows="6">{}</textarea>
<label for="dates">{}</label><textarea id="dates" name="dates" rows="4">{}</textarea>
<p class="meta">{}</p><button type="submit">{}</button></form>{})",
          escape_html(title),
          problem.empty()
              ? std::string()
              : fmt::format(R"(<p class="problem" role="alert">{}</p>)", escape_html(problem)),
          escape_html(frame.session->csrf), escape_html(entry.key()), t(lang, "Name", "名稱"),
          escape_html(entry.name), t(lang, "Owner", "負責人"), escape_html(entry.owner),
          t(lang, "Facts (they decide the scope)", "事實（決定適用範圍）"),
          fact_choices(lang, entry),
          t(lang, "Details, one name: value a line", "細節，每行 名稱: 值"),
          escape_html(lines_of(entry.details)),
          t(lang, "Dates (YYYY-MM-DD), one name: date a line",
            "日期（YYYY-MM-DD），每行 名稱: 日期"),
          escape_html(lines_of(entry.dates)),
          t(lang,
            "Checked as an import is; a line removed removes its detail or date. Recorded in "
            "the ledger with you as the actor.",
            "與匯入相同之檢查；刪除一行即刪除該細節或日期。以您為行為人記入稽核鏈。"),
          t(lang, "Save", "儲存"),
          may_remove
              ? fmt::format(
                    R"(<form class="edit remove" method="post" action="/registers/entry/remove"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="key" value="{}"><label for="force">{}</label><input id="force" name="force" type="checkbox"><button type="submit">{}</button></form>)",
                    escape_html(frame.session->csrf), escape_html(entry.key()),
                    t(lang, "Also when results or evidence point at it (they are kept)",
                      "即使仍有評估結果或佐證（紀錄會保留）"),
                    t(lang, "Remove this entry", "移除此項目"))
              : std::string()));
}

std::string registers_page(const Frame& frame, const app::RegistersView& view,
                           const app::RegistersQuery& query) {
  const Lang lang = frame.lang;
  const std::string title(t(lang, "Registers", "清冊"));
  return layout(
      frame, title,
      fmt::format(R"(<h1>{}</h1><p class="meta">{}</p>{}{}{}{})", title,
                  t(lang,
                    "What the firm uses, as imported or set with etguard registers; the facts "
                    "decide the scope.",
                    "公司所用之技術，經 etguard registers 匯入或設定；事實決定適用範圍。"),
                  file_section(frame, view), filter_form(lang, view, query),
                  query.subject.empty() && query.search.empty() ? register_bars(lang, view) : "",
                  entries_table(lang, view, query)));
}

Json registers_json(const app::RegistersView& view, const app::RegistersQuery& query) {
  Json counts = Json::array();
  for (const app::RegisterCount& count : view.counts) {
    counts.push_back({{"register", count.subject}, {"entries", count.entries}});
  }
  Json entries = Json::array();
  for (const assess::RegisterEntry* entry : view.entries) {
    entries.push_back({{"register", entry->subject},
                       {"id", entry->id},
                       {"name", entry->name},
                       {"owner", entry->owner},
                       {"facts", entry->facts},
                       {"details", entry->details},
                       {"dates", entry->dates}});
  }
  return {{"schema", "etguard.registers"}, {"version", "1.0"},       {"counts", counts},
          {"total", view.total},           {"offset", query.offset}, {"entries", entries}};
}

}  // namespace etguard::server
