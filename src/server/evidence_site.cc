// The site's evidence (issue 18): the review queue, reviews, uploads and the
// stored files; parse, call the use case of app/evidence_review.h, render.
#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "app/evidence_review.h"
#include "server/answers.h"
#include "server/evidence_pages.h"
#include "server/site.h"

namespace etguard::server {
namespace {

Result<std::int64_t> record_id(std::string_view text) {
  const auto id = count_of(text);
  if (!id || *id == 0 || *id > static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max())) {
    return fail(ErrorKind::kUsage, fmt::format("evidence id '{}' is not a record number", text),
                fmt::format("佐證編號 '{}' 不正確", text));
  }
  return static_cast<std::int64_t>(*id);
}

// A review from the page's form (decision=approve|reject) or the API's JSON
// ({"id": 7, "decision": "approve", "comment": "..."}).
struct ReviewRequest {
  std::int64_t id = 0;
  bool approved = false;
  std::string comment;
};

Result<ReviewRequest> review_request(const Request& request, bool json) {
  auto fields = body_fields(request, json);
  if (!fields) {
    return std::unexpected(fields.error());
  }
  auto id = record_id(field_of(*fields, "id"));
  if (!id) {
    return std::unexpected(id.error());
  }
  const std::string decision = field_of(*fields, "decision");
  if (decision != "approve" && decision != "reject") {
    return fail(ErrorKind::kUsage,
                fmt::format("decision '{}' is neither approve nor reject", decision),
                fmt::format("決定 '{}' 不是 approve 或 reject", decision));
  }
  return ReviewRequest{
      .id = *id, .approved = decision == "approve", .comment = field_of(*fields, "comment")};
}

}  // namespace

Response Site::evidence(const Request& request, const Visit& visit, const app::WebSession& web) {
  const auto [json, rest, post] = within(request, "/evidence");
  const Frame frame{.lang = visit.lang, .session = &web, .path = "/evidence"};
  const auto problem = [&](const Error& error) { return problem_answer(frame, json, error); };
  const bool listing = rest.empty() && !post;
  const bool reviewing = rest == "/review" && post;
  const bool uploading = rest == "/upload" && post && json;
  const bool file = rest == "/file" && !post;
  if (!listing && !reviewing && !uploading && !file) {
    return problem(no_route(request));
  }
  auto session = session_for(web, post);
  if (!session) {
    return problem(session.error());
  }
  const Fields query = form_fields(request.query());
  if (file) {
    auto id = record_id(field_of(query, "id"));
    auto stored = id ? app::evidence_file_as(session->get(), web.who, *id)
                     : Result<app::EvidenceFile>(std::unexpected(id.error()));
    if (!stored) {
      return problem(stored.error());
    }
    // Always an attachment of no particular type: an uploaded HTML file is
    // never rendered by this site.
    return attachment("application/octet-stream", stored->file_name, std::move(stored->content));
  }
  if (uploading) {
    auto added = app::upload_evidence_as(session->get(), web.who,
                                         {.node_id = field_of(query, "node"),
                                          .object = field_of(query, "object"),
                                          .file_name = url_decode(request.header("x-file-name")),
                                          .content = request.body,
                                          .title = field_of(query, "title"),
                                          .from = field_of(query, "from"),
                                          .to = field_of(query, "to")});
    if (!added) {
      return problem(added.error());
    }
    return json_response(201, nlohmann::ordered_json{{"schema", "etguard.evidence-record"},
                                                     {"version", "1.0"},
                                                     {"record", evidence_record_json(*added)}});
  }
  std::optional<Error> refused;
  if (reviewing) {
    auto wanted = review_request(request, json);
    auto reviewed = wanted ? app::review_evidence_as(session->get(), web.who, wanted->id,
                                                     wanted->approved, wanted->comment)
                           : Result<assess::EvidenceReview>(std::unexpected(wanted.error()));
    if (json && reviewed) {
      return json_response(
          200, nlohmann::ordered_json{{"schema", "etguard.evidence-review"},
                                      {"version", "1.0"},
                                      {"evidence", reviewed->evidence_id},
                                      {"decision", reviewed->approved ? "approved" : "rejected"},
                                      {"comment", reviewed->comment},
                                      {"reviewer", reviewed->reviewer},
                                      {"reviewed_at", reviewed->reviewed_at}});
    }
    if (!reviewed && (json || reviewed.error().kind == ErrorKind::kDenied)) {
      return problem(reviewed.error());
    }
    if (reviewed) {
      return redirect("/evidence?pending=1&reviewed=1");
    }
    refused = reviewed.error();
  }
  const bool pending_only = query.contains("pending");
  auto lines = app::evidence_lines(session->get(), web.who,
                                   {.node_id = field_of(query, "node"),
                                    .object = field_of(query, "object"),
                                    .pending_only = pending_only});
  if (!lines) {
    return problem(lines.error());
  }
  if (json) {
    return json_response(200, evidence_json(*lines));
  }
  const std::string notice =
      query.contains("reviewed")
          ? std::string(t(visit.lang, "Review recorded, and written to the ledger.",
                          "審查已記錄並寫入稽核鏈。"))
          : std::string();
  return html_response(refused ? status_of(*refused) : 200,
                       evidence_page(frame, *lines, pending_only, notice,
                                     refused ? say(visit.lang, *refused) : std::string_view()));
}

}  // namespace etguard::server
