#include "catalog/provenance.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/numerals.h"
#include "core/text.h"

namespace etguard::catalog {
namespace {

// "第 7 頁，共 21 頁": a page footer of the PDF.
bool is_page_footer(std::string_view line) {
  return line.starts_with("第 ") && line.ends_with(" 頁") && line.find("頁，共") != line.npos;
}

// Matches "第<numeral><unit>" at the start of `line`; returns the number and
// the rest of the line after the unit.
std::optional<std::pair<int, std::string_view>> numbered_heading(std::string_view line,
                                                                 std::string_view unit) {
  constexpr std::string_view kPrefix = "第";
  if (!line.starts_with(kPrefix)) {
    return std::nullopt;
  }
  const std::size_t unit_at = line.find(unit, kPrefix.size());
  if (unit_at == std::string_view::npos) {
    return std::nullopt;
  }
  const auto number = parse_chinese_numeral(line.substr(kPrefix.size(), unit_at - kPrefix.size()));
  if (!number) {
    return std::nullopt;
  }
  return std::pair{*number, trim(line.substr(unit_at + unit.size()))};
}

std::string first_difference(std::string_view expected, std::string_view actual) {
  const auto [at_expected, at_actual] = std::ranges::mismatch(expected, actual);
  const auto offset = static_cast<std::size_t>(at_expected - expected.begin());
  auto context = [offset](std::string_view text) {
    // Back up to a UTF-8 boundary so the excerpt stays valid text.
    std::size_t start = offset > 12 ? offset - 12 : 0;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U) {
      --start;
    }
    return std::string(text.substr(start, 36));
  };
  return fmt::format("at byte {} the source has \"{}\" but the catalog has \"{}\"", offset,
                     context(expected), context(actual));
}

// Whitespace and parentheses (full- and half-width) removed.
std::string without_brackets(std::string_view text) {
  std::string out = strip_whitespace(text);
  for (std::string_view bracket : {"（", "）", "(", ")"}) {
    for (std::size_t at; (at = out.find(bracket)) != std::string::npos;) {
      out.erase(at, bracket.size());
    }
  }
  return out;
}

}  // namespace

Result<SourceDocument> parse_source(std::string_view text) {
  SourceDocument document;
  int line_number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    ++line_number;
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || is_page_footer(line)) {
      continue;
    }
    if (auto chapter = numbered_heading(line, "章")) {
      document.chapters.emplace_back(chapter->first, std::string(chapter->second));
      continue;
    }
    // An article heading is "第N條" followed by its title in parentheses; a
    // citation such as "第七十五條、" inside a body is not.
    if (auto article = numbered_heading(line, "條");
        article && (article->second.starts_with("（") || article->second.starts_with("("))) {
      if (document.chapters.empty()) {
        return fail(
            ErrorKind::kInput,
            fmt::format("source line {}: article {} appears before any chapter", line_number,
                        article->first),
            fmt::format("原文第 {} 行：第 {} 條出現在任何一章之前", line_number, article->first));
      }
      document.articles.push_back(SourceArticle{article->first,
                                                document.chapters.back().first,
                                                std::string(article->second),
                                                {},
                                                line_number});
      continue;
    }
    if (document.articles.empty()) {
      continue;  // the document title before Chapter 1
    }
    std::string& body = document.articles.back().body;
    if (!body.empty()) {
      body += '\n';
    }
    body += line;
  }
  if (document.articles.empty()) {
    return fail(ErrorKind::kInput, "source: no article headings (第N條（…）) found",
                "原文：找不到條文標題（第N條（…））");
  }
  return document;
}

std::vector<ProvenanceProblem> verify_against_source(const Catalog& catalog,
                                                     const SourceDocument& source) {
  std::vector<ProvenanceProblem> problems;
  auto report = [&problems](std::string where, std::string problem) {
    problems.push_back({std::move(where), std::move(problem)});
  };
  if (source.articles.size() != catalog.articles().size()) {
    report("catalog", fmt::format("the source has {} articles, the catalog {}",
                                  source.articles.size(), catalog.articles().size()));
  }
  for (const auto& [number, title] : source.chapters) {
    const Chapter* chapter = catalog.chapter(number);
    if (chapter == nullptr) {
      report(fmt::format("Chapter {}", number), "in the source but not in the catalog");
    } else if (strip_whitespace(chapter->title.zh) != strip_whitespace(title)) {
      report(fmt::format("Chapter {}", number),
             fmt::format("title \"{}\" differs from the source \"{}\"", chapter->title.zh, title));
    }
  }
  for (const SourceArticle& expected : source.articles) {
    const std::string where = fmt::format("Article {}", expected.number);
    const Article* article = catalog.article(expected.number);
    if (article == nullptr) {
      report(where, fmt::format("source line {}: not in the catalog", expected.line));
      continue;
    }
    if (article->chapter != expected.chapter) {
      report(where, fmt::format("in chapter {} in the source, {} in the catalog", expected.chapter,
                                article->chapter));
    }
    // The printed title is the catalog title in parentheses, full- or half-width.
    if (without_brackets(expected.title) != without_brackets(article->title.zh)) {
      report(where, fmt::format("title \"{}\" differs from the source \"{}\"", article->title.zh,
                                expected.title));
    }
    const std::string body = strip_whitespace(expected.body);
    const std::string text = strip_whitespace(article_text(*article, Lang::kZhTw));
    if (body != text) {
      report(where, "text_zh differs from the source: " + first_difference(body, text));
    }
    // The nodes must tile the body: each node's label and text follow on
    // exactly where the previous node ended.
    std::size_t at = 0;
    bool tiled = true;
    for (const Node& node : article->nodes) {
      const std::string piece =
          strip_whitespace(node_label(node, Lang::kZhTw)) + strip_whitespace(node.text.zh);
      if (body.compare(at, piece.size(), piece) != 0) {
        report(std::string(node.id),
               "does not continue the source where the previous node ended: " +
                   first_difference(body.substr(at), piece));
        tiled = false;
        break;
      }
      at += piece.size();
    }
    if (tiled && at < body.size()) {
      report(where,
             fmt::format("the source continues after the last node: \"{}\"", body.substr(at, 60)));
    }
  }
  return problems;
}

}  // namespace etguard::catalog
