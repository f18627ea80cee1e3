#include "pii/genai_log.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <thread>

#include "pii/mask.h"
#include "tabular/csv.h"

namespace etguard::pii {
namespace {

namespace dom = simdjson::dom;

constexpr std::size_t kProblemsKept = 20;

// A dotted key path as a JSON pointer: "metadata.user_id" -> "/metadata/user_id".
std::string pointer_of(std::string_view path) {
  std::string pointer;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    pointer += '/';
    for (const char c : path.substr(start, dot - start)) {
      if (c == '~') {
        pointer += "~0";
      } else if (c == '/') {
        pointer += "~1";
      } else {
        pointer += c;
      }
    }
    start = dot + 1;
  }
  return pointer;
}

// Pointers tried in order for one field.
using Candidates = std::vector<std::string>;

Candidates candidates(const std::string& mapped, std::initializer_list<std::string_view> usual) {
  Candidates pointers;
  if (!mapped.empty()) {
    pointers.push_back(pointer_of(mapped));
    return pointers;
  }
  for (const std::string_view path : usual) {
    pointers.push_back(pointer_of(path));
  }
  return pointers;
}

struct Pointers {
  Candidates time, user, department, model, destination, request;
  bool request_mapped = false;
};

Pointers pointers_of(const GenaiFieldMap& map) {
  return {
      .time = candidates(map.time, {"timestamp", "ts", "time", "@timestamp", "created_at"}),
      .user = candidates(map.user, {"user", "user_id", "metadata.user_id", "metadata.user"}),
      .department = candidates(map.department,
                               {"department", "team", "metadata.department", "metadata.team"}),
      .model = candidates(map.model, {"model"}),
      .destination = candidates(map.destination, {"endpoint", "url", "api_base", "provider"}),
      .request = candidates(map.request, {"request", "body"}),
      .request_mapped = !map.request.empty(),
  };
}

// The first candidate present as a single value, as text.
std::string value_text(const dom::element& record, const Candidates& pointers) {
  for (const std::string& pointer : pointers) {
    const auto found = record.at_pointer(pointer);
    if (found.error() != simdjson::SUCCESS) {
      continue;
    }
    const dom::element value = found.value_unsafe();
    switch (value.type()) {
      case dom::element_type::STRING:
        return std::string(value.get_string().value_unsafe());
      case dom::element_type::INT64:
      case dom::element_type::UINT64:
      case dom::element_type::DOUBLE:
      case dom::element_type::BOOL:
        return simdjson::minify(value);
      default:
        continue;
    }
  }
  return {};
}

// Where a text sits in the request, rendered only for a finding:
// key[index].member[part]tail, e.g. messages[1].content[0].text.
struct Where {
  std::string_view key;
  int index = -1;
  std::string_view member;
  int part = -1;
  std::string_view tail;

  std::string text() const {
    std::string out(key);
    if (index >= 0) {
      out += fmt::format("[{}]", index);
    }
    if (!member.empty()) {
      out += '.';
      out += member;
    }
    if (part >= 0) {
      out += fmt::format("[{}]", part);
    }
    out += tail;
    return out;
  }
};

Where where(std::string_view key, int index = -1, std::string_view member = {}, int part = -1,
            std::string_view tail = {}) {
  return {.key = key, .index = index, .member = member, .part = part, .tail = tail};
}

struct Segment {
  std::size_t start = 0;  // in Worker::text_
  std::size_t size = 0;
  std::uint32_t record = 0;  // in Worker::records_
  Where where;
};

struct RecordInfo {
  std::string time, user, department, model, destination;
  bool on_premises = false;
};

// A record holding a prompt: its line and bytes, described again only when
// something is found in it (most prompts hold nothing); a CSV row comes
// described.
struct PromptRecord {
  std::uint64_t line = 0;  // in the chunk, 0-based
  std::string_view bytes;  // in the chunk (JSON Lines)
  std::optional<RecordInfo> info;
};

// Where each field is in a CSV log's rows; nullopt: not there.
struct CsvColumns {
  std::optional<std::size_t> time, user, department, model, destination, request;
  std::string request_name;  // the prompt column's header
};

struct Chunk {
  std::string storage;
  std::string_view text;
  bool continues_line = false;  // its first line began in an earlier chunk
  std::uint64_t lines = 0;
  std::uint64_t records = 0;
  std::uint64_t prompts = 0;
  std::uint64_t prompt_bytes = 0;
  std::uint64_t bad_records = 0;
  std::vector<std::pair<std::uint64_t, Error>> problems;  // (line in the chunk, problem)
  std::vector<PromptFinding> findings;
};

// One thread's parser, scanner scratch and buffers, reused chunk to chunk.
class Worker {
 public:
  Worker(const Scanner& scanner, const GenaiRules& rules, const Pointers& pointers,
         std::size_t record_bytes)
      : scanner_(scanner),
        rules_(rules),
        pointers_(pointers),
        record_bytes_(record_bytes),
        scratch_(scanner) {
    for (const std::string& name : rules.ignore) {
      for (int i = 0; i < kBuiltinTypeCount; ++i) {
        if (type_name(static_cast<PiiType>(i)) == name) {
          ignored_.set(static_cast<std::size_t>(i));
        }
      }
    }
  }

