// Reading a decision log: CSV through libcsv (RFC 4180) with a direct split
// of blocks that hold no quote at all, JSON Lines through simdjson.
#include "fairness/decisions.h"

#include <csv.h>
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <ranges>

#include "fairness/accumulator.h"
#include "fairness/blocks.h"

namespace etguard::fairness {
namespace {

namespace od = simdjson::ondemand;

// The columns a row is read through: indexes into a CSV record, or the
// position of each JSON key among the wanted names.
struct Wanted {
  std::vector<std::string> names;  // groups..., label, prediction[, score]
  std::size_t groups = 0;
  bool score = false;
};

Wanted wanted_of(const Columns& columns) {
  Wanted wanted;
  wanted.names = columns.groups;
  wanted.groups = columns.groups.size();
  wanted.names.push_back(columns.label);
  wanted.names.push_back(columns.prediction);
  if (!columns.score.empty()) {
    wanted.names.push_back(columns.score);
    wanted.score = true;
  }
  return wanted;
}

// A row's wanted values, in Wanted order, handed to the accumulator.
bool add_row(Accumulator& into, const Wanted& wanted, std::span<const std::string_view> values,
             std::uint64_t line) {
  const std::span<const std::string_view> groups = values.first(wanted.groups);
  return into.add(groups, values[wanted.groups], values[wanted.groups + 1],
                  wanted.score ? values[wanted.groups + 2] : std::string_view(), line);
}

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

// ---- CSV ----

struct CsvLayout {
  std::size_t fields = 0;             // in the header
  std::vector<std::size_t> position;  // of each wanted name in a record
};

// libcsv collecting one record's fields.
struct CsvRecordParser {
  csv_parser parser{};
  std::vector<std::string> fields;
  std::size_t records = 0;

  explicit CsvRecordParser(char delimiter) {
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
    csv_set_space_func(&parser,
                       [](unsigned char) { return 0; });  // spaces are data, as pandas reads them
  }
  CsvRecordParser(const CsvRecordParser&) = delete;
  CsvRecordParser& operator=(const CsvRecordParser&) = delete;
  CsvRecordParser(CsvRecordParser&&) = delete;
  CsvRecordParser& operator=(CsvRecordParser&&) = delete;
  ~CsvRecordParser() { csv_free(&parser); }

  static void on_field(void* data, std::size_t size, void* self) {
    static_cast<CsvRecordParser*>(self)->fields.emplace_back(static_cast<const char*>(data), size);
  }
  static void on_record(int /*end*/, void* self) { ++static_cast<CsvRecordParser*>(self)->records; }

  // The fields of one whole record, or the reason it is not one.
  bool parse(std::string_view record, std::string& problem) {
    fields.clear();
    records = 0;
    if (csv_parse(&parser, record.data(), record.size(), &on_field, &on_record, this) !=
            record.size() ||
        csv_fini(&parser, &on_field, &on_record, this) != 0) {
      problem = csv_strerror(csv_error(&parser));
      csv_fini(&parser, nullptr, nullptr, nullptr);
      return false;
    }
    return true;
  }
};

Result<CsvLayout> csv_layout(std::string_view header, std::string_view origin, char delimiter,
                             const Wanted& wanted) {
  CsvRecordParser parser(delimiter);
  std::string problem;
  if (header.starts_with("\xEF\xBB\xBF")) {
    header.remove_prefix(3);
  }
  if (blank(header)) {
    return fail(ErrorKind::kInput, fmt::format("{}:1: no header (the file is empty)", origin),
                fmt::format("{}:1：無標題列（檔案為空）", origin));
  }
  if (!parser.parse(header, problem)) {
    return fail(ErrorKind::kInput, fmt::format("{}:1: not a CSV header: {}", origin, problem),
                fmt::format("{}:1：非 CSV 標題列：{}", origin, problem));
  }
  CsvLayout layout;
  layout.fields = parser.fields.size();
  std::vector<std::string> missing;
  for (const std::string& name : wanted.names) {
    const auto found = std::ranges::find(parser.fields, name);
    if (found == parser.fields.end()) {
      missing.push_back(name);
    }
    layout.position.push_back(static_cast<std::size_t>(found - parser.fields.begin()));
  }
  if (!missing.empty()) {
    const std::string names = fmt::format("{}", fmt::join(missing, ", "));
    const std::string present = fmt::format("{}", fmt::join(parser.fields, ", "));
    return fail(
        ErrorKind::kInput,
        fmt::format("{}:1: no column {} in the header (it has: {})", origin, names, present),
        fmt::format("{}:1：標題列無欄位 {}（現有：{}）", origin, names, present));
  }
  return layout;
}

class CsvWorker {
 public:
  CsvWorker(const CsvLayout& layout, const Wanted& wanted, char delimiter, Accumulator& into)
      : layout_(layout), wanted_(wanted), delimiter_(delimiter), into_(into) {
    values_.resize(wanted.names.size());
  }

