#include "server/evidence_pages.h"

#include <fmt/format.h>

#include "core/text.h"
#include "server/http.h"
#include "server/result_pages.h"

namespace etguard::server {
namespace {

using Json = nlohmann::ordered_json;

std::string state_badge(Lang lang, app::ReviewState state) {
  const auto [css, label] = [&]() -> std::pair<std::string_view, std::string_view> {
    switch (state) {
      case app::ReviewState::kApproved:
        return {"compliant", t(lang, "approved", "已核可")};
      case app::ReviewState::kRejected:
        return {"non_compliant", t(lang, "rejected", "已退回")};
      case app::ReviewState::kWithdrawn:
        return {"not_applicable", t(lang, "withdrawn", "已撤回")};
      case app::ReviewState::kPending:
        break;
    }
    return {"not_assessed", t(lang, "awaiting review", "待審查")};
  }();
  return fmt::format(R"(<span class="status {}">{}</span>)", css, label);
}

std::string record_cell(const assess::Evidence& record) {
  if (record.kind == "link") {
    return fmt::format("{} <code>{}</code>", escape_html(record.name), escape_html(record.uri));
  }
  return fmt::format(R"(<a href="/evidence/file?id={}" download>{}</a>)", record.id,
                     escape_html(record.name));
}

std::string review_form(Lang lang, const app::EvidenceLine& line, std::string_view csrf) {
  if (!line.may_review) {
    return {};
  }
  const std::int64_t id = line.record.id;
  return fmt::format(
      R"(<form class="review" method="post" action="/evidence/review"><input type="hidden" name="csrf" value="{0}"><input type="hidden" name="id" value="{1}">
<label for="comment-{1}">{2}</label><input id="comment-{1}" name="comment" maxlength="2000">
<button type="submit" name="decision" value="approve">{3}</button><button type="submit" name="decision" value="reject" class="secondary">{4}</button></form>)",
      escape_html(csrf), id, t(lang, "Comment (required to reject)", "意見（退回時必填）"),
      t(lang, "Approve", "核可"), t(lang, "Reject", "退回"));
}

std::string review_note(const app::EvidenceLine& line) {
  if (!line.latest) {
    return {};
  }
  return fmt::format(R"(<br><small>{} · {}{}</small>)", escape_html(line.latest->reviewer),
                     escape_html(line.latest->reviewed_at.substr(0, 10)),
                     line.latest->comment.empty()
                         ? std::string()
                         : fmt::format(" · {}", escape_html(line.latest->comment)));
}

}  // namespace

std::string evidence_page(const Frame& frame, const std::vector<app::EvidenceLine>& lines,
                          bool pending_only, std::string_view notice, std::string_view problem) {
  const Lang lang = frame.lang;
  const std::string csrf = frame.session != nullptr ? frame.session->csrf : std::string();
  std::string rows;
  for (const app::EvidenceLine& line : lines) {
    const assess::Evidence& r = line.record;
    rows += fmt::format(
        R"(<tr><td class="num">{}</td><td><a href="{}"><code>{}</code> · {}</a></td><td>{}</td><td>{}<br><small>{}</small></td><td>{}{}</td><td>{}</td></tr>)",
        r.id, result_href(r.node_id, r.object), escape_html(r.node_id), escape_html(r.object),
        record_cell(r), escape_html(r.added_by), escape_html(r.added_at.substr(0, 10)),
        state_badge(lang, line.state), review_note(line), review_form(lang, line, csrf));
  }
  const std::string table =
      lines.empty()
          ? fmt::format("<p>{}</p>", pending_only
                                         ? t(lang, "Nothing awaits review.", "沒有待審查之佐證。")
                                         : t(lang, "No evidence yet.", "尚無佐證。"))
          : fmt::format(
                R"(<table class="evidence"><caption>{}</caption><thead><tr><th scope="col">#</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                t(lang, "Newest first; no one reviews what they added (four eyes)",
                  "新者在前；任何人不得審查自己新增之佐證（四眼原則）"),
                t(lang, "Requirement · object", "要求 · 對象"), t(lang, "Evidence", "佐證"),
                t(lang, "Added by", "新增者"), t(lang, "Review", "審查"), t(lang, "Decide", "決定"),
                rows);
  return layout(
      frame, t(lang, "Evidence", "佐證"),
      fmt::format(R"(<h1>{}</h1>{}<p><a href="/evidence{}">{}</a></p>{})",
                  t(lang, "Evidence", "佐證"), said(notice, problem),
                  pending_only ? "" : "?pending=1",
                  pending_only ? t(lang, "Show all evidence", "顯示全部佐證")
                               : t(lang, "Show only what awaits review", "僅顯示待審查者"),
                  table));
}

