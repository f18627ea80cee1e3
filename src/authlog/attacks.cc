#include "authlog/attacks.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <span>
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

// Calls `each(group)` for every run of equal keys of `items`, sorted by key
// and then by time (each group in time order, whatever order `items` had).
template <typename T, typename Key, typename Each>
void for_each_group(std::vector<T>& items, Key key, Each each) {
  std::sort(items.begin(), items.end(), [&](const T& a, const T& b) {
    const auto key_a = key(a);
    const auto key_b = key(b);
    return key_a != key_b ? key_a < key_b : a.time_ms < b.time_ms;
  });
  for (auto first = items.begin(); first != items.end();) {
    const auto last =
        std::find_if(first, items.end(), [&](const T& item) { return key(item) != key(*first); });
    each(std::span<const T>(first, last));
    first = last;
  }
}

using Failure = AttackDetectors::Failure;

// The end of the day for the attack rules: one function per detector over the
// day's failures, sharing the policy, the names and the successes by source.
class DayEnd {
 public:
  DayEnd(const AttackPolicy& policy, const Interner& strings,
         const std::vector<std::uint32_t>& successes, std::vector<Finding>& findings)
      : p(policy), strings_(strings), successes_(successes), findings_(findings) {}

  void brute_force(std::vector<Failure>& attributable);
  void distributed_brute_force(std::vector<Failure>& attributable);
  // Also counts the failures of each source, for credential_stuffing.
  void spray_and_enumeration(std::vector<Failure>& attributable);
  void credential_stuffing(const std::vector<Failure>& failures);

 private:
  std::uint64_t successes_of(std::uint32_t source) const {
    const auto [first, last] = std::equal_range(successes_.begin(), successes_.end(), source);
    return static_cast<std::uint64_t>(last - first);
  }
  std::size_t failures_of(std::uint32_t source) const {
    const auto found =
        std::lower_bound(failures_per_source_.begin(), failures_per_source_.end(), source,
                         [](const auto& entry, std::uint32_t key) { return entry.first < key; });
    return found != failures_per_source_.end() && found->first == source ? found->second : 0;
  }
  std::string text(std::uint32_t id) const { return std::string(strings_.text(id)); }
  std::vector<std::string> texts(const std::set<std::uint32_t>& ids) const {
    std::vector<std::string> list;
    list.reserve(ids.size());
    for (const std::uint32_t id : ids) {
      list.push_back(text(id));
    }
    return list;
  }
  void spray(std::uint32_t source, std::size_t existing_failures,
             const std::set<std::uint32_t>& existing_accounts);
  void enumeration(std::uint32_t source, std::size_t existing_failures,
                   const std::set<std::uint32_t>& unknown_names);
  // The names of the accounts attempted in `span` (existing or unknown ones).
  std::vector<std::string> accounts_in(const Span& span, bool existing) const {
    std::set<std::uint32_t> names;
    for (const Attempt& attempt : attempts_) {
      if (attempt.existing == existing && attempt.time_ms >= span.start &&
          attempt.time_ms <= span.end) {
        names.insert(attempt.other);
      }
    }
    return texts(names);
  }

  const AttackPolicy& p;  // NOLINT(readability-identifier-naming): the rules read as p.brute_short
  const Interner& strings_;
  const std::vector<std::uint32_t>& successes_;  // sorted
  std::vector<Finding>& findings_;
  std::vector<Attempt> attempts_;  // one group, in time order
  std::vector<std::int64_t> times_;
  std::vector<std::pair<std::uint32_t, std::size_t>> failures_per_source_;  // sorted by source
};

