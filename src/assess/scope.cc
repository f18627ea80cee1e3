#include "assess/scope.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace etguard::assess {
namespace {

// A fact of the profile or of `entry`: set, derived from others (any_of; an
// org fact over register facts holds when any entry's does), or implied by a
// fact that holds. Absent and underivable facts are false.
bool fact_value(const catalog::Catalog& catalog, std::string_view id, const Registers& registers,
                const RegisterEntry* entry) {
  const catalog::Fact* fact = catalog.fact(id);
  if (fact == nullptr) {
    return false;
  }
  if (!fact->any_of.empty()) {
    return std::ranges::any_of(fact->any_of, [&](std::string_view part) {
      const catalog::Fact* of = catalog.fact(part);
      if (of != nullptr && fact->subject == kOrgObject && of->subject != kOrgObject) {
        return std::ranges::any_of(registers.entries, [&](const RegisterEntry& each) {
          return each.subject == of->subject && fact_value(catalog, part, registers, &each);
        });
      }
      return fact_value(catalog, part, registers, entry);
    });
  }
  const std::map<std::string, bool>* set = nullptr;
  std::string key;
  if (fact->subject == kOrgObject) {
    set = &registers.profile.facts;
    key = std::string(id);
  } else if (entry != nullptr && entry->subject == fact->subject) {
    set = &entry->facts;
    key = std::string(id.substr(fact->subject.size() + 1));
  } else {
    return false;
  }
  if (const auto found = set->find(key); found != set->end()) {
    return found->second;
  }
  return std::ranges::any_of(catalog.implied_by(id), [&](const catalog::Fact* by) {
    return fact_value(catalog, by->id, registers, entry);
  });
}

Applicability evaluate(const catalog::Catalog& catalog, const catalog::Node& node,
                       const Registers& registers, const RegisterEntry* entry) {
  Applicability result{entry == nullptr ? std::string(kOrgObject) : entry->key(), true, {}, true};
  auto from_profile = [&](std::string_view id) {
    const catalog::Fact* fact = catalog.fact(id);
    return fact != nullptr && fact->subject == kOrgObject;
  };
  const auto conditions = catalog.effective_conditions(node);
  const auto unless = catalog.effective_unless(node);
  result.facts.reserve(conditions.size() + unless.size());
  for (std::string_view id : conditions) {
    const bool value = fact_value(catalog, id, registers, entry);
    result.facts.push_back({id, value, from_profile(id), false});
    result.applies = result.applies && value;
  }
  for (std::string_view id : unless) {
    const bool value = fact_value(catalog, id, registers, entry);
    result.facts.push_back({id, value, from_profile(id), true});
    result.applies = result.applies && !value;
  }
  result.recurs = std::ranges::all_of(node.recurrence_when, [&](std::string_view id) {
    return fact_value(catalog, id, registers, entry);
  });
  return result;
}

}  // namespace

bool NodeScope::applies() const {
  return std::ranges::any_of(objects, [](const Applicability& a) { return a.applies; });
}

std::vector<const catalog::Instrument*> instruments_for(const catalog::Catalog& catalog,
                                                        const catalog::Node& node, Sector sector) {
  std::vector<const catalog::Instrument*> out;
  for (std::string_view id : node.instruments) {
    const catalog::Instrument* instrument = catalog.instrument(id);
    if (instrument != nullptr &&
        (instrument->sector.empty() || instrument->sector == to_string(sector))) {
      out.push_back(instrument);
    }
  }
  return out;
}

std::string scope_subject(const catalog::Catalog& catalog, const catalog::Node& node) {
  auto conditions = catalog.effective_conditions(node);
  const auto unless = catalog.effective_unless(node);
  conditions.insert(conditions.end(), unless.begin(), unless.end());
  for (std::string_view id : conditions) {
    if (const catalog::Fact* fact = catalog.fact(id);
        fact != nullptr && fact->subject != kOrgObject) {
      return std::string(fact->subject);
    }
  }
  return std::string(kOrgObject);
}

NodeScope scope_node(const catalog::Catalog& catalog, const catalog::Node& node,
                     const Registers& registers) {
  NodeScope scope{&node, scope_subject(catalog, node), {}};
  if (scope.subject == kOrgObject) {
    scope.objects.push_back(evaluate(catalog, node, registers, nullptr));
    return scope;
  }
  for (const RegisterEntry& entry : registers.entries) {
    if (entry.subject == scope.subject) {
      scope.objects.push_back(evaluate(catalog, node, registers, &entry));
    }
  }
  return scope;
}

std::vector<NodeScope> compute_scope(const catalog::Catalog& catalog, const Registers& registers) {
  std::vector<NodeScope> out;
  for (const catalog::Node* node : catalog.all_nodes()) {
    out.push_back(scope_node(catalog, *node, registers));
  }
  return out;
}

std::string fact_text(const FactValue& fact, const Applicability& object) {
  return fmt::format("{}{}={} ({})", fact.negated ? "unless " : "", fact.fact,
                     fact.value ? "true" : "false", object.source(fact));
}

std::string reason(const Applicability& object) {
  if (object.facts.empty()) {
    return "no condition: applies to every firm";
  }
  if (object.applies) {
    std::vector<std::string> parts;
    parts.reserve(object.facts.size());
    for (const auto& fact : object.facts) {
      parts.push_back(fact_text(fact, object));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
  }
  for (const auto& fact : object.facts) {
    if (fact.value == fact.negated) {
      return fact_text(fact, object);
    }
  }
  return {};
}

std::string summary_reason(const NodeScope& scope, Lang lang) {
  if (scope.objects.empty()) {
    return lang == Lang::kZhTw ? fmt::format("清冊 {} 無項目", scope.subject)
                               : fmt::format("no entries in the {} register", scope.subject);
  }
  for (const auto& object : scope.objects) {
    if (object.applies == scope.applies()) {
      return reason(object);
    }
  }
  return {};
}

}  // namespace etguard::assess
