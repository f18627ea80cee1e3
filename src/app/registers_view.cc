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
                     .may_export = permits(who.role, Permission::kExport),
                     .may_edit = permits(who.role, Permission::kEditAssessment)};
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

Result<const assess::RegisterEntry*> register_entry(const RegistersView& view,
                                                    std::string_view key) {
  for (const assess::RegisterEntry* entry : view.entries) {
    if (entry->key() == key) {
      return entry;
    }
  }
  return fail(ErrorKind::kNotFound, fmt::format("{}: no such register entry", key),
              fmt::format("{}：無此清冊項目", key));
}

Result<workspace::ImportSummary> set_entry_as(Session& session, const Principal& who,
                                              const EntryEdit& edit) {
  if (Status allowed = require(who, Permission::kEditAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  const auto& entries = (*snapshot)->registers.entries;
  const auto found = std::ranges::find_if(
      entries, [&](const assess::RegisterEntry& entry) { return entry.key() == edit.key; });
  const auto denied = [&](std::string_view en, std::string_view zh) {
    return fail(ErrorKind::kDenied, fmt::format("{}: {}", edit.key, en),
                fmt::format("{}：{}", edit.key, zh));
  };
  if (who.role == Role::kOwner) {
    if (found == entries.end()) {
      return denied("an owner does not add register entries", "負責人不得新增清冊項目");
    }
    if (!reaches(who, found->key(), found->owner)) {
      return denied("not one of your entries", "非您負責之項目");
    }
    if (edit.owner && *edit.owner != found->owner) {
      return denied("an owner does not hand an entry to someone else", "負責人不得移轉項目");
    }
  }
  return set_entry(session, edit);
}

}  // namespace etguard::app
