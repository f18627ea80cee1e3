#include "authlog/parse_csv.h"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "authlog/fields.h"
#include "core/yaml_file.h"

namespace etguard::authlog {
namespace {

bool known_field(std::string_view field) {
  return std::ranges::find(kCsvFields, field) != std::end(kCsvFields);
}

enum Field : std::uint8_t {
  kTimestamp,
  kEventId,
  kAction,
  kOutcome,
  kReason,
  kService,
  kUserName,
  kUserId,
  kUserType,
  kSourceIp,
  kFactors,
  kPasswordChanged,
  kRefEventId,
  kNotificationStatus,
  kVerificationMethod,
  kVerificationResult,
  kFieldCount,
};

}  // namespace

Result<CsvMapping> load_csv_mapping(const std::string& path) {
  auto loaded = load_yaml_file(path, "the CSV mapping", "CSV 欄位對應檔");
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  const YamlNode root = *loaded;
  CsvMapping mapping;
  const YamlNode columns = root["columns"];
  if (!root.is_map() || !columns || !columns.is_map()) {
    return std::unexpected(yaml_error(path, root.mark(),
                                      "expected a map with a 'columns' map (field: column)",
                                      "應為含 columns 對應表（欄位: 欄名）的對應表"));
  }
  for (const auto& entry : columns.entries()) {
    const std::string field(entry.key.scalar());
    if (!known_field(field)) {
      return std::unexpected(
          yaml_error(path, entry.key.mark(),
                     fmt::format("unknown field '{}'; see docs/authlog-input.md#csv", field),
                     fmt::format("未知的欄位 '{}'；請見 docs/authlog-input.md#csv", field)));
    }
    auto column = yaml_as_text(path, entry.value);
    if (!column) {
      return std::unexpected(column.error());
    }
    mapping.columns[field] = std::move(*column);
  }
  for (const char* required : {"timestamp", "action", "user_name"}) {
    if (!mapping.columns.contains(required)) {
      return std::unexpected(yaml_error(path, columns.mark(),
                                        fmt::format("'columns' must map '{}'", required),
                                        fmt::format("columns 必須對應 '{}'", required)));
    }
  }
  const auto single_char = [&](const char* key, char& target) -> Status {
    if (const YamlNode node = root[key]) {
      const auto text = yaml_as_text(path, node);
      if (!text) {
        return std::unexpected(text.error());
      }
      if (text->size() != 1) {
        return std::unexpected(yaml_error(path, node.mark(),
                                          fmt::format("'{}' must be one character", key),
                                          fmt::format("{} 必須為單一字元", key)));
      }
      target = text->front();
    }
    return {};
  };
  if (Status ok = single_char("delimiter", mapping.delimiter); !ok) {
    return std::unexpected(ok.error());
  }
  if (Status ok = single_char("factor_separator", mapping.factor_separator); !ok) {
    return std::unexpected(ok.error());
  }
  if (const YamlNode zone = root["timezone"]) {
    auto timezone = yaml_as_text(path, zone);
    if (!timezone) {
      return std::unexpected(timezone.error());
    }
    mapping.timezone = std::move(*timezone);
    std::int64_t ms = 0;
    if (!parse_time("2025-01-01T00:00:00" + mapping.timezone, ms)) {
      return std::unexpected(yaml_error(path, zone.mark(),
                                        "'timezone' must be an offset such as +08:00 or Z",
                                        "timezone 必須為 +08:00 或 Z 之時差"));
    }
  }
  if (const YamlNode values = root["values"]) {
    for (const auto& entry : values.entries()) {
      const std::string field(entry.key.scalar());
      if (!known_field(field) || !entry.value.is_map()) {
        return std::unexpected(yaml_error(
            path, entry.key.mark(),
            fmt::format("values: '{}' must be a field with a map of the export's values", field),
            fmt::format("values：'{}' 必須為欄位及其值對應表", field)));
      }
      for (const auto& value : entry.value.entries()) {
        auto text = yaml_as_text(path, value.value);
        if (!text) {
          return std::unexpected(text.error());
        }
        mapping.values[field][std::string(value.key.scalar())] = std::move(*text);
      }
    }
  }
  return mapping;
}

struct CsvParser::State {
  Interner& strings;
  CsvMapping mapping;
  SourceKeys sources;
  csv_parser parser{};
  std::vector<std::string> fields;  // of the record being read
  bool header_done = false;
  std::array<int, kFieldCount> column_of{};  // field -> column index, -1 when unmapped
  std::array<const std::map<std::string, std::string>*, kFieldCount> values_of{};
  std::vector<Row> rows;  // completed by the current feed
  std::uint32_t line = 0;
  std::string header_problem;

  State(Interner& interner, CsvMapping m)
      : strings(interner), mapping(std::move(m)), sources(interner) {
    column_of.fill(-1);
    for (std::size_t field = 0; field < kFieldCount; ++field) {
      const auto found = mapping.values.find(std::string(kCsvFields[field]));
      values_of[field] = found == mapping.values.end() ? nullptr : &found->second;
    }
    start();
  }
  ~State() { csv_free(&parser); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  State(State&&) = delete;
  State& operator=(State&&) = delete;

  void start() {
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&parser, static_cast<unsigned char>(mapping.delimiter));
  }

