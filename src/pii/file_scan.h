// Scanning files: chunks of each input scanned on worker threads, findings
// reported in file order with line numbers, and the masked copy written
// atomically beside the findings.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "pii/inputs.h"
#include "pii/mask.h"
#include "pii/scanner.h"

namespace etguard::pii {

struct FileFinding {
  std::uint64_t offset = 0;  // bytes from the start of the (decompressed) file
  std::uint32_t length = 0;
  std::uint64_t line = 0;    // 1-based
  std::uint64_t column = 0;  // 1-based, in bytes
  std::uint16_t type = 0;
  std::string preview;  // the same-length mask of the value (ScanSettings::previews)
};

struct FileResult {
  Input input;
  std::uint64_t bytes = 0;
  bool gzip = false;
  std::vector<FileFinding> findings;
  // Lines longer than the chunk size, scanned in pieces: a value split
  // across a cut may be missed there.
  std::vector<std::uint64_t> cut_lines;
};

struct ScanSettings {
  std::size_t jobs = 1;
  // Chunks small enough that the bytes read stay in the core's cache for the
  // passes over them (docs/pii-scanner.md, "How it is fast").
  std::size_t chunk_bytes = std::size_t{256} << 10U;
  std::size_t line_bytes = std::size_t{4} << 20U;  // longer lines are cut
  bool previews = true;                            // fill FileFinding::preview
  const Masker* masker = nullptr;                  // with mask_path: write a masked copy
  std::string mask_path;
  std::function<void(std::uint64_t bytes)> progress;  // after each chunk
  // Receives each chunk's findings in file order; when set, FileResult::findings
  // stays empty, so memory does not grow with the number of findings.
  std::function<void(const Input& input, std::vector<FileFinding>& findings)> sink;
};

Result<FileResult> scan_file(const Scanner& scanner, const Input& input,
                             const ScanSettings& settings);

}  // namespace etguard::pii
