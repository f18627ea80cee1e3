// Assessing: what applies (scope), where each requirement stands (results,
// one at a time or a filled answers file) and what shows it (evidence).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/session.h"

namespace etguard::app {

struct ScopeRecorded {
  assess::Registers registers;
  std::vector<assess::NodeScope> scope;
  std::vector<std::string> applicable;  // "ET-20.3 mobile_app/trade-app", informative excluded
  workspace::ScopeChange change;        // since the scope last recorded
};

// The scope under the current registers, without recording it.
[[nodiscard]] Result<ScopeRecorded> current_scope(Session& session);
// The same, recorded in the ledger when it changed.
[[nodiscard]] Result<ScopeRecorded> record_scope(Session& session);

// Records one result; `assessed_on` empty: today.
[[nodiscard]] Status set_result(Session& session, assess::Result result);

// A change to one result that names only what changes: an unset field keeps
// its value, an empty one clears it. A new status without an assessment
// date is assessed today; a result that does not exist yet needs a status.
struct ResultChange {
  std::string node_id;
  std::string object = "org";
  std::optional<assess::ResultStatus> status = {};
  std::optional<std::string> owner = {};
  std::optional<std::string> note = {};
  std::optional<std::string> justification = {};
  std::optional<std::string> due_date = {};
  std::optional<std::string> assessed_on = {};
  // The remediation plan of an open problem, field by field; `clear_plan`
  // removes it. A plan is set only on a non-compliant or partially
  // compliant result, and needs its action and due date.
  std::optional<std::string> plan_action = {};
  std::optional<std::string> plan_owner = {};
  std::optional<std::string> plan_due = {};
  std::optional<assess::PlanStatus> plan_status = {};
  bool clear_plan = false;
  bool changes_plan() const {
    return plan_action || plan_owner || plan_due || plan_status || clear_plan;
  }
};
// The result as it stands after the change.
[[nodiscard]] Result<assess::Result> change_result(Session& session, const ResultChange& change);

// One value a result has had: who set it, when, and what it was (nullopt
// where only the ledger's digest of it exists: changes before schema 10).
struct ResultVersion {
  std::int64_t seq = 0;  // the ledger entry
  std::string time;
  std::string actor;
  std::optional<assess::Result> result;
};
// Every value of one result, oldest first; a usage error for an unknown ID.
[[nodiscard]] Result<std::vector<ResultVersion>> result_history(Session& session,
                                                                const std::string& node_id,
                                                                const std::string& object);

// Reads a filled answers file (YAML or XLSX) and records every answer in one
// transaction; any problem (listed with its row) and nothing is recorded.
// Returns the number of answers recorded.
[[nodiscard]] Result<std::size_t> import_answers(Session& session,
                                                 const std::filesystem::path& file);

struct EvidenceInput {
  std::string node_id;
  std::string object = "org";
  std::filesystem::path file;  // exactly one of file and link
  std::string link;
  std::string title;
  std::string from;  // YYYY-MM-DD: the period the evidence covers
  std::string to;
  std::vector<std::string> more_objects = {};  // one file covering several objects
  std::int64_t supersedes = 0;                 // a record this one replaces...
  std::string reason = {};                     // ...and why
  // The file's bytes already in memory (an upload): stored as they are,
  // `file` then only naming them.
  std::optional<std::string_view> content = std::nullopt;
};
// One record per object covered, the file stored once.
[[nodiscard]] Result<std::vector<assess::Evidence>> add_evidence(Session& session,
                                                                 const EvidenceInput& input);
// Withdraws a record (it stays, marked, with the reason; the ledger records it).
[[nodiscard]] Status withdraw_evidence(Session& session, std::int64_t id,
                                       const std::string& reason);

}  // namespace etguard::app
