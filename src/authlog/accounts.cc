#include "authlog/accounts.h"

#include <simdjson.h>

#include <algorithm>
#include <array>

#include "authlog/reader.h"

namespace etguard::authlog {

struct AccountParser::State {
  simdjson::ondemand::parser parser;
};

AccountParser::AccountParser() : state_(std::make_unique<State>()) {}
AccountParser::~AccountParser() = default;

bool AccountParser::parse(std::string_view line, std::size_t capacity, std::string& name,
                          AccountSnapshot& snapshot, std::string& problem) {
  snapshot = AccountSnapshot{};
  name.clear();
  try {
    auto document = state_->parser.iterate(line.data(), line.size(), capacity);
    for (auto field : document.get_object()) {
      const simdjson::ondemand::raw_json_string key = field.key();
      if (key == "user") {
        for (auto part : field.value().get_object()) {
          const simdjson::ondemand::raw_json_string part_key = part.key();
          if (part_key == "name") {
            name.assign(std::string_view(part.value().get_string()));  // dies with the line
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
  if (name.empty()) {
    problem = "no user.name";
    return false;
  }
  return true;
}

namespace {

struct Entry {
  std::string name;
  std::uint64_t hash = 0;
  AccountSnapshot snapshot;
};

// The accounts read but not yet interned: as with the events (parse_jsonl.h),
// a name's table slot is fetched when its line is read and the name interned
// kDepth lines later, so the cache misses of several names overlap.
class AccountPipeline {
 public:
  AccountPipeline(Interner& strings, Analyzer& analyzer) : strings_(strings), analyzer_(analyzer) {}

  // The slot to fill with the next line.
  Entry& next() { return entries_[(oldest_ + count_) % kDepth]; }
  // The line in next() was an account: fetch its slot, and set down the oldest when full.
  void push() {
    Entry& entry = next();
    entry.hash = Interner::hash(entry.name);
    strings_.prefetch(entry.hash);
    if (++count_ == kDepth) {
      pop();
    }
  }
  void drain() {
    while (count_ > 0) {
      pop();
    }
  }

 private:
  static constexpr std::size_t kDepth = 16;
  void pop() {
    Entry& entry = entries_[oldest_];
    analyzer_.set_account(strings_.intern(entry.name, entry.hash), entry.snapshot);
    oldest_ = (oldest_ + 1) % kDepth;
    --count_;
  }
  Interner& strings_;
  Analyzer& analyzer_;
  std::array<Entry, kDepth> entries_;
  std::size_t oldest_ = 0;
  std::size_t count_ = 0;
};

}  // namespace

Result<std::size_t> load_accounts(const std::string& path, Interner& strings, Analyzer& analyzer,
                                  std::vector<LineProblem>& problems) {
  AccountParser parser;
  AccountPipeline pipeline(strings, analyzer);
  std::size_t loaded = 0;
  std::string problem;
  auto status = for_each_line(
      path,
      [&](std::string_view text, std::size_t capacity, std::uint32_t number) {
        Entry& entry = pipeline.next();
        if (!parser.parse(text, capacity, entry.name, entry.snapshot, problem)) {
          problems.push_back({path, number, problem});
          return;
        }
        pipeline.push();
        ++loaded;
      },
      problems);
  pipeline.drain();
  if (!status) {
    return std::unexpected(status.error());
  }
  return loaded;
}

}  // namespace etguard::authlog