std::string evidence_section(const Frame& frame, const std::vector<app::EvidenceLine>& lines,
                             std::string_view node_id, std::string_view object, bool may_upload) {
  const Lang lang = frame.lang;
  std::string items;
  for (const app::EvidenceLine& line : lines) {
    items += fmt::format("<li>{} {}{}</li>", record_cell(line.record),
                         state_badge(lang, line.state), review_note(line));
  }
  const std::string list = items.empty()
                               ? fmt::format("<p>{}</p>", t(lang, "No evidence yet.", "尚無佐證。"))
                               : fmt::format(R"(<ul class="evidence">{}</ul>)", items);
  const std::string csrf = frame.session != nullptr ? frame.session->csrf : std::string();
  const std::string upload =
      !may_upload
          ? std::string()
          : fmt::format(
                R"(<form class="upload edit" data-node="{}" data-object="{}"><input type="hidden" name="csrf" value="{}">
<label for="upload_file">{}</label><div class="drop"><input id="upload_file" name="file" type="file" required><span>{}</span></div>
{}{}<button type="submit">{}</button><p class="problem" role="alert" hidden></p></form>
<noscript><p class="meta">{}</p></noscript><script src="/static/evidence.js" defer></script>)",
                escape_html(node_id), escape_html(object), escape_html(csrf),
                t(lang, "File (up to 32 MiB)", "檔案（32 MiB 以內）"),
                t(lang, "or drop it here", "或拖放至此"),
                text_field("upload_from", t(lang, "Covers from", "涵蓋期間起"), {}, "date"),
                text_field("upload_to", t(lang, "to", "迄"), {}, "date"), t(lang, "Upload", "上傳"),
                t(lang, "Uploading needs JavaScript; etguard evidence add does it at the terminal.",
                  "上傳需啟用 JavaScript；亦可於終端機以 etguard evidence add 新增。"));
  return fmt::format(
      R"(<section aria-labelledby="evidence"><h2 id="evidence">{}</h2>{}{}</section>)",
      t(lang, "Evidence", "佐證"), list, upload);
}

std::string_view evidence_script() {
  return R"js(// The evidence upload: the line and the period covered in the query.
for (const form of document.querySelectorAll("form.upload:not(.registers-import)")) {
  etgUploadForm(form, () => {
    const query = new URLSearchParams({
      node: form.dataset.node, object: form.dataset.object,
      from: form.querySelector("#upload_from").value, to: form.querySelector("#upload_to").value,
    });
    return `/api/evidence/upload?${query}`;
  }, () => {
    const url = new URL(window.location.href);
    url.searchParams.set("uploaded", "1");
    window.location.assign(url.toString());
  });
}
)js";
}

Json evidence_record_json(const assess::Evidence& r) {
  return {{"id", r.id},
          {"kind", r.kind},
          {"name", r.name},
          {"file_name", r.file_name},
          {"uri", r.uri},
          {"sha256", r.sha256},
          {"size", r.size},
          {"requirement", r.node_id},
          {"object", r.object},
          {"effective_from", r.effective_from},
          {"effective_to", r.effective_to},
          {"added_by", r.added_by},
          {"added_at", r.added_at}};
}

Json evidence_json(const std::vector<app::EvidenceLine>& lines) {
  Json records = Json::array();
  for (const app::EvidenceLine& line : lines) {
    Json record = evidence_record_json(line.record);
    record["review"] = app::review_state_name(line.state);
    record["reviewed_by"] = line.latest ? Json(line.latest->reviewer) : Json(nullptr);
    record["review_comment"] = line.latest ? Json(line.latest->comment) : Json(nullptr);
    record["may_review"] = line.may_review;
    records.push_back(std::move(record));
  }
  return {{"schema", "etguard.evidence"}, {"version", "1.0"}, {"records", records}};
}

}  // namespace etguard::server