// One (source, existing account): many failures in a short or a long window.
void DayEnd::brute_force(std::vector<Failure>& attributable) {
  for_each_group(
      attributable,
      [](const Failure& f) {
        return f.existing ? (std::uint64_t{f.source} << 32U) | f.user : std::uint64_t{0};
      },
      [&](std::span<const Failure> group) {
        if (!group.front().existing) {
          return;
        }
        times_.clear();
        for (const Failure& f : group) {
          times_.push_back(f.time_ms);
        }
        Episodes episodes(p.merge_gap_ms);
        std::size_t short_left = 0;
        std::size_t long_left = 0;
        for (std::size_t right = 0; right < times_.size(); ++right) {
          while (times_[short_left] < times_[right] - p.brute_short_ms) {
            ++short_left;
          }
          while (times_[long_left] < times_[right] - p.hour_ms) {
            ++long_left;
          }
          if (static_cast<int>(right - short_left + 1) >= p.brute_short) {
            episodes.trigger(times_[short_left], times_[right]);
          } else if (static_cast<int>(right - long_left + 1) >= p.brute_long) {
            episodes.trigger(times_[long_left], times_[right]);
          }
        }
        for (const Span& span : episodes.spans()) {
          findings_.push_back(
              make("brute_force", {text(group.front().user)}, {text(group.front().source)}, span));
        }
      });
}

// One existing account, many sources, none dominant.
void DayEnd::distributed_brute_force(std::vector<Failure>& attributable) {
  const auto spread = [](const std::unordered_map<std::uint32_t, int>& counts, std::size_t n) {
    int most = 0;
    for (const auto& [source, count] : counts) {
      most = std::max(most, count);
    }
    return static_cast<std::size_t>(most) * 2 <= n;
  };
  for_each_group(
      attributable,
      [](const Failure& f) { return f.existing ? std::uint64_t{f.user} + 1 : std::uint64_t{0}; },
      [&](std::span<const Failure> group) {
        if (!group.front().existing) {
          return;
        }
        attempts_.clear();
        for (const Failure& f : group) {
          attempts_.push_back({f.time_ms, f.source, true});
        }
        Episodes episodes(p.merge_gap_ms);
        std::set<std::uint32_t> sources;
        slide(attempts_, p.hour_ms, every,
              [&](std::size_t left, std::size_t right, const auto& counts) {
                const std::size_t n = right - left + 1;
                if (static_cast<int>(n) >= p.distributed_hour &&
                    static_cast<int>(counts.size()) >= p.distributed_hour_sources &&
                    spread(counts, n)) {
                  episodes.trigger(attempts_[left].time_ms, attempts_[right].time_ms);
                  for (std::size_t i = left; i <= right; ++i) {
                    sources.insert(attempts_[i].other);
                  }
                }
              });
        std::unordered_map<std::uint32_t, int> day;
        for (const Attempt& attempt : attempts_) {
          ++day[attempt.other];
        }
        if (static_cast<int>(attempts_.size()) >= p.distributed_day &&
            static_cast<int>(day.size()) >= p.distributed_day_sources &&
            spread(day, attempts_.size())) {
          episodes.trigger(attempts_.front().time_ms, attempts_.back().time_ms);
          for (const auto& [source, count] : day) {
            sources.insert(source);
          }
        }
        const std::vector<std::string> ips = texts(sources);
        for (const Span& span : episodes.spans()) {
          findings_.push_back(
              make("distributed_brute_force", {text(group.front().user)}, ips, span));
        }
      });
}

// One source, many accounts: existing ones (spray) or unknown names (enumeration).
void DayEnd::spray_and_enumeration(std::vector<Failure>& attributable) {
  for_each_group(
      attributable, [](const Failure& f) { return f.source; },
      [&](std::span<const Failure> group) {
        const std::uint32_t source = group.front().source;
        failures_per_source_.emplace_back(source, group.size());
        attempts_.clear();
        for (const Failure& f : group) {
          attempts_.push_back({f.time_ms, f.user, f.existing});
        }
        std::size_t existing_failures = 0;
        std::set<std::uint32_t> existing_accounts;
        std::set<std::uint32_t> unknown_names;
        for (const Attempt& attempt : attempts_) {
          if (attempt.existing) {
            ++existing_failures;
            existing_accounts.insert(attempt.other);
          } else {
            unknown_names.insert(attempt.other);
          }
        }
        spray(source, existing_failures, existing_accounts);
        enumeration(source, existing_failures, unknown_names);
      });
}

