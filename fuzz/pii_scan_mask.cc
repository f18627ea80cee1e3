// Fuzz target: the PII scanner and the same-length masker on arbitrary text
// (logs and exports are outside input). Checks the invariants: detections are
// in bounds, sorted and disjoint; the masked copy keeps the byte length and
// holds no value the scanner would report again.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pii/mask.h"
#include "pii/scanner.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  static const etguard::pii::Scanner scanner = etguard::pii::Scanner::create().value();
  static etguard::pii::ScanScratch scratch(scanner);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<etguard::pii::Detection> found;
  scanner.scan(text, scratch, found);
  std::uint64_t end = 0;
  for (const etguard::pii::Detection& detection : found) {
    if (detection.offset < end || detection.length == 0 ||
        detection.offset + detection.length > text.size()) {
      __builtin_trap();
    }
    end = detection.offset + detection.length;
  }
  const etguard::pii::Masker masker(scanner, etguard::pii::MaskMode::kSameLength);
  const std::string masked = masker.apply(text, found).value();
  if (masked.size() != text.size()) {
    __builtin_trap();
  }
  std::vector<etguard::pii::Detection> again;
  scanner.scan(masked, scratch, again);
  for (const etguard::pii::Detection& detection : again) {
    // A mask keeps the first and last characters: only a value the mask
    // created from text that was not a finding may appear, never a masked one.
    for (const etguard::pii::Detection& original : found) {
      if (detection.offset >= original.offset &&
          detection.offset + detection.length <= original.offset + original.length) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
