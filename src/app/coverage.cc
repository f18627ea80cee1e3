#include "app/coverage.h"

#include <algorithm>
#include <map>
#include <span>

#include "checks/registry.h"

namespace etguard::app {
namespace {

bool cited(std::string_view node_id) {
  return !checks_proving(node_id).empty();
}

// Some node strictly below `node` is cited.
bool cited_below(const catalog::Catalog& catalog, const catalog::Node& node) {
  return std::ranges::any_of(catalog.children(node.id), [&](const catalog::Node* child) {
    return cited(child->id) || cited_below(catalog, *child);
  });
}

// The checks whose `nodes` (proved, or partly supported) name `node_id`.
std::vector<const check::CheckInfo*> checks_citing(
    std::string_view node_id, std::span<const std::string_view> check::CheckInfo::* nodes) {
  std::vector<const check::CheckInfo*> found;
  for (const check::CheckInfo* info : checks::all_checks()) {
    if (std::ranges::find(info->*nodes, node_id) != (info->*nodes).end()) {
      found.push_back(info);
    }
  }
  return found;
}

}  // namespace

std::vector<const check::CheckInfo*> checks_proving(std::string_view node_id) {
  return checks_citing(node_id, &check::CheckInfo::node_ids);
}

std::vector<const check::CheckInfo*> checks_supporting(std::string_view node_id) {
  return checks_citing(node_id, &check::CheckInfo::partial_node_ids);
}

std::string_view to_string(Automation automation) {
  switch (automation) {
    case Automation::kAutomated:
      return "automated";
    case Automation::kPartly:
      return "partly_automated";
    case Automation::kManual:
      return "manual";
  }
  return "manual";
}

Automation automation_of(const catalog::Catalog& catalog, const catalog::Node& node) {
  if (cited(node.id)) {
    return Automation::kAutomated;
  }
  const auto children = catalog.children(node.id);
  const auto requirements = std::ranges::count_if(children, [](const catalog::Node* child) {
    return child->obligation != catalog::Obligation::kInformative;
  });
  if (requirements > 0 && std::ranges::all_of(children, [&](const catalog::Node* child) {
        return child->obligation == catalog::Obligation::kInformative ||
               automation_of(catalog, *child) == Automation::kAutomated;
      })) {
    return Automation::kAutomated;
  }
  const auto ancestors = catalog.ancestors(node);
  const bool above =
      std::ranges::any_of(ancestors, [](const catalog::Node* up) { return cited(up->id); });
  return above || cited_below(catalog, node) || !checks_supporting(node.id).empty()
             ? Automation::kPartly
             : Automation::kManual;
}

std::vector<ChapterCoverage> coverage(const catalog::Catalog& catalog) {
  std::map<int, ChapterCoverage> chapters;
  for (const catalog::Node* node : catalog.all_nodes()) {
    if (node->obligation == catalog::Obligation::kInformative) {
      continue;
    }
    const int chapter = catalog.article(node->article)->chapter;
    ChapterCoverage& row = chapters[chapter];
    row.chapter = chapter;
    switch (automation_of(catalog, *node)) {
      case Automation::kAutomated:
        ++row.automated;
        row.automated_ids.push_back(node->id);
        break;
      case Automation::kPartly:
        ++row.partly;
        row.partly_ids.push_back(node->id);
        break;
      case Automation::kManual:
        ++row.manual;
        row.manual_ids.push_back(node->id);
        break;
    }
  }
  std::vector<ChapterCoverage> out;
  out.reserve(chapters.size());
  for (auto& [number, row] : chapters) {
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace etguard::app
