#include "app/scope_view.h"

#include <fmt/format.h>

#include <algorithm>

#include "assess/scope.h"
#include "catalog/data/embedded.h"

namespace etguard::app {
namespace {

Status check(const ScopeQuery& query) {
  if (query.applies != "" && query.applies != "yes" && query.applies != "no") {
    return fail(ErrorKind::kUsage, fmt::format("applies '{}' is neither yes nor no", query.applies),
                fmt::format("applies '{}' 不是 yes 或 no", query.applies));
  }
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  if (query.chapter != 0 && catalog.chapter(query.chapter) == nullptr) {
    return fail(ErrorKind::kUsage, fmt::format("the guideline has no chapter {}", query.chapter),
                fmt::format("指引沒有第 {} 章", query.chapter));
  }
  if (!query.node.empty() && catalog.node(query.node) == nullptr) {
    Error unknown = catalog.unknown_id(query.node);
    unknown.kind = ErrorKind::kNotFound;
    return std::unexpected(unknown);
  }
  return {};
}

// The entries of `scope` that `who` reaches (an owner: their own).
std::vector<const assess::Applicability*> reachable(const assess::NodeScope& scope,
                                                    const Principal& who) {
  std::vector<const assess::Applicability*> shown;
  for (const assess::Applicability& object : scope.objects) {
    if (object.object == "org" || reaches(who, object.object, {})) {
      shown.push_back(&object);
    }
  }
  return shown;
}

std::optional<ScopeLine> line_of(const assess::NodeScope& scope, const Principal& who, Lang lang) {
  if (who.role != Role::kOwner) {
    const auto applying = std::ranges::count_if(scope.objects, &assess::Applicability::applies);
    return ScopeLine{.scope = &scope,
                     .applies = scope.applies(),
                     .objects = scope.subject == "org" ? 0 : static_cast<int>(scope.objects.size()),
                     .objects_applying = scope.subject == "org" ? 0 : static_cast<int>(applying),
                     .reason = assess::summary_reason(scope, lang)};
  }
  // An owner: the firm-wide requirements, and the others only through their
  // own entries, whose facts alone explain them (no one else's entry named).
  const auto shown = reachable(scope, who);
  if (scope.subject != "org" && shown.empty()) {
    return std::nullopt;
  }
  const auto applying = std::ranges::count_if(
      shown, [](const assess::Applicability* object) { return object->applies; });
  const bool applies = applying > 0;
  const auto deciding = std::ranges::find_if(
      shown, [&](const assess::Applicability* object) { return object->applies == applies; });
  return ScopeLine{.scope = &scope,
                   .applies = applies,
                   .objects = scope.subject == "org" ? 0 : static_cast<int>(shown.size()),
                   .objects_applying = scope.subject == "org" ? 0 : static_cast<int>(applying),
                   .reason = deciding == shown.end() ? std::string() : assess::reason(**deciding)};
}

}  // namespace

Result<ScopeView> scope_view(Session& session, const Principal& who, const ScopeQuery& query) {
  if (Status allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  if (Status valid = check(query); !valid) {
    return std::unexpected(valid.error());
  }
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  ScopeView view{.snapshot = *snapshot,
                 .lines = {},
                 .explained = std::nullopt,
                 .may_download = permits(who.role, Permission::kExport)};
  for (const assess::NodeScope& scope : view.snapshot->scope) {
    const catalog::Node& node = *scope.node;
    if (node.obligation == catalog::Obligation::kInformative) {
      continue;
    }
    if (query.chapter == 0 || catalog.article(node.article)->chapter == query.chapter) {
      auto line = line_of(scope, who, query.lang);
      if (line && (query.applies.empty() || line->applies == (query.applies == "yes"))) {
        view.lines.push_back(std::move(*line));
      }
    }
    if (node.id == query.node) {
      const auto shown = reachable(scope, who);
      const std::size_t from = std::min(query.offset, shown.size());
      const std::size_t to = std::min(shown.size(), from + query.limit);
      view.explained = ScopeExplained{.scope = &scope,
                                      .conditions = catalog.effective_conditions(node),
                                      .unless = catalog.effective_unless(node),
                                      .instruments = assess::instruments_for(
                                          catalog, node, view.snapshot->registers.profile.sector),
                                      .objects = {shown.begin() + static_cast<std::ptrdiff_t>(from),
                                                  shown.begin() + static_cast<std::ptrdiff_t>(to)},
                                      .total = shown.size()};
    }
  }
  if (!query.node.empty() && !view.explained) {
    return fail(ErrorKind::kNotFound,
                fmt::format("{} is informative: it places no duty and has no scope", query.node),
                fmt::format("{} 屬說明性質：未課予義務，無適用範圍", query.node));
  }
  return view;
}

}  // namespace etguard::app
