#include "authlog/attacks.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace etguard::authlog {
namespace {

struct Span {
  std::int64_t start = 0;
  std::int64_t end = 0;
};

// Triggered windows, merged when closer than the gap.
class Episodes {
 public:
  explicit Episodes(std::int64_t gap) : gap_(gap) {}
  void trigger(std::int64_t start, std::int64_t end) {
    if (!spans_.empty() && start <= spans_.back().end + gap_) {
      spans_.back().start = std::min(spans_.back().start, start);
      spans_.back().end = std::max(spans_.back().end, end);
    } else {
      spans_.push_back({start, end});
    }
  }
  const std::vector<Span>& spans() const { return spans_; }

 private:
  std::int64_t gap_;
  std::vector<Span> spans_;
};

struct Attempt {
  std::int64_t time_ms;
  std::uint32_t other;  // the account (per source) or the source (per account)
  bool existing;
};

// Sliding windows of `length` over time-ordered attempts: calls `check(left,
// right, distinct)` after each attempt enters, with the distinct `other`
// values in [left, right].
template <typename Check>
void slide(const std::vector<Attempt>& attempts, std::int64_t length,
           bool (*counts)(const Attempt&), Check check) {
  std::unordered_map<std::uint32_t, int> in_window;
  std::size_t left = 0;
  for (std::size_t right = 0; right < attempts.size(); ++right) {
    if (counts(attempts[right])) {
      ++in_window[attempts[right].other];
    }
    while (attempts[left].time_ms < attempts[right].time_ms - length) {
      if (counts(attempts[left])) {
        auto found = in_window.find(attempts[left].other);
        if (--found->second == 0) {
          in_window.erase(found);
        }
      }
      ++left;
    }
    check(left, right, in_window);
  }
}

bool every(const Attempt& /*attempt*/) {
  return true;
}
bool existing_only(const Attempt& attempt) {
  return attempt.existing;
}
bool unknown_only(const Attempt& attempt) {
  return !attempt.existing;
}

Finding make(const char* type, std::vector<std::string> accounts, std::vector<std::string> ips,
             const Span& span) {
  Finding finding;
  finding.type = type;
  finding.accounts = std::move(accounts);
  finding.ips = std::move(ips);
  finding.start_ms = span.start;
  finding.end_ms = span.end;
  return finding;
}

}  // namespace

void AttackDetectors::failure(const Event& event, bool customer_channel) {
  failures_.push_back(
      {event.time_ms, event.source, event.user, event.user_exists, customer_channel});
}

void AttackDetectors::success(const Event& event) {
  successes_.push_back(event.source);
}

