#include "assess/scope.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <span>
#include <unordered_map>
#include <vector>

namespace etguard::assess {
namespace {

// Every fact's value, resolved once per scope computation: for each entry
// its register's facts, for the firm the profile's. A fact is set, implied by
// a fact that holds (`implies`), or derived (`any_of`; an org fact over
// register facts holds when it holds for any entry); otherwise false.
class FactTables {
 public:
  FactTables(const catalog::Catalog& catalog, const Registers& registers)
      : catalog_(catalog), facts_(catalog.data().facts) {
    entries_.reserve(registers.entries.size());
    for (const RegisterEntry& entry : registers.entries) {
      entries_.emplace(&entry, resolve(entry.subject, entry.facts));
    }
    std::map<std::string, bool> profile_facts;
    for (const auto& [id, value] : registers.profile.facts) {
      profile_facts[id.substr(kOrgObject.size() + 1)] = value;
    }
    org_ = resolve(kOrgObject, profile_facts);  // after the entries: org facts derive from them
  }

  // The value of fact `id` for `entry` (nullptr: the firm); false when unknown.
  bool value(std::string_view id, const RegisterEntry* entry) const {
    const catalog::Fact* fact = catalog_.fact(id);
    if (fact == nullptr) {
      return false;
    }
    if (fact->subject == kOrgObject) {
      return org_[index(*fact)] != 0;
    }
    if (entry == nullptr || entry->subject != fact->subject) {
      return false;
    }
    return entries_.at(entry)[index(*fact)] != 0;
  }

 private:
  std::size_t index(const catalog::Fact& fact) const {
    return static_cast<std::size_t>(&fact - facts_.data());
  }

  // The facts of `subject` from `set` (keys without the subject prefix):
  // set values, then what they imply, then what derives from them.
  std::vector<char> resolve(std::string_view subject,
                            const std::map<std::string, bool>& set) const {
    std::vector<char> values(facts_.size(), 0);
    std::vector<char> given(facts_.size(), 0);
    for (std::size_t i = 0; i < facts_.size(); ++i) {
      const catalog::Fact& fact = facts_[i];
      if (fact.subject != subject || !fact.any_of.empty()) {
        continue;
      }
      const auto found = set.find(std::string(fact.id.substr(subject.size() + 1)));
      if (found != set.end()) {
        values[i] = found->second ? 1 : 0;
        given[i] = 1;
      }
    }
    // Implications, to a fixed point; a fact set false stays false (the
    // registers reader refuses such a contradiction).
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < facts_.size(); ++i) {
        if (values[i] == 0) {
          continue;
        }
        for (std::string_view implied : facts_[i].implies) {
          const catalog::Fact* target = catalog_.fact(implied);
          if (target == nullptr) {
            continue;
          }
          const std::size_t at = index(*target);
          if (values[at] == 0 && given[at] == 0) {
            values[at] = 1;
            changed = true;
          }
        }
      }
    }
    // Derived facts: a part of the same subject holds here; an org fact's
    // register part holds for some entry (entries are resolved first).
    const auto holds = [&](const catalog::Fact& part) {
      const std::size_t at = index(part);
      if (part.subject == subject) {
        return values[at] != 0;
      }
      return subject == kOrgObject && std::ranges::any_of(entries_, [&](const auto& entry) {
               return entry.first->subject == part.subject && entry.second[at] != 0;
             });
    };
    for (std::size_t i = 0; i < facts_.size(); ++i) {
      const catalog::Fact& fact = facts_[i];
      if (fact.subject != subject) {
        continue;
      }
      for (std::string_view part : fact.any_of) {
        if (const catalog::Fact* of = catalog_.fact(part); of != nullptr && holds(*of)) {
          values[i] = 1;
        }
      }
    }
    return values;
  }

  const catalog::Catalog& catalog_;
  std::span<const catalog::Fact> facts_;
  std::unordered_map<const RegisterEntry*, std::vector<char>> entries_;
  std::vector<char> org_;
};

Applicability evaluate(const catalog::Catalog& catalog, const catalog::Node& node,
                       const FactTables& tables, const RegisterEntry* entry) {
  Applicability result{entry == nullptr ? std::string(kOrgObject) : entry->key(), true, {}, true};
  auto from_profile = [&](std::string_view id) {
    const catalog::Fact* fact = catalog.fact(id);
    return fact != nullptr && fact->subject == kOrgObject;
  };
  const auto conditions = catalog.effective_conditions(node);
  const auto unless = catalog.effective_unless(node);
  result.facts.reserve(conditions.size() + unless.size());
  for (std::string_view id : conditions) {
    const bool value = tables.value(id, entry);
    result.facts.push_back({id, value, from_profile(id), false});
    result.applies = result.applies && value;
  }
  for (std::string_view id : unless) {
    const bool value = tables.value(id, entry);
    result.facts.push_back({id, value, from_profile(id), true});
    result.applies = result.applies && !value;
  }
  result.recurs = std::ranges::all_of(node.recurrence_when,
                                      [&](std::string_view id) { return tables.value(id, entry); });
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

namespace {

NodeScope scope_with(const catalog::Catalog& catalog, const catalog::Node& node,
                     const Registers& registers, const FactTables& tables) {
  NodeScope scope{&node, scope_subject(catalog, node), {}};
  if (scope.subject == kOrgObject) {
    scope.objects.push_back(evaluate(catalog, node, tables, nullptr));
    return scope;
  }
  for (const RegisterEntry& entry : registers.entries) {
    if (entry.subject == scope.subject) {
      scope.objects.push_back(evaluate(catalog, node, tables, &entry));
    }
  }
  return scope;
}

}  // namespace

NodeScope scope_node(const catalog::Catalog& catalog, const catalog::Node& node,
                     const Registers& registers) {
  return scope_with(catalog, node, registers, FactTables(catalog, registers));
}

std::vector<NodeScope> compute_scope(const catalog::Catalog& catalog, const Registers& registers) {
  const FactTables tables(catalog, registers);
  std::vector<NodeScope> out;
  for (const catalog::Node* node : catalog.all_nodes()) {
    out.push_back(scope_with(catalog, *node, registers, tables));
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
