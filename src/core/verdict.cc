#include "core/verdict.h"

#include <array>
#include <utility>

namespace etguard {
namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 4> kNames{{
    {Verdict::kPass, "pass"},
    {Verdict::kFail, "fail"},
    {Verdict::kNotApplicable, "not_applicable"},
    {Verdict::kError, "error"},
}};

}  // namespace

std::string_view to_string(Verdict verdict) {
  for (const auto& [value, name] : kNames) {
    if (value == verdict) {
      return name;
    }
  }
  return "error";
}

std::optional<Verdict> parse_verdict(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

Text describe(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return {"通過", "pass"};
    case Verdict::kFail:
      return {"未通過", "fail"};
    case Verdict::kNotApplicable:
      return {"不適用", "not applicable"};
    case Verdict::kError:
      break;
  }
  return {"無法評估", "could not assess"};
}

}  // namespace etguard
