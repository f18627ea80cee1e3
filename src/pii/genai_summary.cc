#include "pii/genai_summary.h"

namespace etguard::pii {
namespace {

void count(GenaiTally& tally, const std::string& type, bool external, bool new_prompt) {
  ++tally.findings;
  tally.external += external ? 1 : 0;
  tally.prompts += new_prompt ? 1 : 0;
  ++tally.by_type[type];
}

nlohmann::ordered_json tally_json(const GenaiTally& tally) {
  return {{"prompts", tally.prompts},
          {"findings", tally.findings},
          {"external", tally.external},
          {"by_type", tally.by_type}};
}

nlohmann::ordered_json tallies_json(const std::map<std::string, GenaiTally>& tallies) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, tally] : tallies) {
    out[name] = tally_json(tally);
  }
  return out;
}

}  // namespace

std::string destination_of(const PromptFinding& finding) {
  return finding.model.empty() ? std::string(endpoint_host(finding.destination)) : finding.model;
}

void GenaiSummary::add(std::string_view file, const std::vector<PromptFinding>& findings,
                       const Scanner& scanner) {
  for (const PromptFinding& finding : findings) {
    // One prompt may hold several findings: each tally counts it once.
    const bool new_prompt = file != last_file_ || finding.line != last_line_;
    if (new_prompt) {
      last_file_ = file;
      last_line_ = finding.line;
    }
    const std::string type(scanner.type_name(finding.type));
    const bool outside = !finding.on_premises;
    count(total, type, outside, new_prompt);
    count(outside ? external : on_premises, type, outside, new_prompt);
    count(by_user[finding.user], type, outside, new_prompt);
    count(by_department[finding.department], type, outside, new_prompt);
    count(by_destination[destination_of(finding)], type, outside, new_prompt);
  }
}

void GenaiSummary::add(const GenaiLogResult& result) {
  ++files;
  bytes += result.bytes;
  records += result.records;
  prompts += result.prompts;
  prompt_bytes += result.prompt_bytes;
  bad_records += result.bad_records;
  for (const Error& problem : result.problems) {
    problems.push_back(problem.message);
  }
}

nlohmann::ordered_json genai_finding_json(std::string_view file, std::string_view type,
                                          const PromptFinding& finding) {
  return {{"record", "finding"},
          {"file", file},
          {"line", finding.line},
          {"field", finding.field},
          {"offset", finding.offset},
          {"length", finding.length},
          {"type", type},
          {"masked", finding.masked},
          {"time", finding.time},
          {"user", finding.user},
          {"department", finding.department},
          {"model", finding.model},
          {"destination", finding.destination},
          {"on_premises", finding.on_premises}};
}

nlohmann::ordered_json genai_summary_json(const GenaiSummary& summary) {
  return {{"record", "summary"},
          {"format", "etguard.genai_log"},
          {"version", kGenaiLogFormatVersion},
          {"paths", summary.paths},
          {"files", summary.files},
          {"bytes", summary.bytes},
          {"records", summary.records},
          {"prompts", summary.prompts},
          {"prompt_bytes", summary.prompt_bytes},
          {"skipped_records", summary.bad_records},
          {"seconds", summary.seconds},
          {"total", tally_json(summary.total)},
          {"external", tally_json(summary.external)},
          {"on_premises", tally_json(summary.on_premises)},
          {"by_user", tallies_json(summary.by_user)},
          {"by_department", tallies_json(summary.by_department)},
          {"by_destination", tallies_json(summary.by_destination)},
          {"unreadable", summary.unreadable},
          {"problems", summary.problems}};
}

}  // namespace etguard::pii
