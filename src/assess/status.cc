#include "assess/status.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "core/clock.h"

namespace etguard::assess {
namespace {

struct StatusName {
  ResultStatus status;
  std::string_view name;
  Text label;
};

constexpr StatusName kStatusNames[] = {
    {ResultStatus::kCompliant, "compliant", {"符合", "compliant"}},
    {ResultStatus::kPartiallyCompliant, "partially_compliant", {"部分符合", "partially compliant"}},
    {ResultStatus::kNonCompliant, "non_compliant", {"不符合", "non-compliant"}},
    {ResultStatus::kNotApplicable, "not_applicable", {"不適用", "not applicable"}},
    {ResultStatus::kCompensating, "compensating_control", {"補償性措施", "compensating control"}},
    {ResultStatus::kNotAssessed, "not_assessed", {"未評估", "not assessed"}},
};

struct PlanStatusName {
  PlanStatus status;
  std::string_view name;
  Text label;
};

constexpr PlanStatusName kPlanStatusNames[] = {
    {PlanStatus::kOpen, "open", {"未開始", "open"}},
    {PlanStatus::kInProgress, "in_progress", {"進行中", "in progress"}},
    {PlanStatus::kDone, "done", {"已完成", "done"}},
};

// A word as people write it: surrounding blanks dropped; `folded` receives
// it in lower case with '_' for spaces and dashes (to compare with names).
std::string_view trim_and_fold(std::string_view text, std::string& folded) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  folded.assign(text);
  for (char& c : folded) {
    c = c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

std::optional<std::chrono::year_month_day> parse_date(const std::string& text) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  return date.ok() ? std::optional(date) : std::nullopt;
}

std::string format_date(const std::chrono::year_month_day& date) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace

std::string_view to_string(ResultStatus status) {
  return std::ranges::find(kStatusNames, status, &StatusName::status)->name;
}

Text describe(ResultStatus status) {
  return std::ranges::find(kStatusNames, status, &StatusName::status)->label;
}

std::optional<ResultStatus> parse_result_status(std::string_view name) {
  const auto* found = std::ranges::find(kStatusNames, name, &StatusName::name);
  return found == std::end(kStatusNames) ? std::nullopt : std::optional(found->status);
}

std::optional<ResultStatus> parse_status_word(std::string_view text) {
  std::string folded;
  text = trim_and_fold(text, folded);
  for (const StatusName& each : kStatusNames) {
    if (folded == each.name || text == each.label.zh) {
      return each.status;
    }
  }
  return std::nullopt;
}

std::string_view to_string(PlanStatus status) {
  return std::ranges::find(kPlanStatusNames, status, &PlanStatusName::status)->name;
}

Text describe(PlanStatus status) {
  return std::ranges::find(kPlanStatusNames, status, &PlanStatusName::status)->label;
}

std::optional<PlanStatus> parse_plan_status(std::string_view text) {
  std::string folded;
  text = trim_and_fold(text, folded);
  for (const PlanStatusName& each : kPlanStatusNames) {
    if (folded == each.name || text == each.label.zh) {
      return each.status;
    }
  }
  return std::nullopt;
}

bool is_open_problem(ResultStatus status) {
  return status == ResultStatus::kNonCompliant || status == ResultStatus::kPartiallyCompliant;
}

std::string add_days(const std::string& date, int days) {
  const auto parsed = parse_date(date);
  if (!parsed) {
    return {};
  }
  return format_date(
      std::chrono::year_month_day{std::chrono::sys_days{*parsed} + std::chrono::days{days}});
}

namespace {

// A year after `from` (29 February: 28 February).
std::string year_after(const std::chrono::year_month_day& from) {
  std::chrono::year_month_day next = from + std::chrono::years{1};
  if (!next.ok()) {
    next = std::chrono::year_month_day{next.year(), next.month(), std::chrono::day{28}};
  }
  return format_date(next);
}

}  // namespace

std::string next_due(const catalog::Node& node, const std::string& assessed_on) {
  const auto assessed = parse_date(assessed_on);
  if (!assessed) {
    return {};
  }
  std::optional<std::string> due;
  auto keep_earliest = [&due](std::string candidate) {
    if (!due || candidate < *due) {
      due = std::move(candidate);
    }
  };
  for (catalog::Recurrence recurrence : node.recurrence) {
    switch (recurrence) {
      case catalog::Recurrence::kAtLeastYearly:
      case catalog::Recurrence::kYearly:
      case catalog::Recurrence::kPeriodic:  // periodic: yearly unless the firm sets a due date
        keep_earliest(year_after(*assessed));
        break;
      case catalog::Recurrence::kDaily:
        keep_earliest(add_days(assessed_on, 1));
        break;
      default:
        break;  // event-driven: no calendar due date
    }
  }
  return due.value_or(std::string());
}

namespace {

// The register dates that record when a recurring activity was last done
// (docs/registers.md): the due date runs from them as from an assessment.
// Where the guideline sets no period (a contract and an exit plan are made
// once), the firm's own yearly review cycle does: `firm_cycle`.
struct DoneDate {
  std::string_view node_id;
  std::string_view subject;
  std::string_view key;
  bool firm_cycle;
};
constexpr DoneDate kDoneDates[] = {
    {"ET-5.1", "cloud", "last_due_diligence", false},    // due diligence, reviewed periodically
    {"ET-7.2", "cloud", "last_contract_review", true},   // the contract's exit and liability terms
    {"ET-9.2", "cloud", "last_continuity_test", false},  // continuity tests or drills
    {"ET-9.5", "cloud", "last_exit_plan_review", true},  // the exit strategy and plan
    {"ET-20.3", "mobile_app", "last_lab_test", false},   // the yearly TAF lab test
    {"ET-23", "iot", "firmware_update", false},          // devices updated periodically
};

// The register date of `node_id`'s recurring activity; nullptr for the others.
const DoneDate* done_date_of(std::string_view node_id) {
  const auto found = std::ranges::find(kDoneDates, node_id, &DoneDate::node_id);
  return found == std::end(kDoneDates) ? nullptr : &*found;
}

// When the activity done on `done` comes due again; empty without a date.
std::string due_after(const catalog::Node& node, const std::string& done) {
  const DoneDate* dated = done_date_of(node.id);
  if (dated == nullptr || !dated->firm_cycle) {
    return next_due(node, done);
  }
  const auto parsed = parse_date(done);
  return parsed ? year_after(*parsed) : std::string();
}

}  // namespace

std::string last_done(const catalog::Node& node, const RegisterEntry& entry) {
  const DoneDate* done = done_date_of(node.id);
  if (done == nullptr || done->subject != entry.subject) {
    return {};
  }
  const auto date = entry.dates.find(std::string(done->key));
  return date != entry.dates.end() && parse_date(date->second) ? date->second : std::string();
}

namespace {

// For the activities of kDoneDates: the start of the latest period a file or
// link (not withdrawn, not a scan's finding) covers, by (requirement, object).
std::map<std::pair<std::string_view, std::string_view>, std::string_view> done_by_evidence(
    const std::vector<Evidence>& evidence, const std::string& today) {
  std::map<std::pair<std::string_view, std::string_view>, std::string_view> latest;
  for (const Evidence& record : evidence) {
    if (record.withdrawn() || record.kind == "scan" || done_date_of(record.node_id) == nullptr ||
        !parse_date(record.effective_from) || record.effective_from > today) {
      continue;
    }
    std::string_view& at = latest[{record.node_id, record.object}];
    at = std::max(at, std::string_view(record.effective_from));
  }
  return latest;
}

}  // namespace

namespace {

using DoneByEvidence = std::map<std::pair<std::string_view, std::string_view>, std::string_view>;

// What every line of one status computation shares.
struct LineContext {
  const std::string& today;
  std::string soon;  // today + 30 days
  const std::string& deadline;
  const DoneByEvidence& evidenced;
};

// The line of one applicable (requirement, object), days_left not yet set.
StatusLine line_of(const NodeScope& node_scope, const Applicability& object,
                   const RegisterEntry* registered, const Result* found,
                   const LineContext& context) {
  const std::string& today = context.today;
  const std::string& deadline = context.deadline;
  const auto state_of = [&](const std::string& due) {
    return due.empty()           ? Due::kNoRecurrence
           : due < today         ? Due::kOverdue
           : due <= context.soon ? Due::kDueSoon
                                 : Due::kCurrent;
  };
  const DoneDate* dated = done_date_of(node_scope.node->id);
  StatusLine line{node_scope.node,
                  object.object,
                  ResultStatus::kNotAssessed,
                  registered == nullptr ? std::string() : registered->owner,
                  deadline,
                  deadline.empty() || deadline >= today ? Due::kUnassessed : Due::kOverdue};
  // When the register or a record of a later period says the activity
  // was last done, it comes due again from then, assessed in etguard or not.
  std::string done;
  if (dated != nullptr && (object.recurs || dated->firm_cycle)) {
    done = registered != nullptr ? last_done(*node_scope.node, *registered) : std::string();
    if (const auto shown = context.evidenced.find({node_scope.node->id, object.object});
        shown != context.evidenced.end() && shown->second > done) {
      done = shown->second;
    }
  }
  if (const std::string due = done.empty() ? std::string() : due_after(*node_scope.node, done);
      !due.empty() && (line.due.empty() || due < line.due)) {
    line.due = due;
    line.state = due < today ? Due::kOverdue : Due::kUnassessed;
  }
  if (found != nullptr && found->status != ResultStatus::kNotAssessed) {
    const Result& result = *found;
    line.status = result.status;
    if (!result.owner.empty()) {
      line.owner = result.owner;
    }
    const bool open = is_open_problem(result.status);
    const bool planned = open && !result.plan.empty() && result.plan.status != PlanStatus::kDone;
    if (planned) {
      line.plan = result.plan;
    }
    line.due = result.status == ResultStatus::kNotApplicable ? std::string()
               : planned && !result.plan.due_on.empty()      ? result.plan.due_on
               : !result.due_date.empty()                    ? result.due_date
               : open && !deadline.empty()                   ? deadline
               : dated != nullptr && dated->firm_cycle && !done.empty()
                   ? due_after(*node_scope.node, done)
               : object.recurs ? next_due(*node_scope.node, std::max(result.assessed_on, done))
                               : std::string();
    line.state = state_of(line.due);
  }
  return line;
}

}  // namespace

std::vector<StatusLine> status_lines(const std::vector<NodeScope>& scope,
                                     const Registers& registers, const std::vector<Result>& results,
                                     const std::string& today, const std::string& deadline,
                                     const std::vector<Evidence>& evidence) {
  const auto evidenced = done_by_evidence(evidence, today);
  const LineContext context{
      .today = today, .soon = add_days(today, 30), .deadline = deadline, .evidenced = evidenced};
  // Hashed lookups: a firm with 100,000 entries has millions of lines.
  std::unordered_map<std::string, const RegisterEntry*> entries;
  entries.reserve(registers.entries.size());
  for (const RegisterEntry& entry : registers.entries) {
    entries[entry.key()] = &entry;
  }
  const ResultIndex by_key(results);
  std::vector<StatusLine> lines;
  std::size_t applicable = 0;
  for (const NodeScope& node_scope : scope) {
    applicable += static_cast<std::size_t>(std::ranges::count_if(
        node_scope.objects, [](const Applicability& a) { return a.applies; }));
  }
  lines.reserve(applicable);
  for (const NodeScope& node_scope : scope) {
    if (node_scope.node->obligation == catalog::Obligation::kInformative) {
      continue;
    }
    for (const Applicability& object : node_scope.objects) {
      if (!object.applies) {
        continue;
      }
      const auto entry = entries.find(object.object);
      lines.push_back(line_of(node_scope, object, entry == entries.end() ? nullptr : entry->second,
                              by_key.find(node_scope.node->id, object.object), context));
    }
  }
  // Days from today to each due date, counted once per distinct date.
  std::unordered_map<std::string, std::optional<int>> days;
  for (StatusLine& line : lines) {
    if (!line.due.empty()) {
      const auto [at, fresh] = days.try_emplace(line.due);
      if (fresh) {
        at->second = days_until(today, line.due);
      }
      line.days_left = at->second;
    }
  }
  return lines;
}

void restate_lines(std::vector<StatusLine>& lines,
                   const std::vector<std::pair<std::string, std::string>>& keys,
                   const std::vector<NodeScope>& scope, const Registers& registers,
                   const std::vector<Result>& results, const std::string& today,
                   const std::string& deadline, const std::vector<Evidence>& evidence) {
  const auto evidenced = done_by_evidence(evidence, today);
  const LineContext context{
      .today = today, .soon = add_days(today, 30), .deadline = deadline, .evidenced = evidenced};
  for (const std::pair<std::string, std::string>& key : keys) {
    const std::string& node_id = key.first;
    const std::string& object_key = key.second;
    const auto line = std::ranges::find_if(lines, [&](const StatusLine& candidate) {
      return candidate.node->id == node_id && candidate.object == object_key;
    });
    const auto node_scope = std::ranges::find_if(
        scope, [&](const NodeScope& candidate) { return candidate.node->id == node_id; });
    if (line == lines.end() || node_scope == scope.end()) {
      continue;  // not a line: informative, or not applicable to the object
    }
    const auto object = std::ranges::find(node_scope->objects, object_key, &Applicability::object);
    const auto entry = std::ranges::find_if(registers.entries, [&](const RegisterEntry& candidate) {
      return candidate.key() == object_key;
    });
    const auto result = std::ranges::find_if(results, [&](const Result& candidate) {
      return candidate.node_id == node_id && candidate.object == object_key;
    });
    if (object == node_scope->objects.end()) {
      continue;
    }
    *line = line_of(*node_scope, *object, entry == registers.entries.end() ? nullptr : &*entry,
                    result == results.end() ? nullptr : &*result, context);
    if (!line->due.empty()) {
      line->days_left = days_until(today, line->due);
    }
  }
}

ResultIndex::ResultIndex(const std::vector<Result>& results) {
  for (const Result& result : results) {
    by_key_.emplace(std::pair<std::string_view, std::string_view>(result.node_id, result.object),
                    &result);
  }
}

const Result* ResultIndex::find(std::string_view node_id, std::string_view object) const {
  auto found = by_key_.find({node_id, object});
  return found == by_key_.end() ? nullptr : found->second;
}

}  // namespace etguard::assess
