#include "app/result_view.h"

#include <fmt/format.h>

namespace etguard::app {
namespace {

bool may_assign(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOfficer;
}

struct Reached {
  assess::StatusLine line;
  std::optional<assess::Result> result;  // as recorded now
};

// The line of `node_id` × `object` that `who` may reach, and its result.
Result<Reached> reachable_line(Session& session, const Principal& who, const std::string& node_id,
                               const std::string& object) {
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  for (const assess::StatusLine& line : (*snapshot)->lines) {
    if (line.node->id != node_id || line.object != object) {
      continue;
    }
    if (!reaches(who, line.object, line.owner)) {
      return fail(ErrorKind::kDenied,
                  fmt::format("{} may not reach {} {}: it is neither their object nor assigned "
                              "to them",
                              who.name, node_id, object),
                  fmt::format("{} 無權存取 {} {}：非其負責之對象，亦未指派予其", who.name, node_id,
                              object));
    }
    Reached reached{.line = line, .result = std::nullopt};
    for (const assess::Result& result : (*snapshot)->results) {
      if (result.node_id == node_id && result.object == object) {
        reached.result = result;
      }
    }
    return reached;
  }
  return fail(
      ErrorKind::kNotFound,
      fmt::format("{} does not apply to {} (or no such requirement or object)", node_id, object),
      fmt::format("{} 不適用於 {}（或無此要求、對象）", node_id, object));
}

}  // namespace

Result<ResultView> view_result(Session& session, const Principal& who, const std::string& node_id,
                               const std::string& object) {
  if (Status allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto line = reachable_line(session, who, node_id, object);
  if (!line) {
    return std::unexpected(line.error());
  }
  auto history = result_history(session, node_id, object);
  if (!history) {
    return std::unexpected(history.error());
  }
  auto comments = session.workspace().comments(node_id, object);
  if (!comments) {
    return std::unexpected(comments.error());
  }
  return ResultView{.node = line->line.node,
                    .object = line->line.object,
                    .owner = line->line.owner,
                    .status = std::string(assess::to_string(line->line.status)),
                    .due = line->line.due,
                    .result = std::move(line->result),
                    .history = std::move(*history),
                    .comments = std::move(*comments),
                    .may_edit = permits(who.role, Permission::kEditAssessment),
                    .may_assign = may_assign(who)};
}

Result<assess::Result> change_result_as(Session& session, const Principal& who,
                                        const ResultChange& change) {
  if (Status allowed = require(who, Permission::kEditAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto line = reachable_line(session, who, change.node_id, change.object);
  if (!line) {
    return std::unexpected(line.error());
  }
  if (change.owner && *change.owner != line->line.owner && !may_assign(who)) {
    return fail(ErrorKind::kDenied,
                fmt::format("{} may not reassign {} {}: an officer assigns owners", who.name,
                            change.node_id, change.object),
                fmt::format("{} 不得改派 {} {}：負責人由資安人員指派", who.name, change.node_id,
                            change.object));
  }
  return change_result(session, change);
}

Result<assess::Comment> comment_as(Session& session, const Principal& who,
                                   const std::string& node_id, const std::string& object,
                                   const std::string& body) {
  if (Status allowed = require(who, Permission::kEditAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto line = reachable_line(session, who, node_id, object);
  if (!line) {
    return std::unexpected(line.error());
  }
  return session.workspace().add_comment({.id = 0,
                                          .node_id = node_id,
                                          .object = object,
                                          .body = body,
                                          .author = who.name,
                                          .written_at = {}});
}

}  // namespace etguard::app
