#include "app/assessment_grid.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
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

// One line the viewer reaches, in a few bytes: what every filter but a whole
// object name tests, so a filter walks 100,000 lines without touching them.
struct GridRow {
  std::uint32_t line = 0;   // in the snapshot's lines
  std::uint32_t owner = 0;  // in GridFacets::owners
  std::uint16_t kind = 0;   // in GridFacets::kinds
  std::uint8_t chapter = 0;
  assess::ResultStatus status = assess::ResultStatus::kNotAssessed;
  assess::Due state = assess::Due::kUnassessed;
  std::optional<int> days_left;
};

// What the grid shows a viewer whatever the filter: the lines they reach
// and the filters' choices. Derived once per viewer and snapshot and kept.
struct GridFacets {
  std::vector<GridRow> rows;  // in catalog order
  std::vector<int> chapters;
  std::vector<std::string> owners;  // "-": no owner
  std::vector<std::string> kinds;
};

template <typename T>
std::size_t index_in(const std::vector<T>& sorted, std::string_view value) {
  return static_cast<std::size_t>(std::ranges::lower_bound(sorted, value) - sorted.begin());
}

std::string_view owner_name(const assess::StatusLine& line) {
  return line.owner.empty() ? std::string_view("-") : std::string_view(line.owner);
}

GridFacets facets_of(const Snapshot& snapshot, const Principal& who) {
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  GridFacets facets;
  std::set<int> chapters;
  std::set<std::string, std::less<>> owners;
  std::set<std::string, std::less<>> kinds;
  for (std::size_t i = 0; i < snapshot.lines.size(); ++i) {
    const assess::StatusLine& line = snapshot.lines[i];
    if (!reaches(who, line.object, line.owner)) {
      continue;
    }
    const catalog::Article* article = catalog.article(line.node->article);
    const int chapter = article == nullptr ? 0 : article->chapter;
    chapters.insert(chapter);
    if (!owners.contains(owner_name(line))) {
      owners.emplace(owner_name(line));
    }
    if (const std::string_view kind = kind_of(line.object); !kinds.contains(kind)) {
      kinds.emplace(kind);
    }
    facets.rows.push_back(GridRow{.line = static_cast<std::uint32_t>(i),
                                  .chapter = static_cast<std::uint8_t>(chapter),
                                  .status = line.status,
                                  .state = line.state,
                                  .days_left = line.days_left});
  }
  facets.chapters.assign(chapters.begin(), chapters.end());
  facets.owners.assign(owners.begin(), owners.end());
  facets.kinds.assign(kinds.begin(), kinds.end());
  for (GridRow& row : facets.rows) {
    const assess::StatusLine& line = snapshot.lines[row.line];
    row.owner = static_cast<std::uint32_t>(index_in(facets.owners, owner_name(line)));
    row.kind = static_cast<std::uint16_t>(index_in(facets.kinds, kind_of(line.object)));
  }
  return facets;
}

// A filter's values as the rows hold them; an owner or kind no line has
// matches nothing.
struct RowFilter {
  int chapter = 0;
  std::optional<std::size_t> owner;  // none: any
  std::optional<assess::ResultStatus> status;
  std::optional<std::size_t> kind;
  std::string_view object;  // a whole object name, tested against the line
  bool impossible = false;

  RowFilter(const GridFilter& filter, const GridFacets& facets)
      : chapter(filter.chapter),
        status(filter.status.empty() ? std::nullopt : assess::parse_result_status(filter.status)) {
    const auto find = [&](const std::vector<std::string>& sorted,
                          std::string_view value) -> std::optional<std::size_t> {
      const std::size_t at = index_in(sorted, value);
      if (at == sorted.size() || sorted[at] != value) {
        impossible = true;
      }
      return at;
    };
    if (!filter.owner.empty()) {
      owner = find(facets.owners, filter.owner);
    }
    if (filter.object.find('/') != std::string::npos) {
      object = filter.object;
    } else if (!filter.object.empty()) {
      kind = find(facets.kinds, filter.object);
    }
  }

  bool keeps_every_row(DueWithin due) const {
    return chapter == 0 && !owner && !status && !kind && object.empty() && !impossible &&
           due == DueWithin::kAny;
  }

  bool keeps(const GridRow& row, const Snapshot& snapshot, DueWithin due) const {
    return (chapter == 0 || chapter == row.chapter) && (!owner || *owner == row.owner) &&
           (!status || *status == row.status) && (!kind || *kind == row.kind) &&
           due_matches(due, row.days_left, row.state) &&
           (object.empty() || object == snapshot.lines[row.line].object);
  }
};

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
  grid.reachable = facets->rows.size();
  const RowFilter kept(filter, *facets);
  const auto show = [&](const GridRow& row) {
    const assess::StatusLine& line = snap.lines[row.line];
    grid.lines.push_back(
        GridLine{.node_id = std::string(line.node->id),
                 .chapter = row.chapter,
                 .title = line.node->heading.empty() ? line.node->text : line.node->heading,
                 .object = line.object,
                 .owner = line.owner,
                 .status = std::string(assess::to_string(line.status)),
                 .due = line.due,
                 .days_left = line.days_left,
                 .has_plan = line.plan.has_value()});
  };
  if (kept.keeps_every_row(filter.due)) {  // the grid as first opened: one page's rows read
    grid.matching = facets->rows.size();
    const std::size_t end = std::min(grid.matching, filter.offset + filter.limit);
    for (std::size_t i = filter.offset; i < end; ++i) {
      show(facets->rows[i]);
    }
  } else if (!kept.impossible) {
    for (const GridRow& row : facets->rows) {
      if (kept.keeps(row, snap, filter.due)) {
        if (grid.matching >= filter.offset && grid.lines.size() < filter.limit) {
          show(row);
        }
        ++grid.matching;
      }
    }
  }
  grid.chapters = facets->chapters;
  grid.owners = facets->owners;
  grid.object_kinds = facets->kinds;
  return grid;
}

}  // namespace etguard::app