  void run(Chunk& chunk) {
    chunk.lines = chunk.records = chunk.prompts = chunk.prompt_bytes = chunk.bad_records = 0;
    chunk.problems.clear();
    chunk.findings.clear();
    text_.clear();
    segments_.clear();
    records_.clear();
    std::string_view rest = chunk.text;
    const bool cut =
        !chunk.text.empty() && chunk.text.back() != '\n' && chunk.text.size() >= record_bytes_;
    bool first = true;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      const std::uint64_t number = chunk.lines;
      if (end != std::string_view::npos) {
        ++chunk.lines;
      }
      const bool continuation = first && chunk.continues_line;
      first = false;
      if (continuation) {
        continue;  // the rest of a record too long to read, counted where it began
      }
      if (cut && rest.empty() && end == std::string_view::npos) {
        problem(chunk, number,
                fmt::format("a record longer than {} MiB, skipped", record_bytes_ >> 20U),
                fmt::format("紀錄超過 {} MiB，已略過", record_bytes_ >> 20U));
        continue;
      }
      if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
      }
      if (line.find_first_not_of(" \t") == std::string_view::npos) {
        continue;
      }
      read_record(chunk, number, line);
    }
    scan(chunk);
  }

  // A CSV log's rows (the first is the header): the prompt column's text,
  // or the request body when the cell holds a JSON object.
  void run_csv(Chunk& chunk, const std::vector<tabular::CsvRecord>& rows,
               const CsvColumns& columns) {
    text_.clear();
    segments_.clear();
    records_.clear();
    const auto cell = [](const tabular::CsvRecord& row, std::optional<std::size_t> column) {
      return column && *column < row.fields.size() ? row.fields[*column] : std::string();
    };
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const tabular::CsvRecord& row = rows[i];
      const auto line = static_cast<std::uint64_t>(row.line - 1);
      if (row.fields.size() == 1 && row.fields[0].empty()) {
        continue;  // a blank line
      }
      ++chunk.records;
      const std::string prompt = cell(row, columns.request);
      const auto record_index = static_cast<std::uint32_t>(records_.size());
      const std::size_t before = segments_.size();
      dom::element body;
      if (prompt.starts_with('{') && parse(prompt, 0, body) == simdjson::SUCCESS &&
          body.is_object()) {
        gather(body, record_index);
      } else {
        add_text(prompt, record_index, where(columns.request_name));
      }
      if (segments_.size() == before) {
        continue;
      }
      ++chunk.prompts;
      RecordInfo info{cell(row, columns.time),        cell(row, columns.user),
                      cell(row, columns.department),  cell(row, columns.model),
                      cell(row, columns.destination), false};
      info.on_premises = on_premises(rules_, info.model, info.destination);
      records_.push_back({.line = line, .bytes = {}, .info = std::move(info)});
    }
    chunk.lines = rows.empty() ? 0 : static_cast<std::uint64_t>(rows.back().line);
    scan(chunk);
  }

 private:
  void problem(Chunk& chunk, std::uint64_t line, std::string en, std::string zh) const {
    ++chunk.bad_records;
    if (chunk.problems.size() < kProblemsKept) {
      chunk.problems.emplace_back(line, Error{ErrorKind::kInput, std::move(en), std::move(zh)});
    }
  }

  // The record at `bytes` parsed, in place when `room` bytes of the same
  // buffer follow it (simdjson's padding), else from a padded copy.
  simdjson::error_code parse(std::string_view bytes, std::size_t room, dom::element& record) {
    if (room >= simdjson::SIMDJSON_PADDING) {
      return parser_.parse(bytes.data(), bytes.size(), false).get(record);
    }
    padded_.assign(bytes);
    padded_.resize(bytes.size() + simdjson::SIMDJSON_PADDING);
    return parser_.parse(padded_.data(), bytes.size(), false).get(record);
  }

  // The request object of a record: the mapped or usual place, else the record.
  dom::element request_of(const dom::element& record) const {
    for (const std::string& pointer : pointers_.request) {
      const auto found = record.at_pointer(pointer);
      if (found.error() == simdjson::SUCCESS && found.value_unsafe().is_object()) {
        return found.value_unsafe();
      }
    }
    return record;
  }

  // Bytes of `chunk` after `bytes` (which lie in it).
  static std::size_t room_after(std::string_view bytes, std::string_view chunk) {
    return chunk.size() - static_cast<std::size_t>(bytes.data() - chunk.data()) - bytes.size();
  }

  void read_record(Chunk& chunk, std::uint64_t line, std::string_view bytes) {
    dom::element record;
    if (const auto error = parse(bytes, room_after(bytes, chunk.text), record); error) {
      problem(chunk, line, fmt::format("not a JSON record: {}", simdjson::error_message(error)),
              fmt::format("非 JSON 紀錄：{}", simdjson::error_message(error)));
      return;
    }
    if (!record.is_object()) {
      problem(chunk, line, "not a JSON object ({...})", "非 JSON 鍵值紀錄（{...}）");
      return;
    }
    ++chunk.records;
    const auto record_index = static_cast<std::uint32_t>(records_.size());
    const std::size_t before = segments_.size();
    gather(request_of(record), record_index);
    if (segments_.size() == before) {
      return;
    }
    ++chunk.prompts;
    records_.push_back({.line = line, .bytes = bytes, .info = std::nullopt});
  }

  // Who sent a record with a finding, and where.
  RecordInfo describe(std::string_view bytes, std::string_view chunk) {
    RecordInfo info;
    dom::element record;
    if (parse(bytes, room_after(bytes, chunk), record) != simdjson::SUCCESS) {
      return info;  // read once already: cannot happen
    }
    const dom::element request = request_of(record);
    // The request body names its model, and OpenAI's its end user, wherever
    // the body sits.
    static const Candidates in_request_model{"/model"};
    static const Candidates in_request_user{"/user"};
    info.time = value_text(record, pointers_.time);
    info.user = value_text(record, pointers_.user);
    if (info.user.empty()) {
      info.user = value_text(request, in_request_user);
    }
    info.department = value_text(record, pointers_.department);
    info.model = value_text(record, pointers_.model);
    if (info.model.empty()) {
      info.model = value_text(request, in_request_model);
    }
    info.destination = value_text(record, pointers_.destination);
    info.on_premises = on_premises(rules_, info.model, info.destination);
    return info;
  }

  void add_text(std::string_view value, std::uint32_t record, const Where& at) {
    if (value.empty()) {
      return;
    }
    segments_.push_back(
        {.start = text_.size(), .size = value.size(), .record = record, .where = at});
    text_ += value;
    text_ += '\n';
  }

  // A content: a string, or a list of parts (strings or {"text": ...}).
  void add_content(const dom::element& content, std::uint32_t record, Where at) {
    if (content.is_string()) {
      add_text(content.get_string().value_unsafe(), record, at);
      return;
    }
    if (!content.is_array()) {
      return;
    }
    const dom::array parts = content.get_array().value_unsafe();
    at.part = 0;
    for (const dom::element part : parts) {
      if (part.is_string()) {
        at.tail = "";
        add_text(part.get_string().value_unsafe(), record, at);
      } else if (part.is_object()) {
        if (const auto text = part["text"]; text.is_string()) {
          at.tail = ".text";
          add_text(text.get_string().value_unsafe(), record, at);
        }
      }
      ++at.part;
    }
  }

  // Every text the request gives the model.
  void gather(const dom::element& request, std::uint32_t record) {
    if (const auto messages = request["messages"]; messages.is_array()) {
      const dom::array list = messages.get_array().value_unsafe();
      int i = 0;
      for (const dom::element message : list) {
        const int index = i++;
        if (!message.is_object()) {
          continue;
        }
        if (const auto content = message["content"]; content.error() == simdjson::SUCCESS) {
          add_content(content.value_unsafe(), record, where("messages", index, "content"));
        }
        if (const auto calls = message["tool_calls"]; calls.is_array()) {
          const dom::array call_list = calls.get_array().value_unsafe();
          int j = 0;
          for (const dom::element call : call_list) {
            if (const auto arguments = call.at_pointer("/function/arguments");
                arguments.is_string()) {
              add_text(arguments.get_string().value_unsafe(), record,
                       where("messages", index, "tool_calls", j, ".function.arguments"));
            }
            ++j;
          }
        }
      }
    }
    for (const std::string_view key : {"prompt", "instructions", "system"}) {
      if (const auto value = request[key]; value.error() == simdjson::SUCCESS) {
        add_content(value.value_unsafe(), record, where(key));
      }
    }
    const auto input = request["input"];
    if (input.is_string()) {
      add_text(input.get_string().value_unsafe(), record, where("input"));
    } else if (input.is_array()) {
      const dom::array items = input.get_array().value_unsafe();
      int i = 0;
      for (const dom::element item : items) {
        const int index = i++;
        if (item.is_string()) {
          add_text(item.get_string().value_unsafe(), record, where("input", index));
        } else if (item.is_object()) {
          if (const auto content = item["content"]; content.error() == simdjson::SUCCESS) {
            add_content(content.value_unsafe(), record, where("input", index, "content"));
          }
        }
      }
    }
  }

  void scan(Chunk& chunk) {
    found_.clear();
    scanner_.scan(text_, scratch_, found_);
    for (const Segment& segment : segments_) {
      chunk.prompt_bytes += segment.size;
    }
    chunk.findings.reserve(found_.size());
    std::uint32_t described = std::numeric_limits<std::uint32_t>::max();
    RecordInfo info;
    for (const Detection& detection : found_) {
      if (detection.type < kBuiltinTypeCount && ignored_.test(detection.type)) {
        continue;
      }
      const auto after = std::ranges::upper_bound(segments_, detection.offset, {}, &Segment::start);
      const Segment& segment = *std::prev(after);
      const PromptRecord& record = records_[segment.record];
      if (segment.record != described) {
        info = record.info ? *record.info : describe(record.bytes, chunk.text);
        described = segment.record;
      }
      PromptFinding& finding = chunk.findings.emplace_back();
      finding.line = record.line;
      finding.field = segment.where.text();
      finding.offset = detection.offset - segment.start;
      finding.length = static_cast<std::uint32_t>(
          std::min<std::uint64_t>(detection.length, segment.size - finding.offset));
      finding.type = detection.type;
      finding.masked = Masker::same_length(
          std::string_view(text_).substr(detection.offset, finding.length), detection.type);
      finding.time = info.time;
      finding.user = info.user;
      finding.department = info.department;
      finding.model = info.model;
      finding.destination = info.destination;
      finding.on_premises = info.on_premises;
    }
  }

  const Scanner& scanner_;
  const GenaiRules& rules_;
  const Pointers& pointers_;
  std::size_t record_bytes_;
  ScanScratch scratch_;
  dom::parser parser_;
  std::bitset<kBuiltinTypeCount> ignored_;
  std::string padded_;
  std::string text_;  // the chunk's prompt texts, a line end after each
  std::vector<Segment> segments_;
  std::vector<PromptRecord> records_;
  std::vector<Detection> found_;
};

}  // namespace

