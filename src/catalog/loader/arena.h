// Owns the strings and arrays a loaded catalog's views point into. Addresses
// stay valid for the arena's lifetime (deques never move their elements).
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "catalog/model.h"

namespace etguard::catalog {

class Arena {
 public:
  std::string_view keep(std::string text) { return strings_.emplace_back(std::move(text)); }

  template <typename T>
  std::span<const T> keep(std::vector<T> items) {
    return std::get<std::deque<std::vector<T>>>(lists_).emplace_back(std::move(items));
  }

 private:
  std::deque<std::string> strings_;
  std::tuple<std::deque<std::vector<std::string_view>>, std::deque<std::vector<Text>>,
             std::deque<std::vector<Obligation>>, std::deque<std::vector<Recurrence>>,
             std::deque<std::vector<Node>>, std::deque<std::vector<Article>>,
             std::deque<std::vector<Chapter>>, std::deque<std::vector<Instrument>>,
             std::deque<std::vector<Subject>>, std::deque<std::vector<Fact>>,
             std::deque<std::vector<Term>>>
      lists_;
};

}  // namespace etguard::catalog
