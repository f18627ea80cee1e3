// Fuzz target: an AI gateway's log (outside input) scanned for what its
// prompts give generative AI, in one chunk on one thread and in many small
// chunks on three; both must agree (records, prompts, skipped lines and every
// finding), and every finding must lie inside its text. The first byte picks
// a field mapping and JSON Lines or CSV. The log is read from a memory file,
// as from disk.
#include "pii/genai_log.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "pii/genai_rules.h"

namespace {

using etguard::pii::PromptFinding;

struct Run {
  std::vector<PromptFinding> findings;
  std::uint64_t records = 0, prompts = 0, skipped = 0, text_bytes = 0;
  bool ok = false;
};

Run scan(const etguard::pii::Scanner& scanner, const etguard::pii::GenaiRules& rules,
         const etguard::pii::GenaiFieldMap& fields, const std::string& path, std::size_t jobs,
         std::size_t chunk_bytes, const std::string& format) {
  Run run;
  etguard::pii::GenaiScanSettings settings;
  settings.format = format;
  settings.jobs = jobs;
  settings.chunk_bytes = chunk_bytes;
  settings.sink = [&](const etguard::pii::Input&, std::vector<PromptFinding>& findings) {
    run.findings.insert(run.findings.end(), findings.begin(), findings.end());
  };
  const auto result =
      etguard::pii::scan_genai_log(scanner, rules, fields, {path, "fuzz"}, settings);
  if (result) {
    run.ok = true;
    run.records = result->records;
    run.prompts = result->prompts;
    run.skipped = result->bad_records;
    run.text_bytes = result->prompt_bytes;
  }
  return run;
}

bool same(const PromptFinding& a, const PromptFinding& b) {
  return a.line == b.line && a.field == b.field && a.offset == b.offset && a.length == b.length &&
         a.type == b.type && a.masked == b.masked && a.user == b.user && a.model == b.model &&
         a.on_premises == b.on_premises;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  static const auto rules = [] {
    auto loaded = etguard::pii::load_genai_rules("");
    if (!loaded) {
      std::abort();
    }
    loaded->on_premises_models = {"local-*"};
    return *loaded;
  }();
  static const auto scanner = [] {
    auto created = etguard::pii::Scanner::create(rules.detectors);
    if (!created) {
      std::abort();
    }
    return std::move(*created);
  }();
  etguard::pii::GenaiFieldMap fields;
  if ((data[0] & 1U) != 0) {
    fields.request = "payload";
    fields.user = "meta.who";
  }
  const int fd = ::memfd_create("genai-log", 0);
  if (fd < 0) {
    return 0;
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  std::size_t written = 0;
  while (written + 1 < size) {
    const ssize_t n = ::write(fd, data + 1 + written, size - 1 - written);
    if (n <= 0) {
      ::close(fd);
      return 0;
    }
    written += static_cast<std::size_t>(n);
  }
  const std::string format = (data[0] & 2U) != 0 ? "csv" : "jsonl";
  const Run one = scan(scanner, rules, fields, path, 1, std::size_t{1} << 20U, format);
  const Run many = scan(scanner, rules, fields, path, 3, 7, format);
  ::close(fd);
  if (one.ok != many.ok || one.records != many.records || one.prompts != many.prompts ||
      one.skipped != many.skipped || one.text_bytes != many.text_bytes ||
      one.findings.size() != many.findings.size()) {
    std::abort();
  }
  for (std::size_t i = 0; i < one.findings.size(); ++i) {
    if (!same(one.findings[i], many.findings[i]) || one.findings[i].length == 0 ||
        one.findings[i].masked.size() != one.findings[i].length) {
      std::abort();
    }
  }
  return 0;
}