Status set_genai_field(GenaiFieldMap& map, std::string_view assignment) {
  const std::size_t equals = assignment.find('=');
  const std::string_view name = assignment.substr(0, equals);
  const std::string path(equals == std::string_view::npos ? std::string_view()
                                                          : assignment.substr(equals + 1));
  std::string* field = nullptr;
  if (name == "time") {
    field = &map.time;
  } else if (name == "user") {
    field = &map.user;
  } else if (name == "department") {
    field = &map.department;
  } else if (name == "model") {
    field = &map.model;
  } else if (name == "destination") {
    field = &map.destination;
  } else if (name == "request") {
    field = &map.request;
  }
  if (field == nullptr || path.empty()) {
    return fail(ErrorKind::kUsage,
                fmt::format("--field '{}': use NAME=PATH, NAME one of time, user, department, "
                            "model, destination, request",
                            assignment),
                fmt::format("--field '{}'：請用 名稱=路徑，名稱為 time、user、department、model、"
                            "destination 或 request",
                            assignment));
  }
  *field = path;
  return {};
}

namespace {

Result<GenaiLogResult> scan_jsonl(const Scanner& scanner, const GenaiRules& rules,
                                  const GenaiFieldMap& fields, const Input& input,
                                  const GenaiScanSettings& settings) {
  auto reader = ChunkReader::open(input, settings.chunk_bytes, settings.record_bytes);
  if (!reader) {
    return std::unexpected(reader.error());
  }
  const Pointers pointers = pointers_of(fields);
  const std::size_t jobs = std::max<std::size_t>(1, settings.jobs);
  std::vector<std::unique_ptr<Worker>> workers;
  workers.reserve(jobs);
  for (std::size_t i = 0; i < jobs; ++i) {
    workers.push_back(std::make_unique<Worker>(scanner, rules, pointers, settings.record_bytes));
  }
  GenaiLogResult result;
  result.input = input;
  std::vector<Chunk> batch(jobs);
  std::vector<Chunk> next(jobs);
  bool open_line = false;  // the last chunk read ended inside a line
  const auto fill = [&](std::vector<Chunk>& into) -> Result<std::size_t> {
    std::size_t count = 0;
    while (count < into.size()) {
      auto more = reader->next(into[count].storage, into[count].text);
      if (!more) {
        return std::unexpected(more.error());
      }
      if (!*more) {
        break;
      }
      into[count].continues_line = open_line;
      open_line = !into[count].text.empty() && into[count].text.back() != '\n';
      ++count;
    }
    return count;
  };
  auto filled = fill(batch);
  if (!filled) {
    return std::unexpected(filled.error());
  }
  std::size_t count = *filled;
  std::uint64_t base_line = 1;
  while (count > 0) {
    std::vector<std::jthread> threads;
    for (std::size_t i = 1; i < count; ++i) {
      threads.emplace_back([&, i] { workers[i]->run(batch[i]); });
    }
    workers[0]->run(batch[0]);
    auto read_ahead = fill(next);
    threads.clear();
    if (!read_ahead) {
      return std::unexpected(read_ahead.error());
    }
    for (std::size_t i = 0; i < count; ++i) {
      Chunk& chunk = batch[i];
      for (auto& [line, error] : chunk.problems) {
        if (result.problems.size() < kProblemsKept) {
          error.message = fmt::format("{}:{}: {}", input.name, base_line + line, error.message);
          error.message_zh =
              fmt::format("{}：第 {} 行：{}", input.name, base_line + line, error.message_zh);
          result.problems.push_back(std::move(error));
        }
      }
      for (PromptFinding& finding : chunk.findings) {
        finding.line += base_line;
      }
      if (settings.sink) {
        settings.sink(input, chunk.findings);
      }
      result.records += chunk.records;
      result.prompts += chunk.prompts;
      result.prompt_bytes += chunk.prompt_bytes;
      result.bad_records += chunk.bad_records;
      result.bytes += chunk.text.size();
      base_line += chunk.lines;
      if (settings.progress) {
        settings.progress(chunk.text.size());
      }
    }
    std::swap(batch, next);
    count = *read_ahead;
  }
  return result;
}

// The column `mapped` names, else the first of `usual` in the header.
std::optional<std::size_t> column_of(const std::vector<std::string>& header,
                                     const std::string& mapped,
                                     std::initializer_list<std::string_view> usual) {
  const auto find = [&](std::string_view name) -> std::optional<std::size_t> {
    const auto found = std::ranges::find(header, name);
    return found == header.end() ? std::nullopt
                                 : std::optional(static_cast<std::size_t>(found - header.begin()));
  };
  if (!mapped.empty()) {
    return find(mapped);
  }
  for (const std::string_view name : usual) {
    if (auto found = find(name)) {
      return found;
    }
  }
  return std::nullopt;
}

// A CSV log with a header row, read whole (RFC 4180: prompts hold line
// breaks inside quotes, so rows cannot be split by lines).
Result<GenaiLogResult> scan_csv(const Scanner& scanner, const GenaiRules& rules,
                                const GenaiFieldMap& fields, const Input& input,
                                const GenaiScanSettings& settings) {
  constexpr std::size_t kLargest = std::size_t{1} << 30U;
  auto reader = ChunkReader::open(input, settings.chunk_bytes, settings.record_bytes);
  if (!reader) {
    return std::unexpected(reader.error());
  }
  Chunk chunk;
  std::string whole;
  while (true) {
    auto more = reader->next(chunk.storage, chunk.text);
    if (!more) {
      return std::unexpected(more.error());
    }
    if (!*more) {
      break;
    }
    whole += chunk.text;
    if (whole.size() > kLargest) {
      return fail(
          ErrorKind::kInput,
          fmt::format("{}: a CSV log larger than 1 GiB; give JSON Lines instead", input.name),
          fmt::format("{}：CSV 日誌超過 1 GiB；請改用 JSON Lines", input.name));
    }
    if (settings.progress) {
      settings.progress(chunk.text.size());
    }
  }
  auto rows = tabular::parse_csv(whole, input.name);
  if (!rows) {
    return std::unexpected(rows.error());
  }
  GenaiLogResult result;
  result.input = input;
  result.bytes = whole.size();
  if (rows->empty()) {
    return result;
  }
  const std::vector<std::string>& header = rows->front().fields;
  CsvColumns columns;
  columns.time = column_of(header, fields.time, {"timestamp", "ts", "time", "created_at"});
  columns.user = column_of(header, fields.user, {"user", "user_id", "employee"});
  columns.department = column_of(header, fields.department, {"department", "team", "dept"});
  columns.model = column_of(header, fields.model, {"model"});
  columns.destination =
      column_of(header, fields.destination, {"endpoint", "url", "api_base", "provider"});
  columns.request = column_of(header, fields.request,
                              {"prompt", "request", "input", "message", "content", "question"});
  if (!columns.request) {
    const std::string wanted = fields.request.empty() ? "prompt, request, input, message, content "
                                                        "or question"
                                                      : "'" + fields.request + "'";
    return fail(
        ErrorKind::kInput,
        fmt::format("{}:1: no column {} holds the prompt; name it with --field "
                    "request=COLUMN",
                    input.name, wanted),
        fmt::format("{}:1：無提示欄位 {}；請以 --field request=欄位 指明", input.name, wanted));
  }
  columns.request_name = header[*columns.request];
  const Pointers pointers = pointers_of(fields);
  Worker worker(scanner, rules, pointers, settings.record_bytes);
  Chunk rows_chunk;
  worker.run_csv(rows_chunk, *rows, columns);
  for (PromptFinding& finding : rows_chunk.findings) {
    finding.line += 1;
  }
  if (settings.sink) {
    settings.sink(input, rows_chunk.findings);
  }
  result.records = rows_chunk.records;
  result.prompts = rows_chunk.prompts;
  result.prompt_bytes = rows_chunk.prompt_bytes;
  return result;
}

}  // namespace

