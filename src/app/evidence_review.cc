#include "app/evidence_review.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/assessment.h"
#include "app/result_view.h"
#include "app/uploaded_file_name.h"
#include "core/atomic_file.h"
#include "core/digest.h"
#include "core/text.h"

namespace etguard::app {
namespace {

// The address between the last < and > of an actor, lower-cased; empty when
// it names none.
std::string email_of(std::string_view actor) {
  const std::size_t open = actor.rfind('<');
  const std::size_t close = actor.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open + 2 ||
      actor.substr(open + 1, close - open - 1).find('@') == std::string_view::npos) {
    return {};
  }
  return ascii_lower(trim(actor.substr(open + 1, close - open - 1)));
}

Result<assess::Evidence> record_of(Session& session, std::int64_t id) {
  auto records = session.workspace().load_evidence();
  if (!records) {
    return std::unexpected(records.error());
  }
  const auto found = std::ranges::find(*records, id, &assess::Evidence::id);
  if (found == records->end()) {
    return fail(ErrorKind::kNotFound, fmt::format("no evidence {}", id),
                fmt::format("沒有佐證 {}", id));
  }
  return *found;
}

Status reach(const Principal& who, const assess::Evidence& record) {
  if (reaches(who, record.object, "")) {
    return {};
  }
  return fail(
      ErrorKind::kDenied,
      fmt::format("user '{}' does not reach evidence {} ({})", who.name, record.id, record.object),
      fmt::format("使用者「{}」無權存取佐證 {}（{}）", who.name, record.id, record.object));
}

}  // namespace

bool same_person(std::string_view a, std::string_view b) {
  const std::string mail_a = email_of(a);
  const std::string mail_b = email_of(b);
  if (!mail_a.empty() && !mail_b.empty()) {
    return mail_a == mail_b;
  }
  return ascii_lower(trim(a)) == ascii_lower(trim(b));
}

Status may_review(const assess::Evidence& record, const Principal& reviewer) {
  if (Status allowed = require(reviewer, Permission::kReviewEvidence); !allowed) {
    return allowed;
  }
  if (same_person(record.added_by, reviewer.name) ||
      (!reviewer.display.empty() && same_person(record.added_by, reviewer.display))) {
    return fail(ErrorKind::kDenied,
                fmt::format("evidence {} was added by you: another person reviews it (four eyes)",
                            record.id),
                fmt::format("佐證 {} 由您新增：須由他人審查（四眼原則）", record.id));
  }
  if (record.withdrawn()) {
    return fail(ErrorKind::kUsage, fmt::format("evidence {} is withdrawn", record.id),
                fmt::format("佐證 {} 已撤回", record.id));
  }
  return {};
}

std::string_view review_state_name(ReviewState state) {
  switch (state) {
    case ReviewState::kPending:
      return "pending";
    case ReviewState::kApproved:
      return "approved";
    case ReviewState::kRejected:
      return "rejected";
    case ReviewState::kWithdrawn:
      return "withdrawn";
  }
  return "pending";
}

