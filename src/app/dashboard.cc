#include "app/dashboard.h"

#include <algorithm>
#include <optional>

#include "app/snapshot_cache.h"
#include "core/clock.h"

namespace etguard::app {
namespace {

void count_status(DashboardCounts& counts, assess::ResultStatus status) {
  switch (status) {
    case assess::ResultStatus::kCompliant:
      ++counts.compliant;
      break;
    case assess::ResultStatus::kPartiallyCompliant:
      ++counts.partially_compliant;
      break;
    case assess::ResultStatus::kNonCompliant:
      ++counts.non_compliant;
      break;
    case assess::ResultStatus::kNotApplicable:
      ++counts.not_applicable;
      break;
    case assess::ResultStatus::kCompensating:
      ++counts.compensating;
      break;
    case assess::ResultStatus::kNotAssessed:
      ++counts.not_assessed;
      break;
  }
}

// Whether the viewer is shown `line` as a task: their own lines, or anyone's
// for those who run the assessment.
bool is_task_for(const Principal& who, const assess::StatusLine& line) {
  if (who.role == Role::kAdmin || who.role == Role::kOfficer) {
    return true;
  }
  return who.role == Role::kOwner && reaches(who, line.object, line.owner);
}

Dashboard dashboard_of(const Snapshot& snapshot, const Principal& who) {
  Dashboard board{.firm = snapshot.registers.profile.name,
                  .today = snapshot.today,
                  .cycle = snapshot.cycle,
                  .deadline = snapshot.deadline,
                  .counts = {},
                  .tasks = {}};
  for (const assess::StatusLine& line : snapshot.lines) {
    if (!reaches(who, line.object, line.owner)) {
      continue;
    }
    DashboardCounts& counts = board.counts;
    ++counts.total;
    count_status(counts, line.status);
    const std::optional<int> days = line.days_left;
    const bool dated = line.state == assess::Due::kOverdue || line.state == assess::Due::kDueSoon ||
                       line.state == assess::Due::kUnassessed;
    if (!days || !dated) {
      continue;
    }
    const int days_left = *days;
    if (line.state == assess::Due::kOverdue || days_left < 0) {
      ++counts.overdue;
    } else if (days_left <= 30) {
      counts.due_in_30 += 1;
      counts.due_in_7 += days_left <= 7 ? 1 : 0;
      counts.due_in_1 += days_left <= 1 ? 1 : 0;
    } else {
      continue;
    }
    if (is_task_for(who, line)) {
      board.tasks.push_back(
          Task{.node_id = std::string(line.node->id),
               .title = line.node->heading.empty() ? line.node->text : line.node->heading,
               .object = line.object,
               .owner = line.owner,
               .status = std::string(assess::to_string(line.status)),
               .due = line.due,
               .days_left = days_left});
    }
  }
  std::ranges::stable_sort(board.tasks, {}, &Task::days_left);
  return board;
}

}  // namespace

Result<Dashboard> dashboard(Session& session, const Principal& who) {
  if (Status allowed = require(who, Permission::kViewSummary); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  SnapshotCache* cache = session.snapshot_cache();
  if (cache == nullptr) {
    return dashboard_of(**snapshot, who);
  }
  // What a viewer sees depends on their role, and an owner's on their name
  // and objects: one dashboard per viewer and snapshot.
  return *cache->derived<Dashboard>(*snapshot, "dashboard " + viewer_key(who),
                                    [&] { return dashboard_of(**snapshot, who); });
}

}  // namespace etguard::app
