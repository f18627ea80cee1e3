// The first page a user sees (issue 18): where the assessment stands and what
// is theirs to do. The same use case serves the page and /api/dashboard.
// Everyone gets the counts of what they may reach; the board the firm's
// summary only, an owner their own objects and requirements.
#pragma once

#include <string>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "assess/status.h"
#include "core/lang.h"

namespace etguard::app {

struct DashboardCounts {
  int total = 0;  // applicable (requirement, object) lines
  int compliant = 0;
  int partially_compliant = 0;
  int non_compliant = 0;
  int not_applicable = 0;
  int compensating = 0;
  int not_assessed = 0;
  // By date, as of today.
  int overdue = 0;
  int due_in_1 = 0;  // today or tomorrow
  int due_in_7 = 0;
  int due_in_30 = 0;
};

// One line that is due within 30 days or overdue, assigned to the viewer
// (or, for an officer or admin, to anyone).
struct Task {
  std::string node_id;
  Text title;  // the requirement's heading, else its text
  std::string object;
  std::string owner;
  std::string status;  // assess::ResultStatus as it is spelt in JSON
  std::string due;     // YYYY-MM-DD
  int days_left = 0;   // negative: overdue by that many days
};

struct Dashboard {
  std::string firm;
  std::string today;
  std::string cycle;
  std::string deadline;
  DashboardCounts counts;
  std::vector<Task> tasks;  // most urgent first; empty for the board
};

// As of the session's today, limited to what `who` may reach.
[[nodiscard]] Result<Dashboard> dashboard(Session& session, const Principal& who);

}  // namespace etguard::app