void AttackDetectors::finish(const Interner& strings, std::vector<Finding>& findings) {
  const AttackPolicy& p = policy_;
  std::unordered_map<std::uint32_t, std::vector<Attempt>> by_source;
  std::unordered_map<std::uint32_t, std::vector<Attempt>> by_account;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::int64_t>> by_pair;
  for (const Failure& f : failures_) {
    if (f.source == 0) {
      continue;  // no address: not attributable
    }
    by_source[f.source].push_back({f.time_ms, f.user, f.existing});
    if (f.existing) {
      by_account[f.user].push_back({f.time_ms, f.source, true});
      by_pair[{f.source, f.user}].push_back(f.time_ms);
    }
  }
  std::unordered_map<std::uint32_t, std::uint64_t> success_count;
  for (const std::uint32_t source : successes_) {
    ++success_count[source];
  }
  const auto text = [&](std::uint32_t id) { return std::string(strings.text(id)); };
  const auto texts = [&](const std::set<std::uint32_t>& ids) {
    std::vector<std::string> list;
    list.reserve(ids.size());
    for (const std::uint32_t id : ids) {
      list.push_back(text(id));
    }
    return list;
  };

  // brute_force: one (source, existing account).
  for (const auto& [pair, times] : by_pair) {
    Episodes episodes(p.merge_gap_ms);
    std::size_t short_left = 0;
    std::size_t long_left = 0;
    for (std::size_t right = 0; right < times.size(); ++right) {
      while (times[short_left] < times[right] - p.brute_short_ms) {
        ++short_left;
      }
      while (times[long_left] < times[right] - p.hour_ms) {
        ++long_left;
      }
      if (static_cast<int>(right - short_left + 1) >= p.brute_short) {
        episodes.trigger(times[short_left], times[right]);
      } else if (static_cast<int>(right - long_left + 1) >= p.brute_long) {
        episodes.trigger(times[long_left], times[right]);
      }
    }
    for (const Span& span : episodes.spans()) {
      findings.push_back(make("brute_force", {text(pair.second)}, {text(pair.first)}, span));
    }
  }

  // distributed_brute_force: one existing account, many sources, none dominant.
  for (const auto& [account, attempts] : by_account) {
    Episodes episodes(p.merge_gap_ms);
    std::set<std::uint32_t> sources;
    const auto spread = [](const std::unordered_map<std::uint32_t, int>& counts, std::size_t n) {
      int most = 0;
      for (const auto& [source, count] : counts) {
        most = std::max(most, count);
      }
      return static_cast<std::size_t>(most) * 2 <= n;
    };
    slide(attempts, p.hour_ms, every, [&](std::size_t left, std::size_t right, const auto& counts) {
      const std::size_t n = right - left + 1;
      if (static_cast<int>(n) >= p.distributed_hour &&
          static_cast<int>(counts.size()) >= p.distributed_hour_sources && spread(counts, n)) {
        episodes.trigger(attempts[left].time_ms, attempts[right].time_ms);
        for (std::size_t i = left; i <= right; ++i) {
          sources.insert(attempts[i].other);
        }
      }
    });
    std::unordered_map<std::uint32_t, int> day;
    for (const Attempt& attempt : attempts) {
      ++day[attempt.other];
    }
    if (static_cast<int>(attempts.size()) >= p.distributed_day &&
        static_cast<int>(day.size()) >= p.distributed_day_sources && spread(day, attempts.size())) {
      episodes.trigger(attempts.front().time_ms, attempts.back().time_ms);
      for (const auto& [source, count] : day) {
        sources.insert(source);
      }
    }
    const std::vector<std::string> ips = texts(sources);
    for (const Span& span : episodes.spans()) {
      findings.push_back(make("distributed_brute_force", {text(account)}, ips, span));
    }
  }

  // password_spray and account_enumeration: one source, many accounts.
  for (const auto& entry : by_source) {
    // Named variables, not structured bindings: the lambdas below capture them.
    const std::uint32_t source = entry.first;
    const std::vector<Attempt>& attempts = entry.second;
    std::size_t existing_failures = 0;
    std::set<std::uint32_t> existing_accounts;
    std::set<std::uint32_t> unknown_names;
    for (const Attempt& attempt : attempts) {
      if (attempt.existing) {
        ++existing_failures;
        existing_accounts.insert(attempt.other);
      } else {
        unknown_names.insert(attempt.other);
      }
    }
    const auto failures = static_cast<double>(attempts.size());
    const double successes = static_cast<double>(success_count[source]);
    const auto accounts_in = [&](const Span& span, bool existing) {
      std::set<std::uint32_t> names;
      for (const Attempt& attempt : attempts) {
        if (attempt.existing == existing && attempt.time_ms >= span.start &&
            attempt.time_ms <= span.end) {
          names.insert(attempt.other);
        }
      }
      return texts(names);
    };
    const bool spray_day_ok =
        failures / (failures + successes) >= p.spray_failure_ratio && !existing_accounts.empty() &&
        static_cast<double>(existing_failures) / static_cast<double>(existing_accounts.size()) <=
            p.spray_failures_per_account;
    if (spray_day_ok) {
      Episodes episodes(p.merge_gap_ms);
      slide(attempts, p.hour_ms, existing_only,
            [&](std::size_t left, std::size_t right, const auto& counts) {
              if (static_cast<int>(counts.size()) >= p.spray_hour_accounts) {
                episodes.trigger(attempts[left].time_ms, attempts[right].time_ms);
              }
            });
      if (static_cast<int>(existing_accounts.size()) >= p.spray_day_accounts) {
        episodes.trigger(attempts.front().time_ms, attempts.back().time_ms);
      }
      for (const Span& span : episodes.spans()) {
        findings.push_back(make("password_spray", accounts_in(span, true), {text(source)}, span));
      }
    }
    const bool enumeration_ok =
        static_cast<double>(attempts.size() - existing_failures) / failures >=
        p.enumeration_unknown_share;
    if (enumeration_ok) {
      Episodes episodes(p.merge_gap_ms);
      slide(attempts, p.hour_ms, unknown_only,
            [&](std::size_t left, std::size_t right, const auto& counts) {
              if (static_cast<int>(counts.size()) >= p.enumeration_hour_names) {
                episodes.trigger(attempts[left].time_ms, attempts[right].time_ms);
              }
            });
      if (static_cast<int>(unknown_names.size()) >= p.enumeration_day_names) {
        episodes.trigger(attempts.front().time_ms, attempts.back().time_ms);
      }
      for (const Span& span : episodes.spans()) {
        findings.push_back(
            make("account_enumeration", accounts_in(span, false), {text(source)}, span));
      }
    }
  }

  // credential_stuffing: quiet sources (no success all day, few failures) on
  // customer channels, hot 30-minute buckets.
  std::map<std::int64_t, std::vector<const Failure*>> buckets;
  for (const Failure& f : failures_) {
    if (f.customer_channel && f.source != 0 && success_count[f.source] == 0 &&
        static_cast<int>(by_source[f.source].size()) <= p.quiet_max_failures) {
      buckets[f.time_ms / p.bucket_ms].push_back(&f);
    }
  }
  std::vector<std::int64_t> hot;
  for (const auto& [bucket, list] : buckets) {
    std::set<std::uint32_t> sources;
    std::set<std::uint32_t> names;
    for (const Failure* f : list) {
      sources.insert(f->source);
      names.insert(f->user);
    }
    if (static_cast<int>(sources.size()) >= p.hot_sources &&
        static_cast<int>(names.size()) >= p.hot_names) {
      hot.push_back(bucket);
    }
  }
  for (std::size_t i = 0; i < hot.size();) {
    std::size_t j = i;
    while (j + 1 < hot.size() && hot[j + 1] - hot[j] <= 2) {
      ++j;
    }
    std::set<std::uint32_t> sources;
    std::set<std::uint32_t> names;
    Span span{INT64_MAX, INT64_MIN};
    for (std::size_t k = i; k <= j; ++k) {
      for (const Failure* f : buckets[hot[k]]) {
        sources.insert(f->source);
        names.insert(f->user);
        span.start = std::min(span.start, f->time_ms);
        span.end = std::max(span.end, f->time_ms);
      }
    }
    findings.push_back(make("credential_stuffing", texts(names), texts(sources), span));
    i = j + 1;
  }
}

}  // namespace etguard::authlog
