#include "authlog/accounts.h"

#include <simdjson.h>

#include "authlog/reader.h"

namespace etguard::authlog {

Result<std::size_t> load_accounts(const std::string& path, Interner& strings, Analyzer& analyzer,
                                  std::vector<LineProblem>& problems) {
  simdjson::ondemand::parser parser;
  std::size_t loaded = 0;
  auto status =
      for_each_line(path, [&](std::string_view text, std::size_t capacity, std::uint32_t number) {
        AccountSnapshot snapshot;
        std::string_view name;
        try {
          auto document = parser.iterate(text.data(), text.size(), capacity);
          for (auto field : document.get_object()) {
            const std::string_view key = field.unescaped_key();
            if (key == "user") {
              for (auto part : field.value().get_object()) {
                const std::string_view part_key = part.unescaped_key();
                if (part_key == "name") {
                  name = part.value().get_string();
                } else if (part_key == "type") {
                  snapshot.customer = std::string_view(part.value().get_string()) == "customer";
                }
              }
              // `name` points into the parser's buffer: intern before the next field.
              if (!name.empty()) {
                name = strings.text(strings.intern(name));
              }
            } else if (key == "status") {
              for (auto part : field.value().get_object()) {
                const std::string_view part_key = part.unescaped_key();
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
          problems.push_back({path, number, std::string("not a JSON account: ") + error.what()});
          return;
        }
        if (name.empty()) {
          problems.push_back({path, number, "no user.name"});
          return;
        }
        analyzer.set_account(strings.intern(name), snapshot);
        ++loaded;
      });
  if (!status) {
    return std::unexpected(status.error());
  }
  return loaded;
}

}  // namespace etguard::authlog
