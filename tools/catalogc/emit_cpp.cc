#include "tools/catalogc/emit_cpp.h"

#include <fmt/format.h>

namespace etguard::catalog {
namespace {

// A C++ string literal for `text`: UTF-8 kept as is, quotes, backslashes and
// control characters escaped (octal escapes never swallow following digits).
std::string literal(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20U || byte == 0x7FU) {
      out += fmt::format("\\{:03o}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"sv";
}

std::string text(const Text& value) {
  return fmt::format("Text{{{}, {}}}", literal(value.zh), literal(value.en));
}

std::string enum_name(Obligation value) {
  static constexpr std::string_view kNames[] = {"kShall", "kShould", "kMay", "kInformative"};
  return fmt::format("Obligation::{}", kNames[static_cast<int>(value)]);
}

std::string enum_name(Polarity value) {
  return value == Polarity::kProhibition ? "Polarity::kProhibition" : "Polarity::kDuty";
}

std::string enum_name(Level value) {
  static constexpr std::string_view kNames[] = {"kLead", "kItem", "kSubItem", "kPoint"};
  return fmt::format("Level::{}", kNames[static_cast<int>(value)]);
}

std::string enum_name(ArticleKind value) {
  static constexpr std::string_view kNames[] = {"kPurpose", "kDefinition", "kScope", "kControl"};
  return fmt::format("ArticleKind::{}", kNames[static_cast<int>(value)]);
}

std::string enum_name(Recurrence value) {
  static constexpr std::string_view kNames[] = {"kAtLeastYearly",
                                                "kYearly",
                                                "kDaily",
                                                "kPeriodic",
                                                "kContinuous",
                                                "kAdHoc",
                                                "kBeforeAdoption",
                                                "kBeforeGoLive",
                                                "kBeforeFirstRelease",
                                                "kBeforeEachRelease",
                                                "kBeforeEachMajorRelease",
                                                "kWithinOneMonthOfEmergencyRelease",
                                                "kOnEvent"};
  return fmt::format("Recurrence::{}", kNames[static_cast<int>(value)]);
}

// Collects the arrays the tables refer to; each gets a unique name.
class Emitter {
 public:
  std::string strings(std::span<const std::string_view> items) {
    return array("std::string_view", items, [](std::string_view s) { return literal(s); });
  }
  std::string texts(std::span<const Text> items) { return array("Text", items, text); }
  std::string obligations(std::span<const Obligation> items) {
    return array("Obligation", items, [](Obligation o) { return enum_name(o); });
  }
  std::string recurrences(std::span<const Recurrence> items) {
    return array("Recurrence", items, [](Recurrence r) { return enum_name(r); });
  }

  template <typename T, typename Format>
  std::string array(std::string_view type, std::span<const T> items, Format format) {
    if (items.empty()) {
      return "{}";
    }
    // Render the items first: rendering emits the arrays they refer to,
    // which must be defined before this one.
    std::string rows;
    for (const T& item : items) {
      rows += fmt::format("    {},\n", format(item));
    }
    const std::string name = fmt::format("a{}", counter_++);
    body_ += fmt::format("constexpr {} {}[] = {{\n{}}};\n", type, name, rows);
    return name;
  }

  std::string node(const Node& n) {
    return fmt::format(
        "Node{{.id = {}, .parent = {}, .article = {}, .level = {}, .ordinal = {}, .heading = {}, "
        ".text = {}, .obligation = {}, .polarity = {}, .also = {}, .note = {}, .conditions = {}, "
        ".unless = {}, "
        ".recurrence = {}, .recurrence_when = {}, .trigger = {}, .retention_years = {}, .see = {}, "
        ".instruments = {}, "
        ".evidence = {}, .source_line = {}}}",
        literal(n.id), literal(n.parent), n.article, enum_name(n.level), n.ordinal, text(n.heading),
        text(n.text), enum_name(n.obligation), enum_name(n.polarity), obligations(n.also),
        text(n.note), strings(n.conditions), strings(n.unless), recurrences(n.recurrence),
        strings(n.recurrence_when), text(n.trigger), n.retention_years, strings(n.see),
        strings(n.instruments), texts(n.evidence), n.source_line);
  }

  std::string article(const Article& a) {
    const std::string nodes = array("Node", a.nodes, [this](const Node& n) { return node(n); });
    return fmt::format(
        "Article{{.number = {}, .chapter = {}, .kind = {}, .title = {}, .conditions = {}, "
        ".nodes = {}}}",
        a.number, a.chapter, enum_name(a.kind), text(a.title), strings(a.conditions), nodes);
  }

  std::string take_body() { return std::move(body_); }

 private:
  std::string body_;
  int counter_ = 0;
};

}  // namespace

std::string emit_cpp(const CatalogData& data, const std::string& origin) {
  Emitter emit;
  const std::string chapters = emit.array("Chapter", data.chapters, [](const Chapter& c) {
    return fmt::format("Chapter{{{}, {}}}", c.number, text(c.title));
  });
  const std::string articles =
      emit.array("Article", data.articles, [&emit](const Article& a) { return emit.article(a); });
  const std::string instruments =
      emit.array("Instrument", data.instruments, [](const Instrument& i) {
        return fmt::format("Instrument{{{}, {}, {}}}", literal(i.id), text(i.title),
                           literal(i.sector));
      });
  const std::string subjects = emit.array("Subject", data.subjects, [](const Subject& s) {
    return fmt::format("Subject{{{}, {}}}", literal(s.id), text(s.title));
  });
  const std::string facts = emit.array("Fact", data.facts, [&emit](const Fact& f) {
    return fmt::format("Fact{{{}, {}, {}, {}, {}, {}}}", literal(f.id), literal(f.subject),
                       text(f.text), emit.strings(f.any_of), emit.strings(f.implies),
                       emit.strings(f.source));
  });
  const std::string terms = emit.array("Term", data.terms, [&emit](const Term& t) {
    return fmt::format("Term{{{}, {}, {}, {}, {}, {}}}", literal(t.id), emit.strings(t.zh),
                       emit.strings(t.en), emit.strings(t.abbr), literal(t.defined_by),
                       emit.strings(t.used_in));
  });
  std::string out = fmt::format(
      "// Generated by etguard-catalogc from {}. Do not edit: change the YAML.\n"
      "#include \"catalog/data/embedded.h\"\n\n"
      "namespace etguard::catalog {{\n"
      "namespace {{\n"
      "using namespace std::string_view_literals;\n\n",
      origin);
  out += emit.take_body();
  out += fmt::format(
      "\nconstexpr CatalogData kData{{.id = {}, .version = {}, .title = {}, .short_title_en = {}, "
      ".revision = {}, .chapters = {}, .articles = {}, .instruments = {}, .subjects = {}, "
      ".facts = {}, .terms = {}, .source_text = {}}};\n\n"
      "}}  // namespace\n\n"
      "const CatalogData& embedded_catalog_data() {{ return kData; }}\n\n"
      "}}  // namespace etguard::catalog\n",
      literal(data.id), literal(data.version), text(data.title), literal(data.short_title_en),
      text(data.revision), chapters, articles, instruments, subjects, facts, terms,
      literal(data.source_text));
  return out;
}

}  // namespace etguard::catalog
