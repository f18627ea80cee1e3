#include "server/result_pages.h"

#include <fmt/format.h>

#include <array>

#include "assess/status.h"
#include "catalog/catalog.h"
#include "core/text.h"
#include "server/http.h"

namespace etguard::server {
namespace {

using Json = nlohmann::ordered_json;

std::string edit_form(Lang lang, const app::ResultView& view, std::string_view csrf) {
  const assess::Result shown = view.result.value_or(assess::Result{});
  std::string statuses;
  for (const std::string_view status : kResultStatuses) {
    statuses += fmt::format(R"(<option value="{}"{}>{}</option>)", status,
                            status == view.status ? " selected" : "", status_label(lang, status));
  }
  std::string plan_statuses;
  for (const auto status :
       {assess::PlanStatus::kOpen, assess::PlanStatus::kInProgress, assess::PlanStatus::kDone}) {
    const std::string_view name = assess::to_string(status);
    plan_statuses +=
        fmt::format(R"(<option value="{}"{}>{}</option>)", name,
                    !shown.plan.empty() && shown.plan.status == status ? " selected" : "",
                    status == assess::PlanStatus::kOpen         ? t(lang, "not started", "未開始")
                    : status == assess::PlanStatus::kInProgress ? t(lang, "in progress", "進行中")
                                                                : t(lang, "done", "已完成"));
  }
  const std::string owner =
      view.may_assign ? text_field("owner", t(lang, "Owner", "負責人"), view.owner) : std::string();
  return fmt::format(
      R"(<form class="edit" method="post" action="/assessment/result">
<input type="hidden" name="csrf" value="{}"><input type="hidden" name="node" value="{}"><input type="hidden" name="object" value="{}">
<label for="status">{}</label><select id="status" name="status">{}</select>
{}{}{}{}
<fieldset><legend>{}</legend>{}{}{}<label for="plan_status">{}</label><select id="plan_status" name="plan_status">{}</select></fieldset>
<button type="submit">{}</button></form>)",
      escape_html(csrf), escape_html(view.node->id), escape_html(view.object),
      t(lang, "Status", "評估結果"), statuses, owner,
      area_field("note", t(lang, "Note", "說明"), shown.note),
      area_field("justification",
                 t(lang, "Justification (not applicable) or the compensating control",
                   "不適用之理由或補償性措施"),
                 shown.justification),
      text_field("due_date", t(lang, "Due date (overrides the recurrence)", "到期日（取代週期）"),
                 shown.due_date, "date"),
      t(lang, "Remediation plan (non-compliant or partially compliant)",
        "改善計畫（不符合或部分符合時）"),
      area_field("plan_action", t(lang, "What will be done", "改善措施"), shown.plan.action),
      text_field("plan_owner", t(lang, "By whom", "執行人"), shown.plan.owner),
      text_field("plan_due", t(lang, "By when", "完成期限"), shown.plan.due_on, "date"),
      t(lang, "How far", "進度"), plan_statuses, t(lang, "Record", "記錄"));
}

std::string history_table(Lang lang, const app::ResultView& view) {
  if (view.history.empty()) {
    return fmt::format("<p>{}</p>", t(lang, "No result recorded yet.", "尚無評估紀錄。"));
  }
  std::string rows;
  for (auto it = view.history.rbegin(); it != view.history.rend(); ++it) {
    const auto& version = *it;
    rows += fmt::format(
        R"(<tr><td class="date">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
        escape_html(version.time), escape_html(version.actor),
        version.result ? status_label(lang, assess::to_string(version.result->status))
                       : std::string("—"),
        version.result ? escape_html(version.result->owner) : std::string(),
        version.result ? escape_html(version.result->note) : std::string());
  }
  return fmt::format(
      R"(<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
      t(lang, "Every value it has had, newest first (from the ledger)",
        "歷次紀錄，新者在前（取自稽核鏈）"),
      t(lang, "When", "時間"), t(lang, "By", "記錄者"), t(lang, "Status", "評估結果"),
      t(lang, "Owner", "負責人"), t(lang, "Note", "說明"), rows);
}

// What the team said about the line, oldest first, and the box to add to it.
std::string comments_section(Lang lang, const app::ResultView& view, std::string_view csrf,
                             std::string_view draft) {
  std::string said_so_far;
  for (const assess::Comment& comment : view.comments) {
    said_so_far += fmt::format(
        R"(<li><p class="byline">{} · <time datetime="{}">{}</time></p><p class="comment-body">{}</p></li>)",
        escape_html(comment.author), escape_html(comment.written_at),
        escape_html(comment.written_at.substr(0, 16)), escape_html(comment.body));
  }
  const std::string list = said_so_far.empty()
                               ? fmt::format("<p>{}</p>", t(lang, "No comments yet.", "尚無意見。"))
                               : fmt::format(R"(<ol class="comments">{}</ol>)", said_so_far);
  const std::string form =
      view.may_edit
          ? fmt::format(
                R"(<form class="edit" method="post" action="/assessment/comment"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="node" value="{}"><input type="hidden" name="object" value="{}">{}<button type="submit">{}</button></form>)",
                escape_html(csrf), escape_html(view.node->id), escape_html(view.object),
                area_field("body", t(lang, "Add a comment", "新增意見"), draft),
                t(lang, "Comment", "送出意見"))
          : std::string();
  return fmt::format(R"(<section id="comments"><h2>{}</h2>{}{}</section>)",
                     t(lang, "Comments", "意見"), list, form);
}

}  // namespace