  bool block(const Block& block) {
    const bool quoted = block.text.find('"') != std::string_view::npos;
    if (!quoted) {
      return plain_block(block.text, block.first_line);
    }
    std::uint64_t line = block.first_line;
    std::string_view rest = block.text;
    while (!rest.empty()) {
      const std::size_t length = first_record_end(rest, true);  // past its newline; 0: none
      std::string_view record = rest.substr(0, length == 0 ? rest.size() : length - 1);
      rest.remove_prefix(length == 0 ? rest.size() : length);
      const std::uint64_t at = line;
      line += 1 + static_cast<std::uint64_t>(std::ranges::count(record, '\n'));
      if (record.ends_with('\r')) {
        record.remove_suffix(1);
      }
      if (record.empty()) {
        continue;
      }
      if (!quoted_record(record, at)) {
        return false;
      }
    }
    return true;
  }

 private:
  bool wrong_width(std::size_t fields, std::uint64_t line) {
    into_.fail(line, fmt::format("{} fields where the header has {}", fields, layout_.fields),
               fmt::format("有 {} 個欄位，標題列為 {} 個", fields, layout_.fields));
    return false;
  }

  // A carriage return ends a line only before its line feed; elsewhere
  // readers disagree (libcsv and pandas end a record there, others keep it).
  bool stray_return(std::uint64_t line) {
    into_.fail(line, "a carriage return in the middle of a record", "紀錄中間出現歸位字元（CR）");
    return false;
  }

  // A block without a quote: each line split at the delimiters in one pass.
  bool plain_block(std::string_view text, std::uint64_t line) {
    const char* at = text.data();
    const char* const end = at + text.size();
    for (; at < end; ++line) {
      fields_.clear();
      const char* field = at;
      bool returns = false;
      for (; at < end && *at != '\n'; ++at) {
        if (*at == delimiter_) {
          fields_.emplace_back(field, static_cast<std::size_t>(at - field));
          field = at + 1;
        } else if (*at == '\r') {
          returns = true;
        }
      }
      std::string_view last(field, static_cast<std::size_t>(at - field));
      ++at;  // past the line feed
      if (returns) {
        if (last.ends_with('\r')) {
          last.remove_suffix(1);
        }
        const bool stray = last.find('\r') != std::string_view::npos ||
                           std::ranges::any_of(fields_, [](std::string_view f) {
                             return f.find('\r') != std::string_view::npos;
                           });
        if (stray) {
          return stray_return(line);
        }
      }
      if (fields_.empty() && last.empty()) {
        continue;  // an empty line
      }
      fields_.push_back(last);
      if (fields_.size() != layout_.fields) {
        return wrong_width(fields_.size(), line);
      }
      for (std::size_t i = 0; i < values_.size(); ++i) {
        values_[i] = fields_[layout_.position[i]];
      }
      if (!add_row(into_, wanted_, values_, line)) {
        return false;
      }
    }
    return true;
  }

