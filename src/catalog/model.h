// The guideline as data: chapters, articles, requirement nodes, the fact
// vocabulary, glossary terms and the external instruments it names.
//
// Every type here is a non-owning view (string_view, span). The embedded
// catalog points into static tables generated at build time
// (src/catalog/data); a catalog loaded from YAML (src/catalog/loader) points
// into the loader's arena. The layout is specified in docs/catalog-schema.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/lang.h"

namespace etguard::catalog {

// The obligation word of a requirement: 應 shall, 宜 should, 得 may; definitions,
// purpose, headings and examples are informative.
enum class Obligation : std::uint8_t { kShall, kShould, kMay, kInformative };

// Whether a requirement commands something to be done or forbids something
// (不得, 應避免): prohibitions can be listed on their own.
enum class Polarity : std::uint8_t { kDuty, kProhibition };

enum class ArticleKind : std::uint8_t { kPurpose, kDefinition, kScope, kControl };

// Position of a node in an article: the lead paragraph, an item 一、, a
// sub-item (一), or a point 1、.
enum class Level : std::uint8_t { kLead, kItem, kSubItem, kPoint };

// When a requirement comes due. docs/catalog-schema.md defines each value.
enum class Recurrence : std::uint8_t {
  kAtLeastYearly,
  kYearly,
  kDaily,
  kPeriodic,
  kContinuous,
  kAdHoc,
  kBeforeAdoption,
  kBeforeGoLive,
  kBeforeFirstRelease,
  kBeforeEachRelease,
  kBeforeEachMajorRelease,
  kWithinOneMonthOfEmergencyRelease,
  kOnEvent,
};

struct Node {
  std::string_view id;      // "ET-8.3.5"
  std::string_view parent;  // "ET-8.3"; the article ("ET-8") for items; empty for a lead
  int article = 0;
  Level level = Level::kLead;
  int ordinal = 0;  // 3 for 三、, (三) and 3、; 0 for a lead paragraph
  Text heading;     // a short heading some items carry (Art. 8); may be empty
  Text text;        // text.zh is verbatim from the source
  Obligation obligation = Obligation::kInformative;
  Polarity polarity = Polarity::kDuty;
  std::span<const Obligation> also;              // weaker obligation words the node also contains
  Text note;                                     // interpretation notes; may be empty
  std::span<const std::string_view> conditions;  // facts that must all hold
  std::span<const std::string_view> unless;      // facts that must not hold
  std::span<const Recurrence> recurrence;
  // Facts for which the recurrence (and so a due date) binds an object; empty:
  // every object the node applies to (ET-20.3 binds only customer apps).
  std::span<const std::string_view> recurrence_when;
  Text trigger;                                   // the event, for Recurrence::kOnEvent
  int retention_years = 0;                        // 0: the text sets no retention period
  std::span<const std::string_view> see;          // other nodes or articles named
  std::span<const std::string_view> instruments;  // external instruments named
  std::span<const Text> evidence;                 // what an auditor asks to see
  int source_line = 0;                            // line in the article's YAML file
};

struct Article {
  int number = 0;
  int chapter = 0;
  ArticleKind kind = ArticleKind::kControl;
  Text title;
  std::span<const std::string_view> conditions;  // apply to every node
  std::span<const Node> nodes;                   // document order
};

struct Chapter {
  int number = 0;
  Text title;
};

struct Instrument {
  std::string_view id;
  Text title;
  // The one sector it binds ("securities", "futures",
  // "investment_trust_advisory"); empty when it binds every firm.
  std::string_view sector;
};

// What a fact is about: the organization, or a register of objects.
struct Subject {
  std::string_view id;
  Text title;
};

struct Fact {
  std::string_view id;       // "cloud.material"
  std::string_view subject;  // "cloud"
  Text text;
  // Derived: true when any of these is. An org fact may name register facts:
  // true when they hold for any entry ("the firm uses a cloud service").
  std::span<const std::string_view> any_of;
  // Facts of the same subject that hold whenever this one does (in_scope
  // implies used): derived when absent, a contradiction when set false.
  std::span<const std::string_view> implies;
  std::span<const std::string_view> source;  // nodes that speak of it
};

struct Term {
  std::string_view id;
  std::span<const std::string_view> zh;       // forms that mark a use in Chinese
  std::span<const std::string_view> en;       // accepted English renderings
  std::span<const std::string_view> abbr;     // abbreviations search understands
  std::string_view defined_by;                // node that defines it; may be empty
  std::span<const std::string_view> used_in;  // nodes whose text uses it
};

struct CatalogData {
  std::string_view id;       // "etg"
  std::string_view version;  // "2024-12-27"
  Text title;
  std::string_view short_title_en;
  Text revision;
  std::span<const Chapter> chapters;
  std::span<const Article> articles;
  std::span<const Instrument> instruments;
  std::span<const Subject> subjects;
  std::span<const Fact> facts;
  std::span<const Term> terms;
  std::string_view source_text;  // the raw guideline text, for provenance
};

// Stable names used in files, JSON and the command line.
std::string_view to_string(Obligation obligation);
std::string_view to_string(ArticleKind kind);
std::string_view to_string(Level level);
std::string_view to_string(Recurrence recurrence);
std::string_view to_string(Polarity polarity);
Text describe(Obligation obligation);  // "應 shall" style labels for people
Text describe(Recurrence recurrence);
Text describe(ArticleKind kind);
Text describe(Level level);

std::optional<Obligation> parse_obligation(std::string_view name);
std::optional<ArticleKind> parse_article_kind(std::string_view name);
std::optional<Recurrence> parse_recurrence(std::string_view name);
std::optional<Polarity> parse_polarity(std::string_view name);

// Strength order: shall > should > may > informative.
int strength(Obligation obligation);

inline constexpr Obligation kAllObligations[] = {Obligation::kShall, Obligation::kShould,
                                                 Obligation::kMay, Obligation::kInformative};
inline constexpr ArticleKind kAllArticleKinds[] = {ArticleKind::kPurpose, ArticleKind::kDefinition,
                                                   ArticleKind::kScope, ArticleKind::kControl};
inline constexpr Recurrence kAllRecurrences[] = {Recurrence::kAtLeastYearly,
                                                 Recurrence::kYearly,
                                                 Recurrence::kDaily,
                                                 Recurrence::kPeriodic,
                                                 Recurrence::kContinuous,
                                                 Recurrence::kAdHoc,
                                                 Recurrence::kBeforeAdoption,
                                                 Recurrence::kBeforeGoLive,
                                                 Recurrence::kBeforeFirstRelease,
                                                 Recurrence::kBeforeEachRelease,
                                                 Recurrence::kBeforeEachMajorRelease,
                                                 Recurrence::kWithinOneMonthOfEmergencyRelease,
                                                 Recurrence::kOnEvent};

}  // namespace etguard::catalog
