#include "authlog/parse_jsonl.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <charconv>

#include "authlog/fields.h"

namespace etguard::authlog {
namespace {

namespace od = simdjson::ondemand;

}  // namespace

struct JsonlParser::State {
  od::parser parser;
  Interner& strings;
  // The user name and address of the line, hashed and prefetched as they are
  // read, interned at its end: the two cache misses of each lookup overlap
  // with the parsing in between instead of stalling it.
  std::string_view user_text;
  std::string_view ip_text;
  std::uint64_t user_hash = 0;
  std::uint64_t ip_hash = 0;
  bool has_user = false;
  bool has_ip = false;
  std::string_view unlock_method;
  std::string_view unlock_result;
  bool has_unlock_method = false;
  SourceKeys sources;
  // The few services and reasons of a log, without hashing each time.
  std::vector<std::pair<std::string, std::uint32_t>> recent;

  std::uint32_t intern_small(std::string_view text) {
    for (const auto& [seen, id] : recent) {
      if (seen == text) {
        return id;
      }
    }
    const std::uint32_t id = strings.intern(text);
    if (recent.size() < 32) {
      recent.emplace_back(text, id);
    }
    return id;
  }

  explicit State(Interner& interner) : strings(interner), sources(interner) {}

  void read_event(od::object object, Event& event) {
    for (auto field : object) {
      const od::raw_json_string key = field.key();
      if (key == "id") {
        event.id = hex_id(field.value().get_string());
      } else if (key == "action") {
        event.action = action_of(field.value().get_string());
      } else if (key == "outcome") {
        event.success = std::string_view(field.value().get_string()) == "success";
      } else if (key == "reason") {
        event.reason = intern_small(field.value().get_string());
      }
    }
  }

  void read_user(od::object object, Event& event) {
    for (auto field : object) {
      const od::raw_json_string key = field.key();
      if (key == "name") {
        // Interned at the end of the line: the table slot is fetched meanwhile.
        user_text = field.value().get_string();
        user_hash = Interner::hash(user_text);
        strings.prefetch(user_hash, false);
        has_user = true;
      } else if (key == "id") {
        event.user_exists = true;
      } else if (key == "type") {
        event.customer = std::string_view(field.value().get_string()) == "customer";
      }
    }
  }

  void read_source(od::object object) {
    for (auto field : object) {
      if (field.key() == "ip") {
        ip_text = field.value().get_string();
        ip_hash = Interner::hash(ip_text);
        strings.prefetch(ip_hash, false);
        has_ip = true;
        if (has_user) {
          strings.prefetch(user_hash, true);  // its slot has arrived: now its record
        }
      }
    }
  }

  void read_auth(od::object object, Event& event) {
    for (auto field : object) {
      const od::raw_json_string key = field.key();
      if (key == "factors") {
        for (auto factor : field.value().get_array()) {
          event.factor_types |= factor_type(factor.get_string());
        }
      } else if (key == "password_last_changed") {
        std::int64_t ms = 0;
        if (parse_time(field.value().get_string(), ms)) {
          event.password_changed_ms = ms;
        }
      } else if (key == "verification") {
        for (auto part : field.value().get_object()) {
          const od::raw_json_string name = part.key();
          if (name == "method") {
            unlock_method = part.value().get_string();
            has_unlock_method = true;
          } else if (name == "result") {
            unlock_result = part.value().get_string();
          }
        }
      }
    }
  }
};

JsonlParser::JsonlParser(Interner& strings) : state_(std::make_unique<State>(strings)) {}
JsonlParser::~JsonlParser() = default;

bool JsonlParser::parse(std::string_view line, std::size_t capacity, Event& event,
                        std::string& problem) {
  State& s = *state_;
  event = Event{};
  s.has_unlock_method = false;
  s.has_user = false;
  s.has_ip = false;
  s.unlock_method = {};
  s.unlock_result = {};
  bool has_time = false;
  try {
    od::document document = s.parser.iterate(line.data(), line.size(), capacity);
    for (auto field : document.get_object()) {
      const od::raw_json_string key = field.key();
      if (key == "@timestamp") {
        const std::string_view text = field.value().get_string();
        if (!parse_time(text, event.time_ms)) {
          problem = fmt::format("@timestamp '{}' is not an ISO-8601 time", text);
          return false;
        }
        has_time = true;
      } else if (key == "event") {
        s.read_event(field.value().get_object(), event);
      } else if (key == "service") {
        for (auto part : field.value().get_object()) {
          if (part.key() == "name") {
            event.service = s.intern_small(part.value().get_string());
          }
        }
      } else if (key == "user") {
        s.read_user(field.value().get_object(), event);
      } else if (key == "source") {
        s.read_source(field.value().get_object());
      } else if (key == "auth") {
        s.read_auth(field.value().get_object(), event);
      } else if (key == "labels") {
        for (auto part : field.value().get_object()) {
          if (part.key() == "ref_event_id") {
            event.ref_id = hex_id(part.value().get_string());
          }
        }
      } else if (key == "notification") {
        for (auto part : field.value().get_object()) {
          if (part.key() == "status") {
            event.notification_sent = std::string_view(part.value().get_string()) == "sent";
          }
        }
      }
    }
  } catch (const simdjson::simdjson_error& error) {
    problem = fmt::format("not a JSON event: {}", error.what());
    return false;
  }
  if (s.has_ip) {
    s.strings.prefetch(s.ip_hash, true);
  }
  if (s.has_user) {
    event.user = s.strings.intern(s.user_text, s.user_hash);
  }
  if (s.has_ip) {
    s.sources.set(event, s.ip_text, s.ip_hash);
  }
  if (!has_time) {
    problem = "no @timestamp";
    return false;
  }
  if (event.action == Action::kOther) {
    problem = "no known event.action";
    return false;
  }
  event.unlock_verified =
      s.has_unlock_method && valid_unlock_method(s.unlock_method) && s.unlock_result == "success";
  return true;
}

}  // namespace etguard::authlog
