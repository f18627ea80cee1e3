#include "pii/file_scan.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/atomic_file.h"

namespace etguard::pii {
namespace {

struct Chunk {
  std::string storage;    // the bytes (capacity reused from chunk to chunk)
  std::string_view text;  // the chunk, in `storage`
  std::vector<Detection> found;
  std::vector<FileFinding> findings;
  std::string masked;
  std::uint64_t lines = 0;  // line ends in the chunk
  std::optional<Error> error;
};

void scan_chunk(const Scanner& scanner, ScanScratch& scratch, const ScanSettings& settings,
                Chunk& chunk) {
  chunk.found.clear();
  chunk.findings.clear();
  scanner.scan(chunk.text, scratch, chunk.found);
  const std::string_view text = chunk.text;
  // The scanner reports in offset order, so a finding's line starts after
  // the last line end in the bytes since the previous finding's line start:
  // each block of the line-end masks the scanner computed anyway is looked at
  // about once (linear however many findings a long line holds).
  chunk.findings.reserve(chunk.found.size());
  std::size_t line_start = 0;
  for (const Detection& detection : chunk.found) {
    line_start = scratch.line_start(detection.offset, line_start);
    FileFinding& finding = chunk.findings.emplace_back();
    finding.offset = detection.offset;
    finding.length = detection.length;
    finding.line = scratch.lines_before(detection.offset);
    finding.column = detection.offset - line_start + 1;
    finding.type = detection.type;
    if (settings.previews) {
      finding.preview =
          Masker::same_length(text.substr(detection.offset, detection.length), detection.type);
    }
  }
  chunk.lines = scratch.lines_before(text.size());
  if (settings.masker != nullptr) {
    auto masked = settings.masker->apply(text, chunk.found);
    if (masked) {
      chunk.masked = std::move(*masked);
    } else {
      chunk.error = masked.error();
    }
  }
}

// Scans every chunk of `reader`; writes the masked text to `masked` when given.
Status scan_chunks(const Scanner& scanner, ChunkReader& reader, const ScanSettings& settings,
                   std::ostream* masked, FileResult& result) {
  const std::size_t jobs = std::max<std::size_t>(1, settings.jobs);
  std::vector<std::unique_ptr<ScanScratch>> scratches;
  scratches.reserve(jobs);
  for (std::size_t i = 0; i < jobs; ++i) {
    scratches.push_back(std::make_unique<ScanScratch>(scanner));
  }
  std::vector<Chunk> batch(jobs);
  std::vector<Chunk> next(jobs);
  std::uint64_t base = 0;
  std::uint64_t base_line = 1;
  std::uint64_t line_carried = 0;  // bytes of the current line in earlier chunks

  // Reads up to `jobs` chunks into `into`; returns how many.
  const auto fill = [&](std::vector<Chunk>& into) -> Result<std::size_t> {
    std::size_t count = 0;
    while (count < into.size()) {
      auto more = reader.next(into[count].storage, into[count].text);
      if (!more) {
        return std::unexpected(more.error());
      }
      if (!*more) {
        break;
      }
      ++count;
    }
    return count;
  };

  auto filled = fill(batch);
  if (!filled) {
    return std::unexpected(filled.error());
  }
  std::size_t count = *filled;
  while (count > 0) {
    std::vector<std::jthread> workers;
    for (std::size_t i = 1; i < count; ++i) {
      workers.emplace_back([&, i] { scan_chunk(scanner, *scratches[i], settings, batch[i]); });
    }
    // While the workers scan, this thread scans the first chunk and reads ahead.
    scan_chunk(scanner, *scratches[0], settings, batch[0]);
    auto read_ahead = fill(next);
    workers.clear();
    if (!read_ahead) {
      return std::unexpected(read_ahead.error());
    }
    for (std::size_t i = 0; i < count; ++i) {
      Chunk& chunk = batch[i];
      if (chunk.error) {
        return std::unexpected(*chunk.error);
      }
      for (FileFinding& finding : chunk.findings) {
        if (finding.line == 0) {
          finding.column += line_carried;  // the line began in an earlier chunk
        }
        finding.offset += base;
        finding.line += base_line;
      }
      if (settings.sink) {
        settings.sink(result.input, chunk.findings);
      } else {
        std::ranges::move(chunk.findings, std::back_inserter(result.findings));
      }
      if (masked != nullptr) {
        masked->write(chunk.masked.data(), static_cast<std::streamsize>(chunk.masked.size()));
      }
      const std::size_t last_end = chunk.text.rfind('\n');
      const bool more = i + 1 < count || *read_ahead > 0;
      if (last_end + 1 != chunk.text.size() && more &&
          (result.cut_lines.empty() || result.cut_lines.back() != base_line + chunk.lines)) {
        result.cut_lines.push_back(base_line + chunk.lines);
      }
      line_carried = last_end == std::string_view::npos ? line_carried + chunk.text.size()
                                                        : chunk.text.size() - last_end - 1;
      base += chunk.text.size();
      base_line += chunk.lines;
      if (settings.progress) {
        settings.progress(chunk.text.size());
      }
    }
    std::swap(batch, next);
    count = *read_ahead;
  }
  result.bytes = base;
  return {};
}

}  // namespace

Result<FileResult> scan_file(const Scanner& scanner, const Input& input,
                             const ScanSettings& settings) {
  auto reader = ChunkReader::open(input, settings.chunk_bytes, settings.line_bytes);
  if (!reader) {
    return std::unexpected(reader.error());
  }
  FileResult result;
  result.input = input;
  result.gzip = reader->gzip();
  if (settings.masker == nullptr || settings.mask_path.empty()) {
    if (auto scanned = scan_chunks(scanner, *reader, settings, nullptr, result); !scanned) {
      return std::unexpected(scanned.error());
    }
    return result;
  }
  const std::filesystem::path target(settings.mask_path);
  std::error_code ignored;
  std::filesystem::create_directories(target.parent_path().empty() ? "." : target.parent_path(),
                                      ignored);
  auto produced = produce_file_atomically(target, [&](const std::filesystem::path& temporary) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      return Status(fail(ErrorKind::kIo,
                         fmt::format("{}: cannot write the masked copy", temporary.string()),
                         fmt::format("{}：無法寫入遮罩副本", temporary.string())));
    }
    if (auto scanned = scan_chunks(scanner, *reader, settings, &out, result); !scanned) {
      return scanned;
    }
    out.close();
    if (!out) {
      return Status(fail(ErrorKind::kIo, fmt::format("{}: write failed", temporary.string()),
                         fmt::format("{}：寫入失敗", temporary.string())));
    }
    return Status{};
  });
  if (!produced) {
    return std::unexpected(produced.error());
  }
  return result;
}

}  // namespace etguard::pii
