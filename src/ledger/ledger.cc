#include "ledger/ledger.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/digest.h"

namespace etguard::ledger {
namespace {

// Each field as "<byte length>:<bytes>," so no two entries encode alike.
void field(Sha256Hasher& hasher, std::string_view value) {
  hasher.update(fmt::format("{}:", value.size()));
  hasher.update(value);
  hasher.update(",");
}

}  // namespace

std::string entry_hash(const Entry& entry) {
  Sha256Hasher hasher;
  hasher.update("etguard-ledger-v1,");
  field(hasher, std::to_string(entry.seq));
  field(hasher, entry.time);
  field(hasher, entry.actor);
  field(hasher, entry.action);
  field(hasher, entry.object);
  field(hasher, entry.before_digest);
  field(hasher, entry.after_digest);
  field(hasher, entry.prev_hash);
  return to_hex(hasher.finish());
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

Result<VerifyReport> verify(store::Database& db, std::string_view public_key_hex) {
  VerifyReport report;
  auto bad = [&report](std::int64_t seq, std::string problem) {
    if (report.problem.empty()) {
      report.first_bad = seq;
      report.problem = std::move(problem);
    }
  };
  auto entries = db.prepare(
      "SELECT seq, time, actor, action, object, before_digest, after_digest, prev_hash, hash FROM "
      "ledger ORDER BY seq");
  if (!entries) {
    return std::unexpected(entries.error());
  }
  std::vector<std::string> hashes{std::string(kGenesisHash)};  // hashes[seq]
  std::string previous(kGenesisHash);
  while (true) {
    auto row = entries->step();
    if (!row) {
      return std::unexpected(row.error());
    }
    if (!*row) {
      break;
    }
    Entry entry{entries->integer(0), entries->text(1), entries->text(2),
                entries->text(3),    entries->text(4), entries->text(5),
                entries->text(6),    entries->text(7), entries->text(8)};
    ++report.entries;
    const std::int64_t expected = static_cast<std::int64_t>(hashes.size());
    if (entry.seq != expected) {
      bad(expected,
          fmt::format("entry {} is missing (deleted); the next entry is {}", expected, entry.seq));
    } else if (entry.prev_hash != previous) {
      bad(entry.seq,
          fmt::format("entry {} does not follow entry {} (inserted, removed or reordered)",
                      entry.seq, entry.seq - 1));
    } else if (entry_hash(entry) != entry.hash) {
      bad(entry.seq,
          fmt::format("entry {} was modified: its content does not match its hash", entry.seq));
    }
    while (static_cast<std::int64_t>(hashes.size()) <= entry.seq) {
      hashes.emplace_back();
    }
    hashes[static_cast<std::size_t>(entry.seq)] = entry.hash;
    previous = entry.hash;
  }
  auto checkpoints =
      db.prepare("SELECT seq, hash, key_id, signature FROM ledger_checkpoints ORDER BY seq");
  if (!checkpoints) {
    return std::unexpected(checkpoints.error());
  }
  const std::string expected_key = key_id_of(public_key_hex);
  std::int64_t covered = 0;
  while (true) {
    auto row = checkpoints->step();
    if (!row) {
      return std::unexpected(row.error());
    }
    if (!*row) {
      break;
    }
    ++report.checkpoints;
    const std::int64_t seq = checkpoints->integer(0);
    const std::string hash = checkpoints->text(1);
    if (seq <= 0 || seq >= static_cast<std::int64_t>(hashes.size()) ||
        hashes[static_cast<std::size_t>(seq)] != hash) {
      bad(seq, fmt::format("the checkpoint at entry {} does not match the chain", seq));
    } else if (checkpoints->text(2) != expected_key ||
               !verify_signature(public_key_hex, checkpoint_message(seq, hash),
                                 checkpoints->text(3))) {
      bad(seq, fmt::format("the checkpoint at entry {} has no valid signature by key {}", seq,
                           expected_key));
    } else {
      covered = std::max(covered, seq);
    }
  }
  const auto last = static_cast<std::int64_t>(hashes.size()) - 1;
  if (covered < last) {
    bad(covered + 1,
        fmt::format("entries {}–{} are not covered by a signed checkpoint", covered + 1, last));
  }
  return report;
}

}  // namespace etguard::ledger
