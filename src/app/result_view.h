// One line of the assessment grid opened (issue 18): the requirement, where
// its result stands, every value it has had, what the team said about it
// (comments), and what the viewer may change.
// Who may see and change it is decided here, for the page and the API alike:
// an owner reaches their objects and what is assigned to them and cannot
// reassign a line; an auditor and the board change nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/assessment.h"
#include "app/session.h"
#include "catalog/model.h"

namespace etguard::app {

struct ResultView {
  const catalog::Node* node = nullptr;
  std::string object;
  std::string owner;                      // the line's: the result's, else the register entry's
  std::string status;                     // as spelt in JSON
  std::string due;                        // YYYY-MM-DD or empty
  std::optional<assess::Result> result;   // none recorded yet
  std::vector<ResultVersion> history;     // oldest first
  std::vector<assess::Comment> comments;  // oldest first
  bool may_edit = false;                  // and comment
  bool may_assign = false;                // change the owner
};

[[nodiscard]] Result<ResultView> view_result(Session& session, const Principal& who,
                                             const std::string& node_id, const std::string& object);

// change_result, as `who`: refused unless they may change the assessment and
// reach the line; an owner may not change its owner.
[[nodiscard]] Result<assess::Result> change_result_as(Session& session, const Principal& who,
                                                      const ResultChange& change);

// A comment on the line, as `who`: refused unless they may change the
// assessment and reach the line (the auditor and the board say nothing here:
// they write nothing). Returns the comment as recorded.
[[nodiscard]] Result<assess::Comment> comment_as(Session& session, const Principal& who,
                                                 const std::string& node_id,
                                                 const std::string& object,
                                                 const std::string& body);

}  // namespace etguard::app
