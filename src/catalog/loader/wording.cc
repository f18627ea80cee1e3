#include "catalog/loader/wording.h"

#include <algorithm>
#include <array>

namespace etguard::catalog {
namespace {

struct Marker {
  std::string_view word;
  Obligation obligation;
  std::array<std::string_view, 10> not_in;  // longer words that contain `word`
};

constexpr std::array kMarkers = {
    Marker{"應",
           Obligation::kShall,
           {"應用", "相應", "因應", "應變", "適應", "對應", "供應", "回應", "反應", "應注意事項"}},
    Marker{"須", Obligation::kShall, {}},
    Marker{"不得", Obligation::kShall, {}},
    Marker{"宜", Obligation::kShould, {"適宜", "合宜"}},
    // 得知 is "know"; 始得 ("only then may") states the condition of a duty.
    Marker{"得",
           Obligation::kMay,
           {"取得", "獲得", "不得", "得以", "使得", "值得", "所得", "得知", "始得"}},
    Marker{"可依", Obligation::kMay, {}},
    Marker{"可包含", Obligation::kMay, {}},
    Marker{"可採取", Obligation::kMay, {}},
    Marker{"可參考", Obligation::kMay, {}},
};

// True when the occurrence of marker.word at `at` is part of an excluded word.
bool inside_excluded(std::string_view text, std::size_t at, const Marker& marker) {
  for (std::string_view longer : marker.not_in) {
    if (longer.empty()) {
      continue;
    }
    for (std::size_t offset = longer.find(marker.word); offset != std::string_view::npos;
         offset = longer.find(marker.word, offset + 1)) {
      if (at >= offset && text.substr(at - offset, longer.size()) == longer) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::vector<Obligation> obligation_words(std::string_view text_zh) {
  std::vector<Obligation> found;
  for (const Marker& marker : kMarkers) {
    for (std::size_t at = text_zh.find(marker.word); at != std::string_view::npos;
         at = text_zh.find(marker.word, at + 1)) {
      if (!inside_excluded(text_zh, at, marker)) {
        if (std::ranges::find(found, marker.obligation) == found.end()) {
          found.push_back(marker.obligation);
        }
        break;
      }
    }
  }
  std::ranges::sort(found, [](Obligation a, Obligation b) { return strength(a) > strength(b); });
  return found;
}

}  // namespace etguard::catalog
