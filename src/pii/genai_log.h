// Prompts sent to generative AI, read from an AI gateway's log (Art. 53(2)):
// JSON Lines, one request per line — an OpenAI-compatible body (messages,
// prompt, input, instructions; Anthropic's system too) under `request`, `body`
// or the record itself, beside who sent it and where. Every text the request
// gives the model is scanned by the PII scanner with the genai rules'
// detectors; findings carry the record's user, department, model and
// destination, and only a same-length mask of the value.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "pii/genai_rules.h"
#include "pii/inputs.h"
#include "pii/scanner.h"

namespace etguard::pii {

// Where each field of a record is, as a dotted key path ("metadata.user_id");
// empty: the usual places, tried in order (docs/genai-log.md).
struct GenaiFieldMap {
  std::string time;         // timestamp, ts, time, @timestamp, created_at
  std::string user;         // user, user_id, metadata.user_id, metadata.user; the request's user
  std::string department;   // department, team, metadata.department, metadata.team
  std::string model;        // model; the request's model
  std::string destination;  // endpoint, url, api_base, provider
  std::string request;      // request, body; else the record itself
  // In a CSV log each is a column: time (timestamp, ts, time, created_at),
  // user (user, user_id, employee), department (department, team, dept),
  // model, destination (endpoint, url, api_base, provider) and request, the
  // text given to the model or the request body as JSON (prompt, request,
  // input, message, content, question).
};

// Sets one field from "NAME=PATH" (--field); an unknown name is an error.
Status set_genai_field(GenaiFieldMap& map, std::string_view assignment);

struct PromptFinding {
  std::uint64_t line = 0;    // the record's line in the log (1-based)
  std::string field;         // where in the request: messages[1].content
  std::uint64_t offset = 0;  // bytes into that text, as decoded from JSON
  std::uint32_t length = 0;
  std::uint16_t type = 0;  // a Scanner type
  std::string masked;      // the same-length mask of the value
  std::string time;
  std::string user;
  std::string department;
  std::string model;
  std::string destination;
  bool on_premises = false;  // sent to a closed model on premises (the rules')
};

struct GenaiLogResult {
  Input input;
  std::uint64_t bytes = 0;
  std::uint64_t records = 0;       // JSON records read
  std::uint64_t prompts = 0;       // records holding text for the model
  std::uint64_t prompt_bytes = 0;  // bytes of that text, decoded
  std::uint64_t bad_records = 0;   // lines skipped: not a JSON record, or too long
  std::vector<Error> problems;     // the first of them, located "FILE:LINE: problem"
};

struct GenaiScanSettings {
  std::string format;  // jsonl | csv; empty: csv for *.csv and *.csv.gz, else jsonl
  std::size_t jobs = 1;
  std::size_t chunk_bytes = std::size_t{1} << 20U;
  std::size_t record_bytes = std::size_t{64} << 20U;  // a longer record is skipped
  std::function<void(std::uint64_t bytes)> progress;  // after each chunk
  // Each chunk's findings, in log order.
  std::function<void(const Input& input, std::vector<PromptFinding>& findings)> sink;
};

// Scans one log (plain or gzip, "-" for stdin): JSON Lines, or CSV with a
// header row (read whole; at most 1 GiB). Lines that are not a JSON record
// are skipped and counted with their location; a log without any record
// holding a prompt is an error (the field map is wrong, or it is not a
// gateway log), never a clean result.
Result<GenaiLogResult> scan_genai_log(const Scanner& scanner, const GenaiRules& rules,
                                      const GenaiFieldMap& fields, const Input& input,
                                      const GenaiScanSettings& settings);

}  // namespace etguard::pii
