#include "catalog/search.h"

#include <algorithm>

#include "core/text.h"

namespace etguard::catalog {
namespace {

constexpr int kIdWeight = 10;
constexpr int kTextWeight = 3;
constexpr int kHeadingWeight = 4;
constexpr int kDetailWeight = 1;

bool is_ascii(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x80U; });
}

// True when `word` occurs in `field`: as a substring for non-ASCII words, and
// case-insensitively at a word start for ASCII words.
bool occurs(std::string_view field, std::string_view word) {
  if (word.empty()) {
    return false;
  }
  if (!is_ascii(word)) {
    return field.find(word) != std::string_view::npos;
  }
  const std::string haystack = ascii_lower(field);
  const std::string needle = ascii_lower(word);
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    if (at == 0 || !is_ascii_alnum(haystack[at - 1])) {
      return true;
    }
  }
  return false;
}

bool equals_nocase(std::string_view a, std::string_view b) {
  return ascii_lower(a) == ascii_lower(b);
}

// The word itself plus the forms of every glossary term it names.
std::vector<std::string_view> alternatives(const Catalog& catalog, std::string_view word) {
  std::vector<std::string_view> out{word};
  for (const Term& term : catalog.data().terms) {
    auto names = [word](std::span<const std::string_view> forms) {
      return std::ranges::any_of(forms,
                                 [word](std::string_view f) { return equals_nocase(f, word); });
    };
    const bool en_prefix = is_ascii(word) && word.size() >= 5 &&
                           std::ranges::any_of(term.en, [word](std::string_view f) {
                             return find_ascii_nocase(f, word) == 0;
                           });
    const bool zh_prefix =
        !is_ascii(word) &&
        std::ranges::any_of(term.zh, [word](std::string_view f) { return f.starts_with(word); });
    if (names(term.abbr) || names(term.en) || names(term.zh) || en_prefix || zh_prefix) {
      out.insert(out.end(), term.zh.begin(), term.zh.end());
      out.insert(out.end(), term.en.begin(), term.en.end());
      out.insert(out.end(), term.abbr.begin(), term.abbr.end());
    }
  }
  return out;
}

int best_weight(const Node& node, const std::vector<std::string_view>& words) {
  int best = 0;
  for (std::string_view word : words) {
    if (equals_nocase(node.id, word)) {
      return kIdWeight;
    }
    if (occurs(node.text.zh, word) || occurs(node.text.en, word)) {
      best = std::max(best, kTextWeight);
    }
    if (occurs(node.heading.zh, word) || occurs(node.heading.en, word)) {
      best = std::max(best, kHeadingWeight);
    }
    if (best == 0) {
      const bool in_detail = occurs(node.note.zh, word) || occurs(node.note.en, word) ||
                             occurs(node.trigger.zh, word) || occurs(node.trigger.en, word) ||
                             std::ranges::any_of(node.evidence, [word](const Text& item) {
                               return occurs(item.zh, word) || occurs(item.en, word);
                             });
      if (in_detail) {
        best = kDetailWeight;
      }
    }
  }
  return best;
}

}  // namespace

std::vector<SearchHit> search(const Catalog& catalog, std::string_view query, std::size_t limit) {
  std::vector<std::vector<std::string_view>> words;
  for (std::size_t start = 0; start < query.size();) {
    const std::size_t end = std::min(query.find(' ', start), query.size());
    const std::string_view word = trim(query.substr(start, end - start));
    if (!word.empty()) {
      words.push_back(alternatives(catalog, word));
    }
    start = end + 1;
  }
  std::vector<SearchHit> hits;
  if (words.empty()) {
    return hits;
  }
  for (const Node* node : catalog.all_nodes()) {
    int score = 0;
    for (const auto& alternative_words : words) {
      const int weight = best_weight(*node, alternative_words);
      if (weight == 0) {
        score = 0;
        break;
      }
      score += weight;
    }
    if (score > 0) {
      hits.push_back({node, score});
    }
  }
  std::ranges::stable_sort(
      hits, [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (hits.size() > limit) {
    hits.resize(limit);
  }
  return hits;
}

}  // namespace etguard::catalog
