#include "catalog/loader/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <ranges>
#include <set>

#include "catalog/catalog.h"
#include "catalog/loader/wording.h"
#include "core/text.h"

namespace etguard::catalog {
namespace {

class Validator {
 public:
  Validator(const LoadedCatalog& catalog, std::vector<Problem>& problems)
      : catalog_(catalog), data_(catalog.data()), view_(data_), problems_(problems) {
    for (const Article& article : data_.articles) {
      ids_.insert(fmt::format("ET-{}", article.number));
      for (const Node& node : article.nodes) {
        ids_.insert(std::string(node.id));
      }
    }
    for (const Fact& fact : data_.facts) {
      facts_.insert(fact.id);
    }
  }

  void run() {
    check_numbering();
    check_facts();
    check_terms();
    for (const Article& article : data_.articles) {
      check_conditions(fmt::format("article:{}", article.number), article.conditions, "conditions");
      for (const Node& node : article.nodes) {
        check_node(node);
      }
    }
    check_unused();
  }

 private:
  void report(std::string_view id, std::string code, std::string message) {
    const auto found = catalog_.locations().find(id);
    Location where =
        found != catalog_.locations().end() ? found->second : Location{"catalog", 0, 0};
    problems_.push_back({std::move(where), std::move(code), std::move(message)});
  }

  void check_numbering() {
    int expected_article = 1;
    int previous_chapter = 0;
    for (const Article& article : data_.articles) {
      const std::string id = fmt::format("article:{}", article.number);
      if (article.number != expected_article) {
        report(id, "order",
               fmt::format("article {} found where article {} was expected", article.number,
                           expected_article));
      }
      expected_article = article.number + 1;
      if (std::ranges::find(data_.chapters, article.chapter, &Chapter::number) ==
          data_.chapters.end()) {
        report(id, "dangling-reference",
               fmt::format("article {} names chapter {}, which does not exist", article.number,
                           article.chapter));
      }
      if (article.chapter < previous_chapter) {
        report(id, "order",
               fmt::format("article {} (chapter {}) follows a later chapter", article.number,
                           article.chapter));
      }
      previous_chapter = article.chapter;
    }
    for (std::size_t i = 0; i < data_.chapters.size(); ++i) {
      if (data_.chapters[i].number != static_cast<int>(i) + 1) {
        report("catalog", "order",
               fmt::format("chapter {} is listed in position {}", data_.chapters[i].number, i + 1));
      }
    }
  }

  // True when following `implies` from `fact` leads back to it.
  bool implies_itself(const Fact& fact) const {
    std::vector<std::string_view> pending(fact.implies.begin(), fact.implies.end());
    std::set<std::string_view> seen;
    while (!pending.empty()) {
      const std::string_view id = pending.back();
      pending.pop_back();
      if (id == fact.id) {
        return true;
      }
      if (const Fact* next = view_.fact(id); next != nullptr && seen.insert(id).second) {
        pending.insert(pending.end(), next->implies.begin(), next->implies.end());
      }
    }
    return false;
  }

  void check_facts() {
    for (const Fact& fact : data_.facts) {
      if (fact.id.find('.') == std::string_view::npos ||
          std::ranges::find(data_.subjects, fact.subject, &Subject::id) == data_.subjects.end()) {
        report(fact.id, "bad-id",
               fmt::format("fact '{}' must be <subject>.<attribute> with a subject from facts.yaml",
                           fact.id));
      }
      for (std::string_view other : fact.any_of) {
        const Fact* part = view_.fact(other);
        if (part == nullptr) {
          report(fact.id, "dangling-reference",
                 fmt::format("fact {} derives from unknown fact {}", fact.id, other));
        } else if (part->subject != fact.subject && fact.subject != "org") {
          report(
              fact.id, "bad-value",
              fmt::format("fact {} derives from {}, a fact of another register", fact.id, other));
        }
      }
      if (implies_itself(fact)) {
        report(fact.id, "bad-value",
               fmt::format("fact {} implies itself through its implications", fact.id));
      }
      for (std::string_view implied : fact.implies) {
        const Fact* target = view_.fact(implied);
        if (target == nullptr) {
          report(fact.id, "dangling-reference",
                 fmt::format("fact {} implies unknown fact {}", fact.id, implied));
        } else if (target->subject != fact.subject || !target->any_of.empty() ||
                   !fact.any_of.empty()) {
          report(fact.id, "bad-value",
                 fmt::format("fact {} implies {}: both must be set facts of one subject", fact.id,
                             implied));
        }
      }
      for (std::string_view node : fact.source) {
        if (!ids_.contains(std::string(node))) {
          report(fact.id, "dangling-reference",
                 fmt::format("fact {} cites unknown clause {}", fact.id, node));
        }
      }
    }
  }

