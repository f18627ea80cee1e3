#include "checks/cloud/cloud_check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

namespace etguard::cloud_checks {
namespace {

// Split once, for the checks' metadata.
std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    words.push_back(text.substr(0, space));
    text.remove_prefix(space == std::string_view::npos ? text.size() : space + 1);
  }
  return words;
}

nlohmann::ordered_json sources_json(const CloudEvidence& evidence) {
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  if (evidence.sources != nullptr) {
    for (const cloud::PostureSource& source : *evidence.sources) {
      sources.push_back({{"tool", cloud::tool_name(source.tool)},
                         {"file", source.file},
                         {"sha256", source.sha256}});
    }
  }
  return sources;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

}  // namespace

std::span<const std::string_view> topic_clauses(cloud::Topic topic) {
  static const std::array<std::vector<std::string_view>, cloud::kTopics.size()> clauses = [] {
    std::array<std::vector<std::string_view>, cloud::kTopics.size()> out;
    for (const cloud::TopicInfo& info : cloud::kTopics) {
      out.at(static_cast<std::size_t>(info.topic)) = split(info.clauses);
    }
    return out;
  }();
  return clauses.at(static_cast<std::size_t>(topic));
}

std::optional<check::Assessment> judge_topic(const CloudEvidence& evidence, cloud::Topic topic) {
  if (evidence.tally == nullptr || evidence.service == nullptr) {
    return std::nullopt;
  }
  // Every failing and muted tool check is named: one reason per code (a
  // finding keeps one reason per code), its text each check's, in order.
  std::vector<std::string> failing_en;
  std::vector<std::string> failing_zh;
  std::vector<std::string> muted_en;
  std::vector<std::string> muted_zh;
  nlohmann::ordered_json checks = nlohmann::ordered_json::array();
  std::set<std::string_view> clauses;
  std::uint64_t passed = 0;
  std::uint64_t failed = 0;
  std::uint64_t manual = 0;
  for (const auto& [id, counts] : evidence.tally->checks) {
    if (counts.mapping == nullptr || counts.mapping->topic != topic) {
      continue;
    }
    passed += counts.passed;
    failed += counts.failed;
    manual += counts.manual;
    for (const std::string_view clause : split(counts.mapping->clauses)) {
      clauses.insert(clause);
    }
    if (evidence.with_evidence) {
      checks.push_back({{"check", id},
                        {"clauses", counts.mapping->clauses},
                        {"passed", counts.passed},
                        {"failed", counts.failed},
                        {"muted", counts.muted},
                        {"manual", counts.manual},
                        {"failing", counts.failing}});
    }
    if (counts.failed > 0) {
      const std::string listed = counts.failing.empty() ? "" : ": " + joined(counts.failing);
      const std::string more =
          counts.failed > counts.failing.size()
              ? fmt::format(" (first {} of {})", counts.failing.size(), counts.failed)
              : "";
      failing_en.push_back(fmt::format("{} failed on {} resource(s) [{}]{}{}", id, counts.failed,
                                       counts.mapping->clauses, listed, more));
      failing_zh.push_back(fmt::format("{} 於 {} 項資源未通過 [{}]{}{}", id, counts.failed,
                                       counts.mapping->clauses, listed, more));
    }
    if (counts.muted > 0) {
      muted_en.push_back(fmt::format("{}: {} failure(s)", id, counts.muted));
      muted_zh.push_back(fmt::format("{}：{} 項", id, counts.muted));
    }
  }
  std::vector<check::Reason> reasons;
  if (!failing_en.empty()) {
    // A reason stays readable: the first checks, then how many more (all of
    // them are in the evidence and in --format jsonl).
    constexpr std::size_t kNamed = 20;
    const std::size_t named = std::min(failing_en.size(), kNamed);
    const std::size_t more = failing_en.size() - named;
    const auto first = [&](const std::vector<std::string>& all) {
      return std::vector<std::string>(all.begin(),
                                      all.begin() + static_cast<std::ptrdiff_t>(named));
    };
    reasons.push_back(
        {"CLOUD_TOOL_CHECK_FAILED",
         fmt::format("{}{}", fmt::join(first(failing_en), "; "),
                     more > 0 ? fmt::format("; and {} more tool check(s)", more) : ""),
         fmt::format("{}{}", fmt::join(first(failing_zh), "；"),
                     more > 0 ? fmt::format("；另有 {} 項工具檢查", more) : "")});
  }
  if (!muted_en.empty()) {
    reasons.push_back(
        {"CLOUD_TOOL_FAILURE_MUTED",
         fmt::format("{} muted in the tool still count; record an exception in etguard with its "
                     "reason instead",
                     fmt::join(muted_en, ", ")),
         fmt::format("{} 於工具中靜音之未通過仍計入；請改於 etguard 記錄例外及理由",
                     fmt::join(muted_zh, "、")),
         true});
  }
  if (passed + failed + manual == 0) {
    return std::nullopt;
  }
  nlohmann::ordered_json record = nlohmann::ordered_json::object();
  if (evidence.with_evidence) {
    record = {{"service", evidence.service->id},
              {"clauses", std::vector<std::string_view>(clauses.begin(), clauses.end())},
              {"passed", passed},
              {"failed", failed},
              {"manual", manual},
              {"tool_checks", std::move(checks)},
              {"sources", sources_json(evidence)}};
  }
  if (passed + failed == 0) {
    check::Assessment assessment;
    assessment.verdict = Verdict::kError;
    assessment.add({"CLOUD_ONLY_MANUAL",
                    fmt::format("{} result(s), all manual in the tool: not judged", manual),
                    fmt::format("共 {} 項結果，皆為工具之人工檢查項目：未判定", manual)});
    assessment.evidence = std::move(record);
    assessment.nodes.assign(clauses.begin(), clauses.end());
    return assessment;
  }
  check::Assessment assessment =
      check::Assessment::from_reasons(std::move(reasons), std::move(record));
  assessment.nodes.assign(clauses.begin(), clauses.end());
  return assessment;
}

}  // namespace etguard::cloud_checks