Result<std::vector<EvidenceLine>> evidence_lines(Session& session, const Principal& who,
                                                 const EvidenceFilter& filter) {
  if (Status allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto records = session.workspace().load_evidence();
  auto reviews =
      records ? session.workspace().evidence_reviews()
              : Result<std::vector<assess::EvidenceReview>>(std::unexpected(records.error()));
  if (!reviews) {
    return std::unexpected(reviews.error());
  }
  std::map<std::int64_t, assess::EvidenceReview> latest;
  for (const assess::EvidenceReview& review : *reviews) {
    latest.insert_or_assign(review.evidence_id, review);
  }
  const bool reviewer = permits(who.role, Permission::kReviewEvidence);  // once, not per record
  std::vector<EvidenceLine> lines;
  for (auto it = records->rbegin(); it != records->rend(); ++it) {
    const assess::Evidence& record = *it;
    if (!reaches(who, record.object, "") ||
        (!filter.node_id.empty() && record.node_id != filter.node_id) ||
        (!filter.object.empty() && record.object != filter.object)) {
      continue;
    }
    EvidenceLine line{.record = record, .latest = std::nullopt};
    if (const auto found = latest.find(record.id); found != latest.end()) {
      line.latest = found->second;
    }
    line.state = record.withdrawn()      ? ReviewState::kWithdrawn
                 : !line.latest          ? ReviewState::kPending
                 : line.latest->approved ? ReviewState::kApproved
                                         : ReviewState::kRejected;
    if (filter.pending_only && line.state != ReviewState::kPending) {
      continue;
    }
    line.may_review =
        reviewer && line.state == ReviewState::kPending && may_review(record, who).has_value();
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<assess::EvidenceReview> review_evidence_as(Session& session, const Principal& who,
                                                  std::int64_t id, bool approved,
                                                  const std::string& comment) {
  auto record = record_of(session, id);
  if (!record) {
    return std::unexpected(record.error());
  }
  if (Status allowed = may_review(*record, who); !allowed) {
    return std::unexpected(allowed.error());
  }
  assess::EvidenceReview review{.evidence_id = id,
                                .approved = approved,
                                .comment = comment,
                                .reviewer = who.name,
                                .reviewed_at = {}};
  return session.workspace().review_evidence(review);
}

Result<assess::Evidence> upload_evidence_as(Session& session, const Principal& who,
                                            const Upload& upload) {
  // The same rule as changing the line's result (app/result_view.h).
  auto line = view_result(session, who, upload.node_id, upload.object);
  if (!line) {
    return std::unexpected(line.error());
  }
  if (!line->may_edit) {
    return fail(ErrorKind::kDenied,
                fmt::format("user '{}' may not add evidence to {} · {}", who.name, upload.node_id,
                            upload.object),
                fmt::format("使用者「{}」無權為 {} · {} 新增佐證", who.name, upload.node_id,
                            upload.object));
  }
  auto name = uploaded_file_name(upload.file_name);
  if (!name) {
    return std::unexpected(name.error());
  }
  // Stored from memory straight into the evidence store: a kill leaves at
  // most a temporary there, which remove_interrupted_uploads clears.
  auto added = add_evidence(session, {.node_id = upload.node_id,
                                      .object = upload.object,
                                      .file = *name,
                                      .link = {},
                                      .title = upload.title.empty() ? *name : upload.title,
                                      .from = upload.from,
                                      .to = upload.to,
                                      .content = upload.content});
  if (!added) {
    return std::unexpected(added.error());
  }
  return added->front();
}

Result<int> remove_interrupted_uploads(Session& session) {
  return session.workspace().remove_interrupted_evidence();
}

Result<EvidenceFile> evidence_file_as(Session& session, const Principal& who, std::int64_t id) {
  if (Status allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto record = record_of(session, id);
  if (!record) {
    return std::unexpected(record.error());
  }
  if (Status reached = reach(who, *record); !reached) {
    return std::unexpected(reached.error());
  }
  if (record->kind == "link" || record->sha256.empty()) {
    return fail(ErrorKind::kNotFound, fmt::format("evidence {} is a link, not a file", id),
                fmt::format("佐證 {} 是連結而非檔案", id));
  }
  auto content = read_file(session.workspace().stored_file(record->sha256));
  if (!content) {
    return std::unexpected(content.error());
  }
  if (sha256_hex(*content) != record->sha256) {
    return fail(ErrorKind::kInternal,
                fmt::format("the stored file of evidence {} no longer matches its SHA-256", id),
                fmt::format("佐證 {} 之保存檔案與其 SHA-256 不符", id));
  }
  return EvidenceFile{
      .file_name = record->file_name.empty() ? record->name : record->file_name,
      .media_type = record->media_type.empty() ? "application/octet-stream" : record->media_type,
      .content = std::move(*content)};
}

}  // namespace etguard::app
