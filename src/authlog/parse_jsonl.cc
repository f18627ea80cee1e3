#include "authlog/parse_jsonl.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <string>

#include "authlog/fields.h"

namespace etguard::authlog {
namespace {

namespace od = simdjson::ondemand;

// A name of a kept event: copied out of the line (the read buffer moves on)
// with its hash, interned once its slot and record have arrived.
struct PendingName {
  std::string text;  // assign() reuses the capacity: no allocation once warm
  std::uint64_t hash = 0;
  bool present = false;

  void take(std::string_view value) {
    text.assign(value);
    present = true;
  }

  // Once the event's action is known: hashed and its slot fetched, or dropped.
  void settle(bool wanted, const Interner& strings) {
    present = present && wanted;
    if (present) {
      hash = Interner::hash(text);
      strings.prefetch(hash);
    }
  }
};

struct Kept {
  Event event;
  PendingName user;
  PendingName ip;
};

// Kept events: a line's slots are fetched when it is parsed and its names
// interned kDepth lines later. (Fetching the records too, half way, measured
// no gain.)
constexpr std::size_t kDepth = 16;

}  // namespace

struct JsonlParser::State {
  od::parser parser;
  Interner& strings;
  ActionSet named;
  SourceKeys sources;
  std::array<Kept, kDepth> kept;
  std::size_t oldest = 0;  // index in `kept`
  std::size_t count = 0;
  bool given_out = false;  // the oldest went out through next(): drop it on the next call
  // Of the line being parsed.
  std::string_view unlock_method;
  std::string_view unlock_result;
  bool has_unlock_method = false;
  // The few services and reasons of a log, without hashing each time.
  std::vector<std::pair<std::string, std::uint32_t>> recent;

  Kept& at(std::size_t age) { return kept[(oldest + age) % kDepth]; }

  void drop_given_out() {
    if (given_out) {
      oldest = (oldest + 1) % kDepth;
      --count;
      given_out = false;
    }
  }

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

  State(Interner& interner, ActionSet names) : strings(interner), named(names), sources(interner) {}

  void intern(Kept& k) {
    if (k.user.present) {
      k.event.user = strings.intern(k.user.text, k.user.hash);
    }
    if (k.ip.present) {
      sources.set(k.event, k.ip.text, k.ip.hash);
    }
  }

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

  void read_user(od::object object, Kept& line) {
    Event& event = line.event;
    for (auto field : object) {
      const od::raw_json_string key = field.key();
      if (key == "name") {
        line.user.take(field.value().get_string());
      } else if (key == "id") {
        event.user_exists = true;
      } else if (key == "type") {
        event.customer = std::string_view(field.value().get_string()) == "customer";
      }
    }
  }

  // The string `name` of `object` (the last, if repeated); nullopt when it
  // has none. The view lasts until the next line is parsed.
  static std::optional<std::string_view> string_field(od::object object, std::string_view name) {
    std::optional<std::string_view> found;
    for (auto field : object) {
      if (field.key() == name) {
        found = std::string_view(field.value().get_string());
      }
    }
    return found;
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

JsonlParser::JsonlParser(Interner& strings, ActionSet named)
    : state_(std::make_unique<State>(strings, named)) {}
JsonlParser::~JsonlParser() = default;

bool JsonlParser::parse(std::string_view line, std::size_t capacity, std::string& problem) {
  State& s = *state_;
  s.drop_given_out();
  if (s.count == kDepth) {
    throw std::logic_error("JsonlParser::parse: take the kept events with next() first");
  }
  Kept& k = s.at(s.count);
  Event& event = k.event;
  event = Event{};
  k.user.present = false;
  k.ip.present = false;
  s.has_unlock_method = false;
  s.unlock_method = {};
  s.unlock_result = {};
  bool has_time = false;
  try {
    od::document document = s.parser.iterate(line.data(), line.size(), capacity);
    for (auto field : document.get_object()) {
      const od::raw_json_string key = field.key();
      // By the first letter, then the whole name: an event has a dozen
      // top-level fields and most are not read.
      switch (*key.raw()) {
        case '@':
          if (key == "@timestamp") {
            const std::string_view text = field.value().get_string();
            if (!parse_time(text, event.time_ms)) {
              problem = fmt::format("@timestamp '{}' is not an ISO-8601 time", text);
              return false;
            }
            has_time = true;
          }
          break;
        case 'e':
          if (key == "event") {
            s.read_event(field.value().get_object(), event);
          }
          break;
        case 's':
          if (key == "service") {
            if (const auto name = State::string_field(field.value().get_object(), "name")) {
              event.service = s.intern_small(*name);
            }
          } else if (key == "source") {
            if (const auto ip = State::string_field(field.value().get_object(), "ip")) {
              k.ip.take(*ip);
            }
          }
          break;
        case 'u':
          if (key == "user") {
            s.read_user(field.value().get_object(), k);
          }
          break;
        case 'a':
          if (key == "auth") {
            s.read_auth(field.value().get_object(), event);
          }
          break;
        case 'l':
          if (key == "labels") {
            if (const auto ref = State::string_field(field.value().get_object(), "ref_event_id")) {
              event.ref_id = hex_id(*ref);
            }
          }
          break;
        case 'n':
          if (key == "notification") {
            event.notification_sent =
                State::string_field(field.value().get_object(), "status") == "sent";
          }
          break;
        default:
          break;
      }
    }
  } catch (const simdjson::simdjson_error& error) {
    problem = fmt::format("not a JSON event: {}", error.what());
    return false;
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
  ++s.count;
  const bool wanted = (s.named & action_bit(event.action)) != 0;
  k.user.settle(wanted, s.strings);
  k.ip.settle(wanted, s.strings);
  return true;
}

const Event* JsonlParser::next(bool drain) {
  State& s = *state_;
  s.drop_given_out();
  if (s.count == 0 || (!drain && s.count < kDepth)) {
    return nullptr;
  }
  Kept& k = s.at(0);
  s.intern(k);
  s.given_out = true;
  return &k.event;
}

}  // namespace etguard::authlog