std::string result_href(std::string_view node_id, std::string_view object) {
  return fmt::format("/assessment/result?node={}&amp;object={}", url_encode(node_id),
                     url_encode(object));
}

std::string result_page(const Frame& frame, const app::ResultView& view, std::string_view notice,
                        std::string_view problem, std::string_view evidence,
                        std::string_view draft) {
  const Lang lang = frame.lang;
  const catalog::Node& node = *view.node;
  const std::string csrf = frame.session != nullptr ? frame.session->csrf : std::string();
  return layout(
      frame, std::string(node.id) + " " + view.object,
      fmt::format(
          R"(<p><a href="/assessment">{}</a></p><h1><code>{}</code> · {}</h1>{}
<p class="requirement">{}</p><p><a href="/catalog/articles/{}#{}">{}</a></p>
<dl class="facts"><dt>{}</dt><dd><span class="status {}">{}</span></dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>
{}{}{}{})",
          t(lang, "← the assessment grid", "← 評估總表"), escape_html(node.id),
          escape_html(view.object), said(notice, problem), escape_html(node.text.in(lang)),
          node.article, escape_html(node.id), t(lang, "The clause in the guideline", "指引條文"),
          t(lang, "Status", "評估結果"), escape_html(view.status), status_label(lang, view.status),
          t(lang, "Owner", "負責人"),
          view.owner.empty() ? std::string(t(lang, "(no owner)", "（未指派）"))
                             : escape_html(view.owner),
          t(lang, "Due", "到期日"), escape_html(view.due),
          view.may_edit ? edit_form(lang, view, csrf) : std::string(), evidence,
          comments_section(lang, view, csrf, draft), history_table(lang, view)));
}

Json result_json(const app::ResultView& view, Lang lang) {
  Json result = nullptr;
  if (view.result) {
    const assess::Result& r = *view.result;
    result = {{"status", assess::to_string(r.status)},
              {"owner", r.owner},
              {"note", r.note},
              {"justification", r.justification},
              {"due_date", r.due_date},
              {"assessed_on", r.assessed_on},
              {"plan", r.plan.empty() ? Json(nullptr)
                                      : Json{{"action", r.plan.action},
                                             {"owner", r.plan.owner},
                                             {"due", r.plan.due_on},
                                             {"status", assess::to_string(r.plan.status)}}}};
  }
  Json history = Json::array();
  for (const app::ResultVersion& version : view.history) {
    history.push_back({{"seq", version.seq},
                       {"time", version.time},
                       {"actor", version.actor},
                       {"status", version.result ? Json(assess::to_string(version.result->status))
                                                 : Json(nullptr)}});
  }
  Json comments = Json::array();
  for (const assess::Comment& comment : view.comments) {
    comments.push_back(comment_json(comment));
  }
  return {{"schema", "etguard.result"},
          {"version", "1.1"},
          {"requirement", view.node->id},
          {"text", view.node->text.in(lang)},
          {"object", view.object},
          {"owner", view.owner},
          {"status", view.status},
          {"due", view.due},
          {"result", result},
          {"history", history},
          {"comments", comments},
          {"may_edit", view.may_edit},
          {"may_assign", view.may_assign}};
}

Json comment_json(const assess::Comment& comment) {
  return {{"schema", "etguard.comment"},
          {"version", "1.0"},
          {"id", comment.id},
          {"requirement", comment.node_id},
          {"object", comment.object},
          {"body", comment.body},
          {"author", comment.author},
          {"written_at", comment.written_at}};
}

}  // namespace etguard::server
