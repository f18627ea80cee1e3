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
@media (max-width: 40rem) { table, thead, tbody, tr, th, td { display: block; } thead { display: none; }
  td { border: 0; } tr { border-bottom: 1px solid var(--line); } }
@media print { header .lang, header form, footer { display: none; } body { background: #fff; }
  thead { display: table-header-group; } }
)css";
}

}  // namespace etguard::server
