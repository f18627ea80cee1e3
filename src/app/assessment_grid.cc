#include "app/assessment_grid.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/snapshot_cache.h"
#include "catalog/data/embedded.h"
#include "core/clock.h"

namespace etguard::app {
namespace {

constexpr std::size_t kMaxLimit = 1000;

bool due_matches(DueWithin due, const std::optional<int>& days_left, assess::Due state) {
  if (due == DueWithin::kAny) {
    return true;
  }
  const bool overdue = state == assess::Due::kOverdue || (days_left && *days_left < 0);
  if (due == DueWithin::kOverdue) {
    return overdue;
  }
  if (overdue) {
    return true;
  }
  const int within = due == DueWithin::kDays1 ? 1 : due == DueWithin::kDays7 ? 7 : 30;
  return days_left && *days_left <= within;
}

std::string_view kind_of(std::string_view object) {
  return object.substr(0, object.find('/'));
}

bool object_matches(std::string_view wanted, std::string_view object) {
  if (wanted.empty() || wanted == object) {
    return true;
  }
  return wanted.find('/') == std::string_view::npos && kind_of(object) == wanted;
}

// What the grid shows a viewer whatever the filter: which lines they reach,
// each line's chapter, and the filters' choices. Derived once per viewer and
// kept snapshot.
struct GridFacets {
  std::vector<std::uint8_t> reached;  // by line: 1 when the viewer reaches it
  std::vector<std::uint8_t> chapter;  // by line
  std::size_t reachable = 0;
  std::vector<int> chapters;
  std::vector<std::string> owners;
  std::vector<std::string> kinds;
};

GridFacets facets_of(const Snapshot& snapshot, const Principal& who) {
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  GridFacets facets;
  facets.reached.reserve(snapshot.lines.size());
  facets.chapter.reserve(snapshot.lines.size());
  std::set<int> chapters;
  std::set<std::string, std::less<>> owners;
  std::set<std::string, std::less<>> kinds;
  for (const assess::StatusLine& line : snapshot.lines) {
    const bool reached = reaches(who, line.object, line.owner);
    facets.reached.push_back(reached ? 1 : 0);
    const catalog::Article* article = reached ? catalog.article(line.node->article) : nullptr;
    facets.chapter.push_back(static_cast<std::uint8_t>(article == nullptr ? 0 : article->chapter));
    if (!reached) {
      continue;
    }
    ++facets.reachable;
    chapters.insert(facets.chapter.back());
    if (const std::string_view owner =
            line.owner.empty() ? std::string_view("-") : std::string_view(line.owner);
        !owners.contains(owner)) {
      owners.emplace(owner);
    }
    if (const std::string_view kind = kind_of(line.object); !kinds.contains(kind)) {
      kinds.emplace(kind);
    }
  }
  facets.chapters.assign(chapters.begin(), chapters.end());
  facets.owners.assign(owners.begin(), owners.end());
  facets.kinds.assign(kinds.begin(), kinds.end());
  return facets;
}

}  // namespace

std::optional<DueWithin> parse_due_within(std::string_view text) {
  if (text.empty() || text == "any") {
    return DueWithin::kAny;
  }
  if (text == "overdue") {
    return DueWithin::kOverdue;
  }
  if (text == "1") {
    return DueWithin::kDays1;
  }
  if (text == "7") {
    return DueWithin::kDays7;
  }
  if (text == "30") {
    return DueWithin::kDays30;
  }
  return std::nullopt;
}

std::string_view to_string(DueWithin due) {
  switch (due) {
    case DueWithin::kAny:
      return "any";
    case DueWithin::kOverdue:
      return "overdue";
    case DueWithin::kDays1:
      return "1";
    case DueWithin::kDays7:
      return "7";
    case DueWithin::kDays30:
      return "30";
  }
  return "any";
}

Result<Grid> assessment_grid(Session& session, const Principal& who, const GridFilter& filter) {
  if (Status allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  if (!filter.status.empty() && !assess::parse_result_status(filter.status)) {
    return fail(ErrorKind::kUsage,
                fmt::format("status '{}' is none of compliant, partially_compliant, "
                            "non_compliant, not_applicable, compensating, not_assessed",
                            filter.status),
                fmt::format("狀態 '{}' 不是 compliant、partially_compliant、non_compliant、"
                            "not_applicable、compensating、not_assessed 之一",
                            filter.status));
  }
  if (filter.limit == 0 || filter.limit > kMaxLimit) {
    return fail(ErrorKind::kUsage,
                fmt::format("limit {} is not between 1 and {}", filter.limit, kMaxLimit),
                fmt::format("筆數上限 {} 不在 1 至 {} 之間", filter.limit, kMaxLimit));
  }
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  const Snapshot& snap = **snapshot;
  SnapshotCache* cache = session.snapshot_cache();
  const std::shared_ptr<const GridFacets> facets =
      cache != nullptr ? cache->derived<GridFacets>(*snapshot, "grid " + viewer_key(who),
                                                    [&] { return facets_of(snap, who); })
                       : std::make_shared<const GridFacets>(facets_of(snap, who));
  Grid grid;
  grid.today = snap.today;
  grid.reachable = facets->reachable;
  for (std::size_t i = 0; i < snap.lines.size(); ++i) {
    if (facets->reached[i] == 0) {
      continue;
    }
    const assess::StatusLine& line = snap.lines[i];
    const int chapter = facets->chapter[i];
    const std::optional<int> days_left = line.days_left;
    const std::string_view status = assess::to_string(line.status);
    const bool kept =
        (filter.chapter == 0 || filter.chapter == chapter) &&
        (filter.owner.empty() || filter.owner == (line.owner.empty() ? "-" : line.owner)) &&
        (filter.status.empty() || filter.status == status) &&
        object_matches(filter.object, line.object) &&
        due_matches(filter.due, days_left, line.state);
    if (!kept) {
      continue;
    }
    if (grid.matching >= filter.offset && grid.lines.size() < filter.limit) {
      grid.lines.push_back(
          GridLine{.node_id = std::string(line.node->id),
                   .chapter = chapter,
                   .title = line.node->heading.empty() ? line.node->text : line.node->heading,
                   .object = line.object,
                   .owner = line.owner,
                   .status = std::string(status),
                   .due = line.due,
                   .days_left = days_left,
                   .has_plan = line.plan.has_value()});
    }
    ++grid.matching;
  }
  grid.chapters = facets->chapters;
  grid.owners = facets->owners;
  grid.object_kinds = facets->kinds;
  return grid;
}

}  // namespace etguard::app