  void check_terms() {
    for (const Term& term : data_.terms) {
      const std::string key = "term:" + std::string(term.id);
      if (!term.defined_by.empty() && !ids_.contains(std::string(term.defined_by))) {
        report(key, "dangling-reference",
               fmt::format("term {} is defined_by unknown clause {}", term.id, term.defined_by));
      }
      if (term.used_in.empty()) {
        report(key, "unused",
               fmt::format("term {}: no clause uses any of its Chinese forms", term.id));
      }
      // A defined term must be translated consistently wherever it is used.
      for (std::string_view id : term.used_in) {
        const Node* node = find_node(id);
        if (node == nullptr) {
          continue;  // used_in only lists existing nodes
        }
        const bool translated = std::ranges::any_of(term.en, [node](std::string_view form) {
          return find_ascii_nocase(node->text.en, form) != std::string_view::npos;
        });
        if (!translated) {
          report(id, "term-translation",
                 fmt::format("{}: text_zh uses the term '{}' but text_en has none of: {}", id,
                             term.zh.front(), fmt::join(term.en, ", ")));
        }
      }
    }
  }

  const Node* find_node(std::string_view id) const { return view_.node(id); }

  void check_conditions(std::string_view id, std::span<const std::string_view> facts,
                        std::string_view key) {
    for (std::string_view fact : facts) {
      used_facts_.insert(fact);
      if (!facts_.contains(fact)) {
        report(id, "dangling-reference",
               fmt::format("{}: {} names unknown fact '{}' (facts.yaml)", id, key, fact));
      }
    }
  }

  void check_node(const Node& node) {
    check_conditions(node.id, node.conditions, "conditions");
    check_conditions(node.id, node.unless, "unless");
    check_conditions(node.id, node.recurrence_when, "recurrence_when");
    if (!node.recurrence_when.empty() && node.recurrence.empty()) {
      report(node.id, "bad-value",
             fmt::format("{}: recurrence_when without a recurrence", node.id));
    }
    for (std::string_view target : node.see) {
      if (!ids_.contains(std::string(target))) {
        report(node.id, "dangling-reference",
               fmt::format("{}: 'see' names unknown clause {}", node.id, target));
      }
    }
    for (std::string_view instrument : node.instruments) {
      used_instruments_.insert(instrument);
      if (std::ranges::find(data_.instruments, instrument, &Instrument::id) ==
          data_.instruments.end()) {
        report(node.id, "dangling-reference",
               fmt::format("{}: unknown instrument '{}' (catalog.yaml)", node.id, instrument));
      }
    }
    const bool on_event =
        std::ranges::find(node.recurrence, Recurrence::kOnEvent) != node.recurrence.end();
    if (on_event == node.trigger.empty()) {
      report(node.id, "bad-value",
             fmt::format("{}: recurrence on_event and trigger_zh/trigger_en go together", node.id));
    }
    const bool informative = node.obligation == Obligation::kInformative;
    if (informative == !node.evidence.empty()) {
      report(node.id, "missing-evidence",
             fmt::format("{}: a {} node {} evidence", node.id, to_string(node.obligation),
                         informative ? "takes no" : "needs at least one item of"));
    }
    for (Obligation weaker : node.also) {
      if (strength(weaker) >= strength(node.obligation) || weaker == Obligation::kInformative) {
        report(node.id, "bad-value",
               fmt::format("{}: 'also' lists {}, which is not weaker than {}", node.id,
                           to_string(weaker), to_string(node.obligation)));
      }
    }
    check_wording(node);
    check_polarity(node);
    check_single_subject(node);
  }

