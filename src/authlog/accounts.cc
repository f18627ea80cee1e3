#include "authlog/accounts.h"

#include <simdjson.h>

#include <algorithm>

#include "authlog/reader.h"

namespace etguard::authlog {

struct AccountParser::State {
  simdjson::ondemand::parser parser;
};

AccountParser::AccountParser() : state_(std::make_unique<State>()) {}
AccountParser::~AccountParser() = default;

bool AccountParser::parse(std::string_view line, std::size_t capacity, Interner& strings,
                          std::uint32_t& user, AccountSnapshot& snapshot, std::string& problem) {
  snapshot = AccountSnapshot{};
  user = 0;
  try {
    auto document = state_->parser.iterate(line.data(), line.size(), capacity);
    for (auto field : document.get_object()) {
      const simdjson::ondemand::raw_json_string key = field.key();
      if (key == "user") {
        for (auto part : field.value().get_object()) {
          const simdjson::ondemand::raw_json_string part_key = part.key();
          if (part_key == "name") {
            // The view points into the parser's buffer: intern before the next field.
            user = strings.intern(part.value().get_string());
          } else if (part_key == "type") {
            snapshot.customer = std::string_view(part.value().get_string()) == "customer";
          }
        }
      } else if (key == "status") {
        for (auto part : field.value().get_object()) {
          const simdjson::ondemand::raw_json_string part_key = part.key();
          if (part_key == "locked") {
            snapshot.locked = part.value().get_bool();
          } else if (part_key == "consecutive_failures") {
            snapshot.consecutive_failures = static_cast<std::uint16_t>(
                std::min<std::uint64_t>(part.value().get_uint64(), 60000));
          }
        }
      } else if (key == "password_last_changed") {
        std::int64_t ms = -1;
        if (parse_time(field.value().get_string(), ms)) {
          snapshot.password_changed_ms = ms;
        }
      }
    }
  } catch (const simdjson::simdjson_error& error) {
    problem = std::string("not a JSON account: ") + error.what();
    return false;
  }
  if (user == 0) {
    problem = "no user.name";
    return false;
  }
  return true;
}

Result<std::size_t> load_accounts(const std::string& path, Interner& strings, Analyzer& analyzer,
                                  std::vector<LineProblem>& problems) {
  AccountParser parser;
  std::size_t loaded = 0;
  std::uint32_t user = 0;
  AccountSnapshot snapshot;
  std::string problem;
  auto status = for_each_line(
      path,
      [&](std::string_view text, std::size_t capacity, std::uint32_t number) {
        if (!parser.parse(text, capacity, strings, user, snapshot, problem)) {
          problems.push_back({path, number, problem});
          return;
        }
        analyzer.set_account(user, snapshot);
        ++loaded;
      },
      problems);
  if (!status) {
    return std::unexpected(status.error());
  }
  return loaded;
}

}  // namespace etguard::authlog