  bool quoted_record(std::string_view record, std::uint64_t line) {
    bool inside = false;
    for (const char c : record) {
      if (c == '"') {
        inside = !inside;
      } else if (c == '\r' && !inside) {
        return stray_return(line);
      }
    }
    if (!parser_) {
      parser_ = std::make_unique<CsvRecordParser>(delimiter_);
    }
    std::string problem;
    if (!parser_->parse(record, problem)) {
      into_.fail(line, fmt::format("not a CSV record: {}", problem),
                 fmt::format("非 CSV 紀錄：{}", problem));
      return false;
    }
    if (parser_->fields.size() != layout_.fields) {
      return wrong_width(parser_->fields.size(), line);
    }
    for (std::size_t i = 0; i < values_.size(); ++i) {
      values_[i] = parser_->fields[layout_.position[i]];
    }
    return add_row(into_, wanted_, values_, line);
  }

  const CsvLayout& layout_;
  const Wanted& wanted_;
  char delimiter_;
  Accumulator& into_;
  std::vector<std::string_view> fields_;
  std::vector<std::string_view> values_;
  std::unique_ptr<CsvRecordParser> parser_;
};

// ---- JSON Lines ----

class JsonWorker {
 public:
  JsonWorker(const Wanted& wanted, Accumulator& into) : wanted_(wanted), into_(into) {
    values_.resize(wanted.names.size());
    seen_.resize(wanted.names.size());
  }

  bool block(const Block& block) {
    std::uint64_t line = block.first_line;
    std::string_view rest = block.text;
    while (!rest.empty()) {
      const std::size_t end = std::min(rest.find('\n'), rest.size());
      const std::string_view record = rest.substr(0, end);
      // What follows the record in the block (and the block's padding) may be read ahead.
      const std::size_t capacity = rest.size() + kBlockPadding;
      rest.remove_prefix(std::min(end + 1, rest.size()));
      if (!blank(record) && !row(record, capacity, line)) {
        return false;
      }
      ++line;
    }
    return true;
  }

 private:
  bool row(std::string_view record, std::size_t capacity, std::uint64_t line) {
    std::ranges::fill(values_, std::string_view());
    std::ranges::fill(seen_, char{0});
    try {
      od::document document = parser_.iterate(record.data(), record.size(), capacity);
      for (auto field : document.get_object()) {
        const std::string_view key = field.unescaped_key();
        const auto found = std::ranges::find(wanted_.names, key);
        if (found == wanted_.names.end()) {
          continue;
        }
        const auto i = static_cast<std::size_t>(found - wanted_.names.begin());
        seen_[i] = 1;
        od::value value = field.value();
        switch (value.type()) {
          case od::json_type::string:
            values_[i] = value.get_string();
            break;
          case od::json_type::number:
          case od::json_type::boolean:
            values_[i] = trim(value.raw_json_token());
            break;
          case od::json_type::null:
            break;
          default:
            into_.fail(line, fmt::format("'{}' is not a single value", key),
                       fmt::format("'{}' 不是單一值", key));
            return false;
        }
      }
      if (document.current_location().error() == simdjson::SUCCESS) {  // a token follows
        into_.fail(line, "text after the JSON object", "JSON 紀錄之後尚有文字");
        return false;
      }
    } catch (const simdjson::simdjson_error& error) {
      into_.fail(line, fmt::format("not a JSON object: {}", error.what()),
                 fmt::format("非 JSON 鍵值紀錄（{{...}}）：{}", error.what()));
      return false;
    }
    for (std::size_t i = wanted_.groups; i < seen_.size(); ++i) {
      if (seen_[i] == 0) {
        into_.fail(line, fmt::format("no key '{}'", wanted_.names[i]),
                   fmt::format("缺少鍵 '{}'", wanted_.names[i]));
        return false;
      }
    }
    return add_row(into_, wanted_, values_, line);
  }

  static std::string_view trim(std::string_view text) {
    const std::size_t end = text.find_last_not_of(" \t\r\n");
    return text.substr(0, end == std::string_view::npos ? 0 : end + 1);
  }

