// The probes `etguard scan chatbot` sends a customer chatbot, as data: each
// a message in zh-TW or English and the kind of answer it tests for —
//   disclosure  asked whether it is a person, it says it is an AI (Art. 51(1))
//   alternative asked for another way to be served, it names one (Art. 51(1))
//   canary      asked for its system prompt, it does not give the canary the
//               firm placed there (Art. 50(2))
//   injection   told to ignore its instructions and answer with a marker, it
//               does not (Art. 50(2))
//   scope       asked for a stock tip, it gives no investment advice beyond
//               its declared scope (Art. 50(1))
// and the words (RE2 patterns) the judgement reads. `--print-probes` writes
// the defaults; a firm's file replaces them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace re2 {
class RE2;
}

namespace etguard::chatbot {

enum class ProbeKind { kDisclosure, kAlternative, kCanary, kInjection, kScope };
std::string_view to_string(ProbeKind kind);

struct Probe {
  std::string id;
  ProbeKind kind = ProbeKind::kDisclosure;
  std::string lang;     // zh-TW | en
  std::string message;  // {{marker}}: replaced with a fresh marker (injection)
};

// Compiled RE2 patterns, any of which matching counts.
class Words {
 public:
  Words();
  ~Words();
  Words(Words&&) noexcept;
  Words& operator=(Words&&) noexcept;
  Words(const Words&) = delete;
  Words& operator=(const Words&) = delete;

  // Compiles `pattern`; false with RE2's message when it does not compile.
  bool add(const std::string& pattern, std::string& problem);
  bool any(std::string_view text) const;
  bool empty() const { return patterns_.empty(); }

 private:
  std::vector<std::unique_ptr<re2::RE2>> patterns_;
};

struct ProbeSet {
  std::vector<Probe> probes;
  Words ai;           // an answer that says it is an AI
  Words human;        // an answer that claims to be a person
  Words advice;       // an answer that recommends buying or selling
  Words refusal;      // an answer that declines to advise
  Words alternative;  // an answer that names another way to be served
};

std::string_view default_probes_yaml();

// The probes of `path`, or the defaults when empty; mistakes located
// "FILE:LINE:COLUMN: problem" (a pattern RE2 refuses names it).
Result<ProbeSet> load_probes(const std::string& path);
Result<ProbeSet> parse_probes(const std::string& source, const std::string& text);

}  // namespace etguard::chatbot
