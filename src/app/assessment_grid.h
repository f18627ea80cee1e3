// The assessment grid (issue 18): every applicable (requirement, object)
// line with its status, owner and due date, filtered the way an officer
// works through it — by chapter, owner, status, object and what comes due —
// and limited to what the viewer may reach (an owner: their objects and what
// is assigned to them). The same use case answers /assessment and
// /api/assessment.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "core/lang.h"

namespace etguard::app {

// Which lines due when: overdue, or due within 1, 7 or 30 days (overdue included).
enum class DueWithin { kAny, kOverdue, kDays1, kDays7, kDays30 };
std::optional<DueWithin> parse_due_within(std::string_view text);  // "", overdue, 1, 7, 30
std::string_view to_string(DueWithin due);

struct GridFilter {
  int chapter = 0;     // 0: every chapter
  std::string owner;   // empty: anyone's; "-": no owner
  std::string status;  // assess::ResultStatus as spelt in JSON; empty: any
  std::string object;  // "org" or "kind/key"; a kind alone ("cloud") takes all of it
  DueWithin due = DueWithin::kAny;
  std::size_t offset = 0;   // paging over the matching lines
  std::size_t limit = 200;  // at most 1,000
};

struct GridLine {
  std::string node_id;
  int chapter = 0;
  Text title;  // the requirement's heading, else its text
  std::string object;
  std::string owner;
  std::string status;            // as spelt in JSON
  std::string due;               // YYYY-MM-DD or empty
  std::optional<int> days_left;  // when dated; negative: overdue
  bool has_plan = false;         // an open problem with a remediation plan still to be done
};

struct Grid {
  std::string today;
  std::size_t reachable = 0;    // lines the viewer may see, before the filter
  std::size_t matching = 0;     // lines the filter keeps
  std::vector<GridLine> lines;  // matching[offset, offset + limit), in catalog order
  // What the filter's lists offer, from the reachable lines.
  std::vector<int> chapters;
  std::vector<std::string> owners;
  std::vector<std::string> object_kinds;
};

[[nodiscard]] Result<Grid> assessment_grid(Session& session, const Principal& who,
                                           const GridFilter& filter);

}  // namespace etguard::app