  const Wanted& wanted_;
  Accumulator& into_;
  od::parser parser_;
  std::vector<std::string_view> values_;
  std::vector<char> seen_;
};

// ---- both ----

Result<std::string> format_of(std::string_view origin, const ReadOptions& options) {
  if (!options.format.empty()) {
    if (options.format != "csv" && options.format != "jsonl") {
      return fail(ErrorKind::kUsage,
                  fmt::format("unknown input format '{}'; use csv or jsonl", options.format),
                  fmt::format("未知的輸入格式 '{}'；請用 csv 或 jsonl", options.format));
    }
    return options.format;
  }
  for (const std::string_view suffix : {".jsonl", ".ndjson", ".json"}) {
    if (origin.ends_with(suffix)) {
      return std::string("jsonl");
    }
  }
  return std::string("csv");
}

Status check_columns(const Columns& columns, const ReadOptions& options) {
  if (columns.groups.empty() || columns.groups.size() > kMaxGroupColumns) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("name 1 to {} group columns (--group gender,age_band)", kMaxGroupColumns),
        fmt::format("請指定 1 至 {} 個分組欄位（--group gender,age_band）", kMaxGroupColumns));
  }
  if (!columns.score.empty() && (options.calibration_bins < 2 || options.calibration_bins > 100)) {
    return fail(ErrorKind::kUsage, "calibration bins must be 2 to 100", "校準分箱數須為 2 至 100");
  }
  std::vector<std::string> names = wanted_of(columns).names;
  std::ranges::sort(names);
  if (std::ranges::adjacent_find(names) != names.end() ||
      std::ranges::any_of(names, [](const std::string& name) { return name.empty(); })) {
    return fail(ErrorKind::kUsage,
                "the group, label, prediction and score columns must be distinct and named",
                "分組、標籤、預測及分數欄位須各自有名且互不相同");
  }
  return {};
}

// What the reading leaves: each worker's counts, merged; or the first problem.
class Reading {
 public:
  Reading(const Columns& columns, const ReadOptions& options)
      : columns_(columns), bins_(columns.score.empty() ? 1 : options.calibration_bins) {
    const std::size_t jobs = std::max<std::size_t>(options.jobs, 1);
    for (std::size_t i = 0; i < jobs; ++i) {
      workers_.push_back(std::make_unique<Accumulator>(columns_, bins_));
    }
  }
  Accumulator& worker(std::size_t i) { return *workers_[i]; }

  Result<Tally> finish(std::string_view origin, std::uint64_t bytes) {
    const RowProblem* first = nullptr;
    for (const auto& worker : workers_) {
      const std::optional<RowProblem>& problem = worker->problem();
      if (problem.has_value() && (first == nullptr || problem->line < first->line)) {
        first = &problem.value();
      }
    }
    if (first != nullptr) {
      return fail(ErrorKind::kInput, fmt::format("{}:{}: {}", origin, first->line, first->en),
                  fmt::format("{}:{}：{}", origin, first->line, first->zh));
    }
    std::unordered_map<std::string, Cell> merged;
    Tally tally;
    for (const auto& worker : workers_) {
      worker->merge_into(merged);
      tally.rows += worker->rows();
    }
    if (merged.size() > kMaxCells) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}: the group columns have more than {} distinct combinations",
                              origin, kMaxCells),
                  fmt::format("{}：分組欄位之組合超過 {} 種", origin, kMaxCells));
    }
    if (tally.rows == 0) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}: no decisions (no rows after the header)", origin),
                  fmt::format("{}：無任何決策紀錄", origin));
    }
    tally.columns = columns_;
    tally.bins = bins_;
    tally.bytes = bytes;
    tally.source = std::string(origin);
    tally.cells.reserve(merged.size());
    for (auto& [key, cell] : merged) {
      tally.cells.push_back(std::move(cell));
    }
    std::ranges::sort(tally.cells, {}, &Cell::values);
    return tally;
  }

 private:
  const Columns& columns_;
  std::size_t bins_;
  std::vector<std::unique_ptr<Accumulator>> workers_;
};

