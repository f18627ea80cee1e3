// What `etguard scan genai-log` looks for in prompts sent to generative AI
// (Art. 53(2)), as data: the built-in personal-data types it reports, extra
// detectors (classification labels, credentials, secrets) in the format of
// `scan pii --rules`, and the models and hosts that run closed, on premises —
// the clause's proviso, where information may be given by its
// confidentiality level. `--print-rules` writes the defaults.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "pii/detectors.h"

namespace etguard::pii {

struct GenaiRules {
  std::vector<CustomDetector> detectors;
  std::vector<std::string> ignore;              // built-in type names not reported
  std::vector<std::string> on_premises_models;  // globs over the model name
  std::vector<std::string> on_premises_hosts;   // globs over the destination's host
};

// The rules a firm starts from (YAML, commented).
std::string_view default_genai_rules_yaml();

// The rules of `path`, or the defaults when `path` is empty. Every mistake is
// located "FILE:LINE:COLUMN: problem".
Result<GenaiRules> load_genai_rules(const std::string& path);
Result<GenaiRules> parse_genai_rules(const std::string& source, const std::string& text);

// Whether a destination is a closed, on-premises model under `rules`: its
// model name or the host of its endpoint matches one of their globs.
bool on_premises(const GenaiRules& rules, std::string_view model, std::string_view destination);

// The host of an endpoint URL ("https://api.example.com:443/v1" -> api.example.com);
// the text itself when it is not a URL.
std::string_view endpoint_host(std::string_view destination);

}  // namespace etguard::pii
