#include "server/findings_pages.h"

#include <fmt/format.h>

#include "core/text.h"
#include "server/http.h"

namespace etguard::server {
namespace {

std::string_view verdict_class(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return "compliant";
    case Verdict::kFail:
      return "non_compliant";
    case Verdict::kNotApplicable:
      return "not_applicable";
    case Verdict::kError:
      break;
  }
  return "not_assessed";
}

// Passed, failed and other findings as one stacked bar, with its numbers.
std::string verdict_bar(Lang lang, const app::ObjectFindings& object) {
  const double total = object.passed + object.failed + object.other;
  const double passed = 100.0 * object.passed / total;
  const double failed = 100.0 * object.failed / total;
  return fmt::format(
      R"(<p><svg class="verdicts" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="compliant" x="0" y="0" width="{:.1f}" height="10"/><rect class="noncompliant" x="{:.1f}" y="0" width="{:.1f}" height="10"/><rect class="na" x="{:.1f}" y="0" width="{:.1f}" height="10"/></svg> {}</p>)",
      passed, passed, failed, passed + failed, 100.0 - passed - failed,
      lang == Lang::kZhTw
          ? fmt::format("通過 {}、未通過 {}、其他 {}", object.passed, object.failed, object.other)
          : fmt::format("{} passed, {} failed, {} other", object.passed, object.failed,
                        object.other));
}

std::string object_section(Lang lang, const app::ObjectFindings& object) {
  std::string rows;
  for (const app::CheckFinding& finding : object.checks) {
    std::string requirements;
    for (const std::string& node : finding.requirements) {
      requirements +=
          fmt::format(R"({}<a href="/assessment/result?node={}&amp;object={}"><code>{}</code></a>)",
                      requirements.empty() ? "" : " ", url_encode(node), url_encode(object.object),
                      escape_html(node));
    }
    rows += fmt::format(
        R"(<tr><td><code>{}</code></td><td><span class="status {}">{}</span></td><td>{}</td><td>{}</td><td>{}<br><small>{}</small></td><td><a href="/evidence/file?id={}" download>{}</a></td></tr>)",
        escape_html(finding.check_id), verdict_class(finding.verdict),
        describe(finding.verdict).in(lang), requirements, escape_html(finding.title),
        escape_html(finding.recorded_at.substr(0, 10)), escape_html(finding.recorded_by),
        finding.evidence_id, t(lang, "finding", "檢查結果"));
  }
  return fmt::format(
      R"(<section class="findings" aria-labelledby="o-{0}"><h2 id="o-{0}"><code>{1}</code> {2}</h2>{3}
<table class="findings"><thead><tr><th scope="col">{4}</th><th scope="col">{5}</th><th scope="col">{6}</th><th scope="col">{7}</th><th scope="col">{8}</th><th scope="col">{9}</th></tr></thead><tbody>{10}</tbody></table></section>)",
      escape_html(url_encode(object.object)), escape_html(object.object), escape_html(object.name),
      verdict_bar(lang, object), t(lang, "Check", "檢查"), t(lang, "Verdict", "判定"),
      t(lang, "Requirements", "要求"), t(lang, "Finding", "結果"), t(lang, "Recorded", "記錄於"),
      t(lang, "File", "檔案"), rows);
}

}  // namespace

std::string findings_page(const Frame& frame, const app::FindingsView& view,
                          std::string_view object) {
  const Lang lang = frame.lang;
  std::string options =
      fmt::format(R"(<option value="">{}</option>)", t(lang, "every object", "所有對象"));
  for (const std::string& name : view.reachable) {
    options += fmt::format(R"(<option value="{0}"{1}>{0}</option>)", escape_html(name),
                           name == object ? " selected" : "");
  }
  std::string sections;
  for (const app::ObjectFindings& shown : view.objects) {
    sections += object_section(lang, shown);
  }
  if (sections.empty()) {
    sections = fmt::format(
        R"(<p class="meta">{}</p>)",
        t(lang,
          "No finding recorded yet: etguard scan … --import, or a pipeline's scan --push, records "
          "them.",
          "尚無檢查結果：以 etguard scan … --import 或管線之 scan --push 記錄。"));
  }
  return layout(
      frame, t(lang, "Check findings", "檢查結果"),
      fmt::format(
          R"(<h1>{}</h1><p class="meta">{}</p>
<form class="filters" method="get" action="/findings"><label for="object">{}</label><select id="object" name="object">{}</select><button type="submit">{}</button></form>{})",
          t(lang, "Check findings", "檢查結果"),
          t(lang,
            "The latest finding of each check on each object, as the scans recorded them; each "
            "is evidence for the requirements listed.",
            "各對象每項檢查之最新結果（依掃描記錄）；每筆均為所列要求之佐證。"),
          t(lang, "Object", "對象"), options, t(lang, "Show", "顯示"), sections));
}

nlohmann::ordered_json findings_json(const app::FindingsView& view) {
  nlohmann::ordered_json objects = nlohmann::ordered_json::array();
  for (const app::ObjectFindings& shown : view.objects) {
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const app::CheckFinding& finding : shown.checks) {
      checks.push_back({{"check_id", finding.check_id},
                        {"verdict", to_string(finding.verdict)},
                        {"title", finding.title},
                        {"recorded_at", finding.recorded_at},
                        {"recorded_by", finding.recorded_by},
                        {"requirements", finding.requirements},
                        {"evidence_id", finding.evidence_id}});
    }
    objects.push_back({{"object", shown.object},
                       {"name", shown.name},
                       {"passed", shown.passed},
                       {"failed", shown.failed},
                       {"other", shown.other},
                       {"checks", std::move(checks)}});
  }
  return {
      {"schema", "etguard.object_findings"}, {"version", "1.0"}, {"objects", std::move(objects)}};
}

}  // namespace etguard::server