Result<GenaiLogResult> scan_genai_log(const Scanner& scanner, const GenaiRules& rules,
                                      const GenaiFieldMap& fields, const Input& input,
                                      const GenaiScanSettings& settings) {
  const bool csv = settings.format == "csv" ||
                   (settings.format.empty() &&
                    (input.name.ends_with(".csv") || input.name.ends_with(".csv.gz")));
  auto scanned = csv ? scan_csv(scanner, rules, fields, input, settings)
                     : scan_jsonl(scanner, rules, fields, input, settings);
  if (!scanned) {
    return scanned;
  }
  const GenaiLogResult& result = *scanned;
  if (result.prompts == 0) {
    const std::string why =
        result.records == 0
            ? fmt::format("{}: no record ({} lines skipped{})", input.name, result.bad_records,
                          result.problems.empty() ? "" : "; first: " + result.problems[0].message)
            : fmt::format(
                  "{}: none of its {} records holds a prompt (messages, prompt, input, "
                  "instructions or system); name where the request is with --field "
                  "request=PATH",
                  input.name, result.records);
    const std::string why_zh =
        result.records == 0
            ? fmt::format("{}：無任何紀錄（略過 {} 行{}）", input.name, result.bad_records,
                          result.problems.empty() ? "" : "；首筆：" + result.problems[0].message_zh)
            : fmt::format(
                  "{}：{} 筆紀錄皆無提示內容（messages、prompt、input、instructions 或 "
                  "system）；請以 --field request=路徑 指明請求所在",
                  input.name, result.records);
    return fail(ErrorKind::kInput, why, why_zh);
  }
  return scanned;
}

}  // namespace etguard::pii