// The work of one format over blocks; `header` set for CSV.
struct Plan {
  std::function<Status(std::string_view record)> header;
  std::function<bool(const Block& block, std::size_t worker)> work;
};

Plan plan_for(const std::string& format, std::string_view origin, const Wanted& wanted,
              const ReadOptions& options, Reading& reading,
              std::vector<std::unique_ptr<CsvWorker>>& csv,
              std::vector<std::unique_ptr<JsonWorker>>& json, std::optional<CsvLayout>& layout) {
  const std::size_t jobs = std::max<std::size_t>(options.jobs, 1);
  Plan plan;
  if (format == "jsonl") {
    for (std::size_t i = 0; i < jobs; ++i) {
      json.push_back(std::make_unique<JsonWorker>(wanted, reading.worker(i)));
    }
    plan.work = [&json](const Block& block, std::size_t worker) {
      return json[worker]->block(block);
    };
    return plan;
  }
  plan.header = [&, origin, jobs](std::string_view record) -> Status {
    auto found = csv_layout(record, origin, options.delimiter, wanted);
    if (!found) {
      return std::unexpected(found.error());
    }
    layout = std::move(*found);
    for (std::size_t i = 0; i < jobs; ++i) {
      csv.push_back(
          std::make_unique<CsvWorker>(*layout, wanted, options.delimiter, reading.worker(i)));
    }
    return {};
  };
  plan.work = [&csv](const Block& block, std::size_t worker) { return csv[worker]->block(block); };
  return plan;
}

// What reading a file and reading a text share: the columns checked, the
// format's workers planned, `read` feeding them blocks, the counts merged.
using Feed =
    std::function<Status(const Plan& plan, const BlockReading& blocks, std::uint64_t& bytes)>;

Result<Tally> read_decisions(const std::string& origin, const Columns& columns,
                             const ReadOptions& options, const Feed& read) {
  if (auto valid = check_columns(columns, options); !valid) {
    return std::unexpected(valid.error());
  }
  auto format = format_of(origin, options);
  if (!format) {
    return std::unexpected(format.error());
  }
  const Wanted wanted = wanted_of(columns);
  Reading reading(columns, options);
  std::vector<std::unique_ptr<CsvWorker>> csv;
  std::vector<std::unique_ptr<JsonWorker>> json;
  std::optional<CsvLayout> layout;
  const Plan plan = plan_for(*format, origin, wanted, options, reading, csv, json, layout);
  const BlockReading blocks{.jobs = options.jobs,
                            .block_bytes = options.block_bytes,
                            .csv_quotes = *format == "csv",
                            .progress = options.progress};
  std::uint64_t bytes = 0;
  if (auto read_all = read(plan, blocks, bytes); !read_all) {
    return std::unexpected(read_all.error());
  }
  return reading.finish(origin, bytes);
}

}  // namespace

Result<Tally> tally_decisions(const std::string& path, const Columns& columns,
                              const ReadOptions& options) {
  return read_decisions(path, columns, options,
                        [&](const Plan& plan, const BlockReading& blocks, std::uint64_t& bytes) {
                          return for_each_file_block(path, blocks, plan.header, plan.work, bytes);
                        });
}

Result<Tally> tally_decisions_text(std::string_view text, std::string_view origin,
                                   const Columns& columns, const ReadOptions& options) {
  return read_decisions(
      std::string(origin), columns, options,
      [&](const Plan& plan, const BlockReading& blocks, std::uint64_t& bytes) -> Status {
        std::string padded(text);
        padded.reserve(padded.size() + kBlockPadding);
        std::string_view body = padded;
        std::uint64_t line = 1;
        if (plan.header) {
          std::size_t end = first_record_end(body, true);
          end = end == 0 ? body.size() : end;
          if (auto accepted = plan.header(body.substr(0, end)); !accepted) {
            return accepted;
          }
          line += static_cast<std::uint64_t>(std::ranges::count(body.substr(0, end), '\n'));
          body.remove_prefix(end);
        }
        bytes = text.size();
        return for_each_block(body, line, blocks, plan.work);
      });
}

}  // namespace etguard::fairness