void DayEnd::spray(std::uint32_t source, std::size_t existing_failures,
                   const std::set<std::uint32_t>& existing_accounts) {
  const auto failures = static_cast<double>(attempts_.size());
  const auto successes = static_cast<double>(successes_of(source));
  const bool spray_day_ok =
      failures / (failures + successes) >= p.spray_failure_ratio && !existing_accounts.empty() &&
      static_cast<double>(existing_failures) / static_cast<double>(existing_accounts.size()) <=
          p.spray_failures_per_account;
  if (!spray_day_ok) {
    return;
  }
  Episodes episodes(p.merge_gap_ms);
  slide(attempts_, p.hour_ms, existing_only,
        [&](std::size_t left, std::size_t right, const auto& counts) {
          if (static_cast<int>(counts.size()) >= p.spray_hour_accounts) {
            episodes.trigger(attempts_[left].time_ms, attempts_[right].time_ms);
          }
        });
  if (static_cast<int>(existing_accounts.size()) >= p.spray_day_accounts) {
    episodes.trigger(attempts_.front().time_ms, attempts_.back().time_ms);
  }
  for (const Span& span : episodes.spans()) {
    findings_.push_back(make("password_spray", accounts_in(span, true), {text(source)}, span));
  }
}

void DayEnd::enumeration(std::uint32_t source, std::size_t existing_failures,
                         const std::set<std::uint32_t>& unknown_names) {
  const auto failures = static_cast<double>(attempts_.size());
  if (static_cast<double>(attempts_.size() - existing_failures) / failures <
      p.enumeration_unknown_share) {
    return;
  }
  Episodes episodes(p.merge_gap_ms);
  slide(attempts_, p.hour_ms, unknown_only,
        [&](std::size_t left, std::size_t right, const auto& counts) {
          if (static_cast<int>(counts.size()) >= p.enumeration_hour_names) {
            episodes.trigger(attempts_[left].time_ms, attempts_[right].time_ms);
          }
        });
  if (static_cast<int>(unknown_names.size()) >= p.enumeration_day_names) {
    episodes.trigger(attempts_.front().time_ms, attempts_.back().time_ms);
  }
  for (const Span& span : episodes.spans()) {
    findings_.push_back(
        make("account_enumeration", accounts_in(span, false), {text(source)}, span));
  }
}

// Quiet sources (no success all day, few failures) on customer channels, in
// hot 30-minute buckets.
void DayEnd::credential_stuffing(const std::vector<Failure>& failures) {
  std::map<std::int64_t, std::vector<const Failure*>> buckets;
  for (const Failure& f : failures) {
    if (f.customer_channel && f.source != 0 && successes_of(f.source) == 0 &&
        static_cast<int>(failures_of(f.source)) <= p.quiet_max_failures) {
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
    findings_.push_back(make("credential_stuffing", texts(names), texts(sources), span));
    i = j + 1;
  }
}

}  // namespace

void AttackDetectors::failure(const Event& event, bool customer_channel, bool unknown_user) {
  failures_.push_back(
      {event.time_ms, event.source, event.user, event.user_exists, unknown_user, customer_channel});
}

void AttackDetectors::success(const Event& event) {
  successes_.push_back(event.source);
}

void AttackDetectors::finish(const Interner& strings, std::vector<Finding>& findings) {
  std::vector<Failure> attributable;  // failures with an address, regrouped per rule
  attributable.reserve(failures_.size());
  std::ranges::copy_if(failures_, std::back_inserter(attributable),
                       [](const Failure& f) { return f.source != 0; });
  std::sort(successes_.begin(), successes_.end());
  DayEnd day(policy_, strings, successes_, findings);
  day.brute_force(attributable);
  day.distributed_brute_force(attributable);
  day.spray_and_enumeration(attributable);
  attributable = {};
  day.credential_stuffing(failures_);
}

}  // namespace etguard::authlog