  static void on_field(void* data, std::size_t size, void* self) {
    static_cast<State*>(self)->fields.emplace_back(static_cast<const char*>(data), size);
  }
  static void on_record(int /*terminator*/, void* self) { static_cast<State*>(self)->record(); }

  // A field's text with the export's spelling mapped to the contract's.
  std::string_view value(Field field) const {
    const int column = column_of[field];
    if (column < 0 || static_cast<std::size_t>(column) >= fields.size()) {
      return {};
    }
    const std::string& text = fields[static_cast<std::size_t>(column)];
    if (values_of[field] != nullptr) {
      const auto mapped = values_of[field]->find(text);
      if (mapped != values_of[field]->end()) {
        return mapped->second;
      }
    }
    return text;
  }

  bool time_of(std::string_view text, std::int64_t& ms) const {
    return parse_time(text, ms) || parse_time(std::string(text) + mapping.timezone, ms);
  }

  void header() {
    header_done = true;
    for (std::size_t field = 0; field < kFieldCount; ++field) {
      const auto mapped = mapping.columns.find(std::string(kCsvFields[field]));
      if (mapped == mapping.columns.end()) {
        continue;
      }
      const auto found = std::ranges::find(fields, mapped->second);
      if (found == fields.end()) {
        header_problem = fmt::format("the header has no column '{}' (mapped to {})", mapped->second,
                                     kCsvFields[field]);
        return;
      }
      column_of[field] = static_cast<int>(found - fields.begin());
    }
  }

  void record() {
    if (!header_done) {
      header();
      fields.clear();
      return;
    }
    Row row;
    row.line = line;
    row.ok = to_event(row.event, row.problem);
    rows.push_back(std::move(row));
    fields.clear();
  }

  bool to_event(Event& event, std::string& problem) {
    event = Event{};
    const std::string_view time = value(kTimestamp);
    if (!time_of(time, event.time_ms)) {
      problem = fmt::format("timestamp '{}' is not an ISO-8601 time", time);
      return false;
    }
    event.action = action_of(value(kAction));
    if (event.action == Action::kOther) {
      problem = fmt::format("action '{}' is not one of the contract's actions", value(kAction));
      return false;
    }
    event.id = hex_id(value(kEventId));
    event.ref_id = hex_id(value(kRefEventId));
    event.success = value(kOutcome) == "success";
    if (const std::string_view reason = value(kReason); !reason.empty()) {
      event.reason = strings.intern(reason);
    }
    event.service = strings.intern(value(kService));
    event.user = strings.intern(value(kUserName));
    event.user_exists = !value(kUserId).empty();
    event.customer = value(kUserType) == "customer";
    if (const std::string_view ip = value(kSourceIp); !ip.empty()) {
      sources.set(event, ip);
    }
    std::string_view factors = value(kFactors);
    while (!factors.empty()) {
      const std::size_t cut = std::min(factors.find(mapping.factor_separator), factors.size());
      event.factor_types |= factor_type(factors.substr(0, cut));
      factors.remove_prefix(std::min(cut + 1, factors.size()));
    }
    if (std::int64_t ms = 0; time_of(value(kPasswordChanged), ms)) {
      event.password_changed_ms = ms;
    }
    event.notification_sent = value(kNotificationStatus) == "sent";
    event.unlock_verified =
        valid_unlock_method(value(kVerificationMethod)) && value(kVerificationResult) == "success";
    return true;
  }
};

CsvParser::CsvParser(Interner& strings, CsvMapping mapping)
    : state_(std::make_unique<State>(strings, std::move(mapping))) {}
CsvParser::~CsvParser() = default;

Result<std::vector<CsvParser::Row>> CsvParser::feed(std::string_view line, std::uint32_t number) {
  State& s = *state_;
  s.line = number;
  s.rows.clear();
  const std::string text = std::string(line) + "\n";
  const std::size_t used =
      csv_parse(&s.parser, text.data(), text.size(), &State::on_field, &State::on_record, &s);
  if (!s.header_problem.empty()) {
    return fail(ErrorKind::kInput, fmt::format("line {}: {}", number, s.header_problem),
                fmt::format("第 {} 行：{}", number, s.header_problem));
  }
  if (used != text.size()) {
    // A malformed record (a stray quote): report it and start afresh on the next line.
    Row bad;
    bad.line = number;
    bad.problem = fmt::format("not a CSV record: {}", csv_strerror(csv_error(&s.parser)));
    s.rows.push_back(std::move(bad));
    s.fields.clear();
    csv_free(&s.parser);
    s.start();
  }
  return std::move(s.rows);
}

std::vector<CsvParser::Row> CsvParser::finish() {
  State& s = *state_;
  s.rows.clear();
  if (csv_fini(&s.parser, &State::on_field, &State::on_record, &s) != 0) {
    Row bad;
    bad.line = s.line;
    bad.problem = "the last CSV record is not closed (a quote is missing)";
    s.rows.push_back(std::move(bad));
  }
  return std::move(s.rows);
}

}  // namespace etguard::authlog
