// Results and what is due. A result records where one requirement stands for
// one object; the catalog's recurrence turns the date it was assessed into
// the date it is due again (docs/status.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assess/scope.h"
#include "core/verdict.h"

namespace etguard::assess {

enum class ResultStatus {
  kCompliant,
  kPartiallyCompliant,
  kNonCompliant,
  kNotApplicable,  // with a justification
  kCompensating,   // a compensating control, with its description (Art. 5)
  kNotAssessed,
};

std::string_view to_string(ResultStatus status);
std::optional<ResultStatus> parse_result_status(std::string_view name);
// A status as people write it in a sheet or at a prompt: the stable name, the
// English label in any case, with spaces, '-' or '_' ("Partially compliant"),
// or the Traditional Chinese label (符合, 部分符合, 不符合, 不適用, 補償性措施,
// 未評估); surrounding spaces ignored.
std::optional<ResultStatus> parse_status_word(std::string_view text);
Text describe(ResultStatus status);

// How an open problem is to be fixed (a non-compliant or partially compliant
// result): what will be done, by whom, by when, and how far it has got.
enum class PlanStatus { kOpen, kInProgress, kDone };
std::string_view to_string(PlanStatus status);
// "open", "in_progress", "done", the English labels, or 未開始, 進行中, 已完成.
std::optional<PlanStatus> parse_plan_status(std::string_view text);
Text describe(PlanStatus status);

struct RemediationPlan {
  std::string action;  // empty: no plan
  std::string owner;
  std::string due_on;  // YYYY-MM-DD
  PlanStatus status = PlanStatus::kOpen;
  bool empty() const { return action.empty(); }
  bool operator==(const RemediationPlan&) const = default;
};

// Whether `status` is an open problem that a plan is for.
bool is_open_problem(ResultStatus status);

struct Result {
  std::string node_id;
  std::string object;  // "org" or an entry key
  ResultStatus status = ResultStatus::kNotAssessed;
  std::string owner;
  std::string note;
  std::string justification;
  std::string due_date;     // set by hand; overrides the recurrence
  std::string assessed_on;  // YYYY-MM-DD
  RemediationPlan plan = {};
};

// Something that shows a requirement is met: a stored file or a link.
struct Evidence {
  std::int64_t id = 0;
  std::string kind;    // "file", "link" or "scan" (a check's finding, stored like a file)
  std::string sha256;  // files: content hash, also the name in the store
  std::int64_t size = 0;
  std::string name;  // original file name, or the link's title
  std::string uri;   // links
  std::string node_id;
  std::string object;
  std::string effective_from;  // the period the evidence covers (YYYY-MM-DD)
  std::string effective_to;
  std::string added_by;
  std::string added_at;
  std::string check_id;            // scans: the check that produced the finding
  std::optional<Verdict> verdict;  // scans: the check's verdict
  std::string file_name = {};      // files: the name it had when added ("policy-v3.pdf")
  std::string media_type = {};     // files: "application/pdf"; empty when unknown
  // Withdrawn (or superseded by another record): the record stays, marked.
  std::string withdrawn_at = {};
  std::string withdrawn_by = {};
  std::string withdrawn_reason = {};
  std::int64_t superseded_by = 0;
  bool withdrawn() const { return !withdrawn_at.empty(); }
};

// A review of an evidence record (decision 0009): immutable; the record
// stands as its latest review left it (none: pending).
struct EvidenceReview {
  std::int64_t evidence_id = 0;
  bool approved = false;
  std::string comment;  // why, required when rejected
  std::string reviewer;
  std::string reviewed_at;
};

// A comment on one line (requirement, object): what a team says about it
// beside its result and evidence. Immutable: a correction is a new comment.
struct Comment {
  std::int64_t id = 0;
  std::string node_id;
  std::string object;
  std::string body;
  std::string author;
  std::string written_at;
};

// Someone's sign-off of a cycle's report: the report's SHA-256 and their
// statement, immutable.
struct SignOff {
  std::string cycle;
  std::string report;  // what was signed: "html zh-TW", a file name...
  std::string sha256;
  std::string statement;
  std::string signed_by;
  std::string signed_at;
};

// The verdict of a scan record as outputs spell it; empty for files and links.
inline std::string verdict_name(const Evidence& evidence) {
  return evidence.verdict ? std::string(to_string(*evidence.verdict)) : std::string();
}

enum class Due { kUnassessed, kOverdue, kDueSoon, kCurrent, kNoRecurrence };

struct StatusLine {
  const catalog::Node* node = nullptr;
  std::string object;
  ResultStatus status = ResultStatus::kNotAssessed;
  std::string owner;
  std::string due;  // YYYY-MM-DD or empty
  Due state = Due::kUnassessed;
  std::optional<RemediationPlan> plan = {};  // an open problem's plan still to be done
  std::optional<int> days_left = {};         // from `today` to `due`; none without a due date
};

// Results by (requirement, object), for reports and sheets that walk every
// status line: one lookup each instead of a scan of all results.
class ResultIndex {
 public:
  explicit ResultIndex(const std::vector<Result>& results);
  const Result* find(std::string_view node_id, std::string_view object) const;

 private:
  std::map<std::pair<std::string_view, std::string_view>, const Result*> by_key_;
};

// The next due date after `assessed_on` for `node`'s recurrence; empty when
// the recurrence sets no calendar interval (before adoption, on event...).
std::string next_due(const catalog::Node& node, const std::string& assessed_on);

// The date the register entry records for when `node`'s recurring activity
// was last done: cloud dates.last_due_diligence (ET-5.1),
// .last_contract_review (ET-7.2), .last_continuity_test (ET-9.2) and
// .last_exit_plan_review (ET-9.5), mobile_app .last_lab_test (ET-20.3), iot
// .firmware_update (ET-23); empty for other nodes or without the date. The
// contract and the exit plan come due on the firm's yearly review cycle (the
// guideline sets none); the others on their requirement's recurrence.
std::string last_done(const catalog::Node& node, const RegisterEntry& entry);

// One line per applicable (requirement, object) pair, informative nodes
// excluded. `today` is YYYY-MM-DD; "soon" means within 30 days. A line's
// owner is the result's, else the register entry's. `deadline` is the
// current cycle's (empty: none): what is still unassessed, and an open
// non-compliance without its own due date, comes due then. An open problem
// whose plan is not done is due when its plan is (the line points at it).
// Where the register records when a recurring activity was last done
// (last_done), or a file or link of `evidence` covers a later period of that
// requirement and object (from its effective_from), the line comes due from
// the latest of those dates and the assessment; unassessed, it is overdue
// once that due date has passed.
std::vector<StatusLine> status_lines(const std::vector<NodeScope>& scope,
                                     const Registers& registers, const std::vector<Result>& results,
                                     const std::string& today, const std::string& deadline = {},
                                     const std::vector<Evidence>& evidence = {});

// The lines of `keys` (requirement, object) made again from these records,
// exactly as status_lines makes them, in place in `lines` (made by
// status_lines from the same scope, registers and evidence); the others
// untouched. For a few changed results of a large workspace.
void restate_lines(std::vector<StatusLine>& lines,
                   const std::vector<std::pair<std::string, std::string>>& keys,
                   const std::vector<NodeScope>& scope, const Registers& registers,
                   const std::vector<Result>& results, const std::string& today,
                   const std::string& deadline, const std::vector<Evidence>& evidence);

// YYYY-MM-DD plus days (may be negative); empty for a malformed date.
std::string add_days(const std::string& date, int days);

}  // namespace etguard::assess
