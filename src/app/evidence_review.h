// Evidence as a team handles it (issue 18, decision 0009): uploaded by whoever
// may change the line, then approved or rejected by someone else. The
// four-eyes rule is here, for the pages, the API and anything later: no one
// reviews evidence they added themselves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "assess/status.h"

namespace etguard::app {

// Whether two actors are one person: the same login; at the terminal, where
// an actor is free text ("王小明 <ming.wang@firm.example>"), the same e-mail
// address when both name one, else the same text trimmed and case-folded.
bool same_person(std::string_view a, std::string_view b);

// Nothing when `reviewer` may review `record`; else why not.
[[nodiscard]] Status may_review(const assess::Evidence& record, const Principal& reviewer);

enum class ReviewState { kPending, kApproved, kRejected, kWithdrawn };
std::string_view review_state_name(ReviewState state);  // "pending", ...

struct EvidenceLine {
  assess::Evidence record;
  std::optional<assess::EvidenceReview> latest;  // its latest review
  ReviewState state = ReviewState::kPending;
  bool may_review = false;  // the viewer may review it now
};

struct EvidenceFilter {
  std::string node_id;  // empty: any
  std::string object;   // empty: any
  bool pending_only = false;
};

// The records `who` reaches (an owner: their objects), newest first.
[[nodiscard]] Result<std::vector<EvidenceLine>> evidence_lines(Session& session,
                                                               const Principal& who,
                                                               const EvidenceFilter& filter);

[[nodiscard]] Result<assess::EvidenceReview> review_evidence_as(Session& session,
                                                                const Principal& who,
                                                                std::int64_t id, bool approved,
                                                                const std::string& comment);

// A file uploaded for one line (requirement × object).
struct Upload {
  std::string node_id;
  std::string object;
  std::string file_name;  // as on the uploader's machine; only its last part is kept
  std::string content;
  std::string title;  // empty: the file name
  std::string from;   // YYYY-MM-DD: the period it covers
  std::string to;
};
[[nodiscard]] Result<assess::Evidence> upload_evidence_as(Session& session, const Principal& who,
                                                          const Upload& upload);

// What uploads interrupted by a crash or kill -9 left half-written in the
// evidence store, removed (the server does this as it starts); their number.
[[nodiscard]] Result<int> remove_interrupted_uploads(Session& session);

// The stored file of a record `who` reaches, checked against its SHA-256.
struct EvidenceFile {
  std::string file_name;
  std::string media_type;
  std::string content;
};
[[nodiscard]] Result<EvidenceFile> evidence_file_as(Session& session, const Principal& who,
                                                    std::int64_t id);

}  // namespace etguard::app
