// The stylesheet at /static/app.css: served from the binary (no CDN, works
// offline), readable on a phone, printable.
#include "server/pages.h"

namespace etguard::server {

std::string_view stylesheet() {
  return R"css(:root { --ink: #1d2733; --muted: #5b6877; --line: #d5dbe3; --accent: #0b5cad;
  --ok: #2e7d32; --comp: #00897b; --part: #f9a825; --bad: #c62828; --na: #9e9e9e; --un: #cfd8dc; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK TC", "Noto Sans TC", system-ui, sans-serif;
  color: var(--ink); background: #f6f8fa; line-height: 1.5; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .6rem 1.2rem;
  background: #fff; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; color: var(--accent); text-decoration: none; font-size: 1.15rem; }
header .lang { margin-left: auto; }
header .account { display: flex; gap: .6rem; align-items: center; }
header form { margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1.2rem; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1.2rem; color: var(--muted); font-size: .85rem; }
a { color: var(--accent); }
a:focus, button:focus, input:focus { outline: 3px solid #8ab4f8; outline-offset: 2px; }
h1 { font-size: 1.6rem; margin: .2rem 0; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
.meta { color: var(--muted); }
.login { max-width: 24rem; margin: 3rem auto; background: #fff; padding: 1.5rem;
  border: 1px solid var(--line); border-radius: 8px; }
.login form { display: grid; gap: .4rem; }
.login input { font-size: 1rem; padding: .5rem; border: 1px solid var(--line); border-radius: 4px; }
.login button { margin-top: .8rem; }
button { font-size: 1rem; padding: .45rem 1rem; border: 0; border-radius: 4px; background: var(--accent);
  color: #fff; cursor: pointer; }
.hint { color: var(--muted); font-size: .85rem; }
.problem { background: #fdecea; color: var(--bad); padding: .6rem; border-radius: 4px; }
.advice { background: #fff8e1; padding: .6rem; border-radius: 4px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .8rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .8rem; }
.card .value { font-size: 1.8rem; font-weight: 700; }
.card.overdue .value, .card.noncompliant .value { color: var(--bad); }
.card.soon .value { color: #b26a00; }
svg.bar { width: 100%; height: 2.2rem; margin-top: 1rem; background: var(--un); border-radius: 4px; }
rect.compliant, .swatch.compliant { fill: var(--ok); background: var(--ok); }
rect.compensating, .swatch.compensating { fill: var(--comp); background: var(--comp); }
rect.partial, .swatch.partial { fill: var(--part); background: var(--part); }
rect.noncompliant, .swatch.noncompliant { fill: var(--bad); background: var(--bad); }
rect.na, .swatch.na { fill: var(--na); background: var(--na); }
rect.unassessed, .swatch.unassessed { fill: var(--un); background: var(--un); }
.legend { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; margin-right: .3rem;
  vertical-align: middle; }
table { width: 100%; border-collapse: collapse; background: #fff; }
caption { text-align: left; font-weight: 600; padding: .4rem 0; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
tr.overdue td { background: #fdecea; }
td.date { white-space: nowrap; }
nav.site { display: flex; gap: 1rem; }
nav.site a { text-decoration: none; padding: .2rem .1rem; }
nav.site a[aria-current="page"] { font-weight: 700; border-bottom: 2px solid var(--accent); }
form.edit, form.edit fieldset { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr;
  gap: .5rem .8rem; align-items: start; max-width: 48rem; margin: 1rem 0; }
form.edit fieldset { grid-column: 1 / -1; border: 1px solid var(--line); border-radius: 4px; padding: .8rem; }
form.edit legend { padding: 0 .3rem; color: var(--muted); }
form.edit label { padding-top: .35rem; }
form.edit input, form.edit select, form.edit textarea { font: inherit; padding: .35rem;
  border: 1px solid var(--line); border-radius: 4px; background: #fff; width: 100%; }
form.edit button { grid-column: 2; justify-self: start; }
form.edit table, form.edit p { grid-column: 1 / -1; margin: 0; }
form.edit table select { width: auto; }
form.upload .drop { border: 2px dashed var(--line); border-radius: 6px; padding: .6rem; display: grid; gap: .3rem; }
form.upload .drop.over { border-color: var(--accent); background: #eef5ff; }
form.review { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: 0; }
form.review input { font: inherit; padding: .25rem; border: 1px solid var(--line); border-radius: 4px; }
button.secondary { background: #fff; color: var(--bad); border: 1px solid var(--bad); }
form.inline { display: inline; }
ul.evidence li { margin: .3rem 0; }
figure.qr { margin: 1rem 0; }
figure.qr svg { width: 16rem; height: 16rem; border: 1px solid var(--line); }
code.otpauth { overflow-wrap: anywhere; }
input.secret { width: 100%; max-width: 44rem; font-family: ui-monospace, monospace; padding: .35rem; line-height: 1.5; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
form.filters { display: flex; flex-wrap: wrap; gap: .4rem .8rem; align-items: center; margin: 1rem 0; }
form.filters label { font-size: .9rem; color: var(--muted); margin-left: .4rem; }
form.filters select, form.filters input { font-size: .95rem; padding: .3rem; border: 1px solid var(--line);
  border-radius: 4px; background: #fff; }
.status::before { content: ""; display: inline-block; width: .6rem; height: .6rem; border-radius: 50%;
  margin-right: .35rem; background: var(--un); }
.status.compliant::before { background: var(--ok); }
.status.compensating::before { background: var(--comp); }
.status.partially_compliant::before { background: var(--part); }
.status.non_compliant::before { background: var(--bad); }
.status.not_applicable::before { background: var(--na); }
form.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
form.search input { flex: 1 1 16rem; font-size: 1rem; padding: .45rem; border: 1px solid var(--line);
  border-radius: 4px; }
table.outline { table-layout: fixed; }
table.outline th { font-weight: 400; }
table.outline thead th:nth-child(1) { width: 55%; }
table.outline thead th:nth-child(2) { width: 33%; }
td.count { white-space: nowrap; }
svg.minibar { width: 70%; height: .8rem; vertical-align: middle; background: #eef2f6; }
svg.verdicts { width: 70%; height: .8rem; vertical-align: middle; background: var(--un); }
svg.minibar rect { fill: var(--accent); }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 3px;
  border: 1px solid var(--line); background: #eef2f6; margin-left: .3rem; white-space: nowrap; }
.badge.shall { background: #e3f0fb; border-color: #9cc3e8; }
.badge.should { background: #f3f7e8; border-color: #c5d99b; }
.badge.prohibition { background: #fdecea; border-color: #eea5a0; color: var(--bad); }
.decision { font-weight: 600; white-space: nowrap; }
.decision.applies { color: var(--accent); }
.decision.excluded { color: var(--muted); }
ul.facts { margin: 0; padding-left: 1rem; }
.badge.recurrence { background: #fff8e1; border-color: #ecd48a; }
.nodes { display: grid; gap: .6rem; }
article.node { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
article.node.item { margin-left: 1.2rem; }
article.node.subitem { margin-left: 2.4rem; }
article.node.point { margin-left: 3.6rem; }
article.node:target { border-color: var(--accent); box-shadow: 0 0 0 2px #8ab4f8; }
article.node header { display: block; padding: 0; border: 0; background: none; }
article.node .id { text-decoration: none; }
article.node .heading { font-weight: 600; }
article.node p { margin: .3rem 0; }
.source { color: var(--muted); font-size: .9rem; }
.source span { font-size: .75rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem; }
.applies h4, .evidence h4 { font-size: .85rem; margin: .4rem 0 .1rem; color: var(--muted); }
.applies ul, .evidence ul { margin: 0; padding-left: 1.2rem; font-size: .9rem; }
details.note { font-size: .9rem; color: var(--muted); }
.crumbs { color: var(--muted); font-size: .9rem; }
.pager { display: flex; justify-content: space-between; margin-top: 1.2rem; }
ol.hits li { margin: .4rem 0; }
ol.hits .hit { display: block; color: var(--muted); }
ol.comments { list-style: none; padding: 0; }
ol.comments li { border-left: 3px solid var(--line); padding: .2rem .8rem; margin: .6rem 0; }
ol.comments .byline { color: var(--muted); font-size: .85rem; margin: 0; }
.comment-body { white-space: pre-wrap; margin: .2rem 0; }
@media (max-width: 40rem) { table, thead, tbody, tr, th, td { display: block; } thead { display: none; }
  td { border: 0; } tr { border-bottom: 1px solid var(--line); } }
@media print { header .lang, header form, nav.site, form.search, form.filters, form.edit, footer { display: none; } body { background: #fff; }
  thead { display: table-header-group; } }
)css";
}

}  // namespace etguard::server