  // 不得 and 應避免 forbid: such a node must say it is a prohibition (other
  // prohibitions, such as a leading 避免, are declared by judgement).
  void check_polarity(const Node& node) {
    const bool forbids = node.text.zh.find("不得") != std::string_view::npos ||
                         node.text.zh.find("應避免") != std::string_view::npos;
    if (forbids && node.polarity != Polarity::kProhibition) {
      report(node.id, "polarity-wording",
             fmt::format("{}: the text forbids (不得/應避免) but polarity is not prohibition",
                         node.id));
    }
  }

  // Scoping evaluates a node per entry of one register, so a node's effective
  // conditions may name facts of the profile and of at most one register.
  void check_single_subject(const Node& node) {
    auto facts = view_.effective_conditions(node);
    const auto unless = view_.effective_unless(node);
    facts.insert(facts.end(), unless.begin(), unless.end());
    std::set<std::string_view> subjects;
    for (std::string_view id : facts) {
      if (const Fact* fact = view_.fact(id); fact != nullptr && fact->subject != "org") {
        subjects.insert(fact->subject);
      }
    }
    if (subjects.size() > 1) {
      report(
          node.id, "mixed-subjects",
          fmt::format("{}: its conditions name facts of several registers ({}); scoping needs one",
                      node.id, fmt::join(subjects, ", ")));
    }
  }

  // The declared obligation must be the strongest obligation word of the
  // node's own text, and 'also' the weaker ones. A node without any such word
  // inherits its parent's obligation, unless it is only a heading (its text
  // is its heading), which is informative. Anything else needs a note.
  void check_wording(const Node& node) {
    if (!node.note.empty()) {
      return;  // the interpretation is recorded for review
    }
    const std::vector<Obligation> words = obligation_words(node.text.zh);
    Obligation expected = Obligation::kInformative;
    const bool heading_only = !node.heading.empty() && node.heading.zh == node.text.zh;
    if (!words.empty()) {
      expected = words.front();
    } else if (heading_only) {
      expected = Obligation::kInformative;
    } else if (const Node* parent = find_node(node.parent)) {
      expected = parent->obligation;
    }
    if (node.obligation != expected) {
      report(
          node.id, "obligation-wording",
          fmt::format(
              "{}: the text reads as {} but obligation is {}; fix it or explain in note_zh/note_en",
              node.id, to_string(expected), to_string(node.obligation)));
      return;
    }
    std::vector<Obligation> weaker(words.begin() + (words.empty() ? 0 : 1), words.end());
    std::vector<Obligation> declared(node.also.begin(), node.also.end());
    std::ranges::sort(weaker);
    std::ranges::sort(declared);
    if (weaker != declared) {
      report(
          node.id, "obligation-wording",
          fmt::format(
              "{}: the text also contains [{}] but 'also' lists [{}]", node.id,
              fmt::join(weaker | std::views::transform([](Obligation o) { return to_string(o); }),
                        ", "),
              fmt::join(declared | std::views::transform([](Obligation o) { return to_string(o); }),
                        ", ")));
    }
  }

  void check_unused() {
    for (const Fact& fact : data_.facts) {
      for (std::string_view other : fact.any_of) {
        used_facts_.insert(other);
      }
      for (std::string_view implied : fact.implies) {
        used_facts_.insert(fact.id);  // it decides through what it implies
        used_facts_.insert(implied);
      }
    }
    for (const Fact& fact : data_.facts) {
      if (!used_facts_.contains(fact.id)) {
        report(fact.id, "unused", fmt::format("fact {} is not used by any condition", fact.id));
      }
    }
    for (const Instrument& instrument : data_.instruments) {
      if (!used_instruments_.contains(instrument.id)) {
        report(instrument.id, "unused",
               fmt::format("instrument {} is not cited by any node", instrument.id));
      }
    }
  }

  const LoadedCatalog& catalog_;
  const CatalogData& data_;
  const Catalog view_;  // queries (inherited conditions) over the loaded data
  std::vector<Problem>& problems_;
  std::set<std::string, std::less<>> ids_;
  std::set<std::string_view> facts_;
  std::set<std::string_view> used_facts_;
  std::set<std::string_view> used_instruments_;
};

}  // namespace

void validate_catalog(const LoadedCatalog& catalog, std::vector<Problem>& problems) {
  Validator(catalog, problems).run();
}

}  // namespace etguard::catalog
