// Provenance: proves that the structured catalog reproduces the source text
// of the guideline.
//
// The source is the text extracted from the official PDF (see
// catalog/etg/<version>/source/). parse_source undoes the PDF artifacts — page
// footers, line breaks inside sentences, stray indentation — and splits it
// into chapters and articles. verify_against_source then checks that every
// article's Chinese text equals its source body once whitespace is ignored,
// and that the article's nodes tile that body in order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/result.h"

namespace etguard::catalog {

struct SourceArticle {
  int number = 0;
  int chapter = 0;
  std::string title;  // as printed, parentheses included: "（目的）"
  std::string body;   // the article's lines, joined with '\n'
  int line = 0;       // 1-based line of the article heading in the source
};

struct SourceDocument {
  std::vector<std::pair<int, std::string>> chapters;  // number, title
  std::vector<SourceArticle> articles;
};

// Fails with the line number when the text does not have the guideline's
// structure (an article before any chapter, a malformed numeral, ...).
Result<SourceDocument> parse_source(std::string_view text);

struct ProvenanceProblem {
  std::string where;    // "ET-8.3.5", "Article 8" or "source line 412"
  std::string problem;  // English
};

// Every difference between the catalog and the source; empty when they agree.
std::vector<ProvenanceProblem> verify_against_source(const Catalog& catalog,
                                                     const SourceDocument& source);

}  // namespace etguard::catalog
