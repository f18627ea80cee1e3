#include "app/registers_view.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/data/embedded.h"
#include "core/text.h"

namespace etguard::app {
namespace {

bool contains_folded(std::string_view text, std::string_view lowered_needle) {
  return lowered_needle.empty() || ascii_lower(text).find(lowered_needle) != std::string::npos;
}

}  // namespace

Result<RegistersView> registers_view(Session& session, const Principal& who,
                                     const RegistersQuery& query) {
  if (Status allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  const auto& subjects = catalog::embedded_catalog().data().subjects;
  if (!query.subject.empty() &&
      std::ranges::none_of(subjects, [&](const auto& s) { return s.id == query.subject; })) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a register", query.subject),
                fmt::format("'{}' 不是清冊", query.subject));
  }
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  RegistersView view{.snapshot = *snapshot,
                     .counts = {},
                     .entries = {},
                     .total = 0,
                     .may_export = permits(who.role, Permission::kExport)};
  for (const auto& subject : subjects) {
    if (subject.id != "org") {
      view.counts.push_back({subject.id, 0});
    }
  }
  const std::string needle = ascii_lower(query.search);
  for (const assess::RegisterEntry& entry : view.snapshot->registers.entries) {
    if (!reaches(who, entry.key(), entry.owner)) {
      continue;
    }
    const auto count = std::ranges::find(view.counts, entry.subject, &RegisterCount::subject);
    if (count != view.counts.end()) {
      ++count->entries;
    }
    if ((!query.subject.empty() && entry.subject != query.subject) ||
        !(contains_folded(entry.id, needle) || contains_folded(entry.name, needle) ||
          contains_folded(entry.owner, needle))) {
      continue;
    }
    if (view.total >= query.offset && view.entries.size() < query.limit) {
      view.entries.push_back(&entry);
    }
    ++view.total;
  }
  return view;
}

}  // namespace etguard::app
