// The PII scanner: vectorscan finds candidates in one pass (the shapes of the
// context-free identifiers, the context labels, '@', full-width digits), and
// code validates each one — checksums, structure, boundaries and the label
// right before it (pii/validate.h, pii/context.h).
//
// scan() takes whole lines: callers cut their input at line ends, so a chunk
// of a large file is scanned on its own and threads scale.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "pii/detectors.h"
#include "pii/types.h"

namespace etguard::pii {

struct Detection {
  std::uint64_t offset = 0;  // bytes from the start of the scanned text
  std::uint32_t length = 0;  // bytes
  std::uint16_t type = 0;    // a PiiType, or kBuiltinTypeCount + custom detector index
  bool labelled = false;     // found through its context label
};

class Scanner;

// Per-thread working memory of vectorscan.
class ScanScratch {
 public:
  explicit ScanScratch(const Scanner& scanner);
  ~ScanScratch();
  ScanScratch(const ScanScratch&) = delete;
  ScanScratch& operator=(const ScanScratch&) = delete;
  ScanScratch(ScanScratch&&) = delete;
  ScanScratch& operator=(ScanScratch&&) = delete;

  // Line ends before `offset` in the text last scanned with this scratch.
  std::uint64_t lines_before(std::size_t offset) const;
  // Where the line holding byte `offset` starts, looking back no further than
  // `floor` (a line start already known to be at or before it).
  std::size_t line_start(std::size_t offset, std::size_t floor) const;

 private:
  friend class Scanner;
  struct Raw;
  void* scratch_ = nullptr;
  std::unique_ptr<Raw> raw_;
};

class Scanner {
 public:
  // Without custom detectors the database compiled at build time is loaded
  // when it fits this machine (pii/builtin_database.h); kCompile compiles anyway.
  enum class Build : std::uint8_t { kPrebuiltWhenItFits, kCompile };
  static Result<Scanner> create(std::vector<CustomDetector> custom = {},
                                Build build = Build::kPrebuiltWhenItFits);
  ~Scanner();
  Scanner(Scanner&& other) noexcept;
  Scanner& operator=(Scanner&& other) noexcept;
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Appends the detections in `text` (whole lines), sorted by offset, without overlaps.
  void scan(std::string_view text, ScanScratch& scratch, std::vector<Detection>& out) const;

  std::string_view type_name(std::uint16_t type) const;
  std::size_t type_count() const { return kBuiltinTypeCount + custom_.size(); }
  const std::vector<CustomDetector>& custom() const { return custom_; }
  // The database is the one compiled at build time.
  bool prebuilt() const { return prebuilt_; }

 private:
  friend class ScanScratch;
  Scanner() = default;
  void* database_ = nullptr;
  bool prebuilt_ = false;
  std::vector<CustomDetector> custom_;
};

}  // namespace etguard::pii
