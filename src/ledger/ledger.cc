#include "ledger/ledger.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <thread>
#include <vector>

#include "core/digest.h"

namespace etguard::ledger {
namespace {

// Each field as "<byte length>:<bytes>," so no two entries encode alike.
void field(std::string& out, std::string_view value) {
  char digits[24];
  const auto [end, error] = std::to_chars(std::begin(digits), std::end(digits), value.size());
  out.append(digits, end);
  out += ':';
  out.append(value);
  out += ',';
}

}  // namespace

namespace {

// The entry's hash as 64 hex digits in `out`, without allocating.
void hash_into(const EntryFields& entry, char (&out)[64]) {
  thread_local std::string encoding;
  encoding.assign("etguard-ledger-v1,");
  char digits[24];
  const auto [end, error] = std::to_chars(std::begin(digits), std::end(digits), entry.seq);
  field(encoding, std::string_view(digits, static_cast<std::size_t>(end - digits)));
  field(encoding, entry.time);
  field(encoding, entry.actor);
  field(encoding, entry.action);
  field(encoding, entry.object);
  field(encoding, entry.before_digest);
  field(encoding, entry.after_digest);
  field(encoding, entry.prev_hash);
  const Sha256 digest = sha256(encoding);
  to_hex(digest.data(), digest.size(), out);
}

bool hash_matches(const EntryFields& entry, std::string_view stored_hash) {
  char hex[64];
  hash_into(entry, hex);
  return std::string_view(hex, sizeof hex) == stored_hash;
}

}  // namespace

std::string entry_hash(const EntryFields& entry) {
  char hex[64];
  hash_into(entry, hex);
  return std::string(hex, sizeof hex);
}

std::string entry_hash(const Entry& entry) {
  return entry_hash(EntryFields{entry.seq, entry.time, entry.actor, entry.action, entry.object,
                                entry.before_digest, entry.after_digest, entry.prev_hash});
}

std::string checkpoint_message(std::int64_t seq, std::string_view hash) {
  return fmt::format("etguard-ledger-checkpoint-v1,{},{}", seq, hash);
}

std::string state_digest(std::string_view state) {
  return state.empty() ? std::string() : sha256_hex(state);
}

Writer::Writer(store::Database& db, const SigningKey& key, int every, store::Statement insert,
               store::Statement sign)
    : db_(&db), key_(&key), every_(every), insert_(std::move(insert)), sign_(std::move(sign)) {}

Result<Writer> Writer::open(store::Database& db, const SigningKey& key, int checkpoint_every) {
  auto insert = db.prepare(
      "INSERT INTO ledger (seq, time, actor, action, object, before_digest, after_digest, "
      "prev_hash, "
      "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  auto sign = db.prepare(
      "INSERT INTO ledger_checkpoints (seq, hash, key_id, signature, time) VALUES (?, ?, ?, ?, ?)");
  auto tail = db.prepare("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1");
  auto last_signed = db.prepare("SELECT coalesce(max(seq), 0) FROM ledger_checkpoints");
  if (!insert || !sign || !tail || !last_signed) {
    return std::unexpected(!insert ? insert.error()
                           : !sign ? sign.error()
                           : !tail ? tail.error()
                                   : last_signed.error());
  }
  Writer writer(db, key, checkpoint_every, std::move(*insert), std::move(*sign));
  writer.last_hash_ = std::string(kGenesisHash);
  auto row = tail->step();
  if (!row) {
    return std::unexpected(row.error());
  }
  if (*row) {
    writer.last_seq_ = tail->integer(0);
    writer.last_hash_ = tail->text(1);
  }
  if (auto signed_row = last_signed->step(); signed_row && *signed_row) {
    writer.signed_seq_ = last_signed->integer(0);
  }
  return writer;
}

Result<Entry> Writer::append(const Change& change, std::string_view time) {
  Entry entry{last_seq_ + 1,
              std::string(time),
              change.actor,
              change.action,
              change.object,
              state_digest(change.before),
              state_digest(change.after),
              last_hash_,
              {}};
  entry.hash = entry_hash(entry);
  Status inserted = insert_.bind(1, entry.seq)
                        .bind(2, entry.time)
                        .bind(3, entry.actor)
                        .bind(4, entry.action)
                        .bind(5, entry.object)
                        .bind(6, entry.before_digest)
                        .bind(7, entry.after_digest)
                        .bind(8, entry.prev_hash)
                        .bind(9, entry.hash)
                        .run();
  if (!inserted) {
    return std::unexpected(inserted.error());
  }
  last_seq_ = entry.seq;
  last_hash_ = entry.hash;
  if (every_ > 0 && last_seq_ - signed_seq_ >= every_) {
    if (Status signed_now = checkpoint(time); !signed_now) {
      return std::unexpected(signed_now.error());
    }
  }
  return entry;
}

Status Writer::checkpoint(std::string_view time) {
  if (last_seq_ == signed_seq_) {
    return {};
  }
  auto signature = key_->sign(checkpoint_message(last_seq_, last_hash_));
  if (!signature) {
    return std::unexpected(signature.error());
  }
  Status stored = sign_.bind(1, last_seq_)
                      .bind(2, last_hash_)
                      .bind(3, key_->key_id())
                      .bind(4, *signature)
                      .bind(5, time)
                      .run();
  if (stored) {
    signed_seq_ = last_seq_;
  }
  return stored;
}

namespace {

struct Checkpoint {
  std::string hash;
  std::string key_id;
  std::string signature;
};

// What one worker found in entries [first, last]; problems keep the lowest seq.
struct RangeResult {
  std::int64_t entries = 0;
  std::optional<std::int64_t> bad_seq;
  std::string problem;
  std::int64_t first_seq = 0;   // seq of the range's first entry
  std::string first_prev_hash;  // prev_hash of the range's first entry
  std::string last_hash;        // hash of the range's last entry
  std::int64_t last_seq = 0;    // 0 when the range is empty
  std::int64_t covered = 0;     // highest seq covered by a valid checkpoint
  std::optional<Error> error;
};

// Entry 1 as verification needs it: the workspace's birth, naming its key.
struct FirstEntry {
  bool present = false;
  std::string action;
  std::string object;
  std::string after_digest;
};

// Why entry 1 does not bind the ledger to `public_key_hex`; empty when it does.
// Without it, a ledger wiped and re-created under another key, or emptied,
// would verify.
std::string first_entry_problem(const FirstEntry& entry, std::string_view public_key_hex) {
  if (!entry.present) {
    return "entry 1 (workspace.init) is missing: the ledger was emptied or cut at its start";
  }
  if (entry.action != "workspace.init" || entry.object != "workspace") {
    return fmt::format("entry 1 is '{}', not workspace.init", entry.action);
  }
  const std::string expected =
      state_digest(fmt::format(R"({{"public_key":"{}"}})", public_key_hex));
  if (entry.after_digest != expected) {
    return fmt::format(
        "entry 1 (workspace.init) names another key than {}; the ledger was "
        "re-created or the key replaced",
        key_id_of(public_key_hex));
  }
  return {};
}

void verify_range(const std::filesystem::path& database, std::int64_t first, std::int64_t last,
                  const std::map<std::int64_t, Checkpoint>& checkpoints,
                  std::string_view public_key_hex, RangeResult& out) {
  auto bad = [&out](std::int64_t seq, std::string problem) {
    if (!out.bad_seq) {
      out.bad_seq = seq;
      out.problem = std::move(problem);
    }
  };
  auto db = store::Database::open_read_only(database);
  if (!db) {
    out.error = db.error();
    return;
  }
  auto entries = db->prepare(
      "SELECT seq, time, actor, action, object, before_digest, after_digest, prev_hash, hash FROM "
      "ledger WHERE seq BETWEEN ? AND ? ORDER BY seq");
  if (!entries) {
    out.error = entries.error();
    return;
  }
  entries->bind(1, first).bind(2, last);
  const std::string expected_key = key_id_of(public_key_hex);
  std::string previous;
  std::int64_t expected = first;
  auto next_checkpoint = checkpoints.lower_bound(first);
  while (true) {
    auto row = entries->step();
    if (!row) {
      out.error = row.error();
      return;
    }
    if (!*row) {
      break;
    }
    const EntryFields entry{entries->integer(0), entries->view(1), entries->view(2),
                            entries->view(3),    entries->view(4), entries->view(5),
                            entries->view(6),    entries->view(7)};
    const std::string_view stored_hash = entries->view(8);
    if (out.entries++ == 0) {
      out.first_seq = entry.seq;
      out.first_prev_hash.assign(entry.prev_hash);
      previous.assign(entry.prev_hash);  // the link to the previous range is checked when stitching
    }
    if (entry.seq != expected) {
      bad(expected,
          fmt::format("entry {} is missing (deleted); the next entry is {}", expected, entry.seq));
    } else if (entry.prev_hash != previous) {
      bad(entry.seq,
          fmt::format("entry {} does not follow entry {} (inserted, removed or reordered)",
                      entry.seq, entry.seq - 1));
    } else if (!hash_matches(entry, stored_hash)) {
      bad(entry.seq,
          fmt::format("entry {} was modified: its content does not match its hash", entry.seq));
    }
    for (; next_checkpoint != checkpoints.end() && next_checkpoint->first <= entry.seq;
         ++next_checkpoint) {
      const auto& [seq, checkpoint] = *next_checkpoint;
      if (seq != entry.seq || checkpoint.hash != stored_hash) {
        bad(seq, fmt::format("the checkpoint at entry {} does not match the chain", seq));
      } else if (checkpoint.key_id != expected_key ||
                 !verify_signature(public_key_hex, checkpoint_message(seq, checkpoint.hash),
                                   checkpoint.signature)) {
        bad(seq, fmt::format("the checkpoint at entry {} has no valid signature by key {}", seq,
                             expected_key));
      } else {
        out.covered = seq;
      }
    }
    previous.assign(stored_hash);
    out.last_hash = previous;
    out.last_seq = entry.seq;
    expected = entry.seq + 1;
  }
}

}  // namespace

Result<VerifyReport> verify(store::Database& db, std::string_view public_key_hex,
                            int threads_wanted) {
  std::map<std::int64_t, Checkpoint> checkpoints;
  std::int64_t max_seq = 0;
  std::int64_t below_one = 0;  // entries numbered 0 or less: never part of the chain
  FirstEntry first_entry;
  {
    auto rows =
        db.prepare("SELECT seq, hash, key_id, signature FROM ledger_checkpoints ORDER BY seq");
    auto top = db.prepare("SELECT coalesce(max(seq), 0), coalesce(min(seq), 1) FROM ledger");
    auto first = db.prepare("SELECT action, object, after_digest FROM ledger WHERE seq = 1");
    if (!rows || !top || !first) {
      return std::unexpected(!rows ? rows.error() : !top ? top.error() : first.error());
    }
    auto first_row = first->step();
    if (!first_row) {
      return std::unexpected(first_row.error());
    }
    if (*first_row) {
      first_entry = {true, first->text(0), first->text(1), first->text(2)};
    }
    if (Status read = rows->for_each_row(
            [&] { checkpoints[rows->integer(0)] = {rows->text(1), rows->text(2), rows->text(3)}; });
        !read) {
      return std::unexpected(read.error());
    }
    if (auto row = top->step(); !row) {
      return std::unexpected(row.error());
    }
    max_seq = top->integer(0);
    below_one = std::min<std::int64_t>(top->integer(1), 1);
  }
  // Hashing is independent per entry, so the range is split between threads,
  // each with its own read-only connection; the seams are checked afterwards.
  constexpr std::int64_t kMinimumPerThread = 50000;
  const std::int64_t threads =
      threads_wanted > 0
          ? std::clamp<std::int64_t>(threads_wanted, 1, std::max<std::int64_t>(max_seq, 1))
          : std::clamp<std::int64_t>(std::min<std::int64_t>(std::thread::hardware_concurrency(),
                                                            max_seq / kMinimumPerThread),
                                     1, 8);
  std::vector<RangeResult> ranges(static_cast<std::size_t>(threads));
  std::vector<std::thread> workers;
  const std::int64_t span = (max_seq + threads - 1) / threads;
  for (std::int64_t i = 0; i < threads; ++i) {
    const std::int64_t first = 1 + i * span;
    const std::int64_t last =
        i + 1 == threads ? std::numeric_limits<std::int64_t>::max() : (i + 1) * span;
    workers.emplace_back(verify_range, db.path(), first, last, std::cref(checkpoints),
                         public_key_hex, std::ref(ranges[static_cast<std::size_t>(i)]));
  }
  for (auto& worker : workers) {
    worker.join();
  }
  VerifyReport report;
  report.checkpoints = static_cast<std::int64_t>(checkpoints.size());
  auto bad = [&report](std::int64_t seq, std::string problem) {
    if (!report.first_bad || seq < *report.first_bad) {
      report.first_bad = seq;
      report.problem = std::move(problem);
    }
  };
  if (below_one < 1) {
    bad(below_one,
        fmt::format("entry {} is numbered below 1: it is not part of the chain (inserted)",
                    below_one));
  }
  if (std::string problem = first_entry_problem(first_entry, public_key_hex); !problem.empty()) {
    bad(1, std::move(problem));
  }
  std::string previous(kGenesisHash);
  std::int64_t covered = 0;
  std::int64_t last_seq = 0;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const RangeResult& range = ranges[i];
    if (range.error) {
      return std::unexpected(*range.error);
    }
    report.entries += range.entries;
    if (range.bad_seq) {
      bad(*range.bad_seq, range.problem);
    }
    if (range.entries > 0) {
      // The seam: this range must continue exactly where the previous one ended.
      if (range.first_seq != last_seq + 1) {
        bad(last_seq + 1, fmt::format("entry {} is missing (deleted); the next entry is {}",
                                      last_seq + 1, range.first_seq));
      } else if (range.first_prev_hash != previous) {
        bad(range.first_seq,
            fmt::format("entry {} does not follow entry {} (inserted, removed or reordered)",
                        range.first_seq, range.first_seq - 1));
      }
      previous = range.last_hash;
      last_seq = range.last_seq;
    }
    covered = std::max(covered, range.covered);
  }
  report.head_seq = last_seq;
  report.head_hash = previous == kGenesisHash ? std::string() : previous;
  for (const auto& [seq, checkpoint] : checkpoints) {
    if (seq > last_seq) {
      bad(seq, fmt::format("the checkpoint at entry {} does not match the chain", seq));
      break;
    }
  }
  // A gap in signature coverage is reported only when nothing more specific
  // (a bad entry or checkpoint, which causes the gap) was found.
  if (covered < last_seq && report.ok()) {
    bad(covered + 1,
        fmt::format("entries {}–{} are not covered by a signed checkpoint", covered + 1, last_seq));
  }
  return report;
}

}  // namespace etguard::ledger
