// AuditLog::verify and the "SEQ:HASH" form of a head.
#include <charconv>
#include <string>
#include <vector>

#include "audit_state.h"

namespace etauth {
namespace {

using detail::Hash;
using detail::Statement;

std::unexpected<Error> broken(const std::string& why) {
  return error(Errc::kCrypto, "audit log: " + why);
}

// The kept entries, recomputed from the anchor: (sequence, hash, is the
// purge entry of the anchor) for each, or where the chain breaks.
struct ChainEntry {
  std::uint64_t sequence;
  Hash hash;
};

// With `only_after_start`, rows up to `start` are not read (the tail after
// a checkpoint); otherwise every row must continue the chain from `start`.
Result<std::vector<ChainEntry>> walk_chain(sqlite3* db, AuditHead start, bool& anchor_purge_seen,
                                           bool only_after_start = false) {
  std::vector<ChainEntry> chain;
  const Statement rows(db,
                       "SELECT sequence, kind, actor, subject, detail, at, hash FROM audit "
                       "WHERE ?1 IS NULL OR sequence > ?1 ORDER BY sequence");
  if (only_after_start) {
    sqlite3_bind_int64(rows.get(), 1, static_cast<sqlite3_int64>(start.sequence));
  }
  const std::string anchor_subject = detail::purge_subject(start.sequence);
  while (rows.step() == SQLITE_ROW) {
    sqlite3_stmt* row = rows.get();
    const auto text = [&](int column) {
      const auto* bytes = sqlite3_column_text(row, column);
      return bytes == nullptr
                 ? std::string()
                 : std::string(reinterpret_cast<const char*>(bytes),
                               static_cast<std::size_t>(sqlite3_column_bytes(row, column)));
    };
    const auto at = static_cast<std::uint64_t>(sqlite3_column_int64(row, 0));
    const AuditEvent event{
        static_cast<AuditKind>(sqlite3_column_int(row, 1)), text(2), text(3), text(4),
        std::chrono::sys_seconds(std::chrono::seconds(sqlite3_column_int64(row, 5)))};
    const Hash expected = detail::entry_hash(start.hash, start.sequence + 1, event);
    if (at != start.sequence + 1 || expected != rows.hash_column(6)) {
      return broken("the chain breaks at entry " + std::to_string(at));
    }
    if (event.kind == AuditKind::kPurge && event.subject == anchor_subject) {
      anchor_purge_seen = true;
    }
    start = {at, expected};
    chain.push_back({at, expected});
  }
  return chain;
}

// The anchor, when there is one, after checking the firm signed it.
Result<std::optional<detail::StoredAnchor>> read_signed_anchor(sqlite3* db,
                                                               const PublicKey& signer) {
  auto anchor = detail::read_anchor(db);
  if (anchor && !signer.verify(SignatureScheme::kEcdsaP256Sha256,
                               detail::anchor_message(anchor->sequence, anchor->hash,
                                                      anchor->purged_at, anchor->last_purged_at),
                               anchor->signature)) {
    return broken("the anchor at entry " + std::to_string(anchor->sequence) +
                  " is not signed by the firm's key");
  }
  return anchor;
}

}  // namespace

std::string format_audit_head(const AuditHead& head) {
  return std::to_string(head.sequence) + ":" + detail::hex(head.hash);
}

Result<AuditHead> parse_audit_head(std::string_view text) {
  const auto colon = text.find(':');
  AuditHead head;
  const std::string_view digits = text.substr(0, colon);
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), head.sequence);
  const std::string_view hex = colon == std::string_view::npos ? "" : text.substr(colon + 1);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() ||
      hex.size() != 64) {
    return error(Errc::kInvalidArgument,
                 "an audit head is SEQ:HASH (a sequence number, a colon, 64 hex digits)");
  }
  if (const auto bad = hex.find_first_not_of("0123456789abcdefABCDEF");
      bad != std::string_view::npos) {
    return error(Errc::kInvalidArgument, "an audit head's hash has a non-hex digit at column " +
                                             std::to_string(colon + 2 + bad));
  }
  for (std::size_t i = 0; i < 32; ++i) {
    unsigned value = 0;
    std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, value, 16);
    head.hash[i] = static_cast<std::uint8_t>(value);
  }
  return head;
}

namespace detail {

Result<AuditVerification> verify_trail(sqlite3* db, const PublicKey& signer, const Clock& clock,
                                       const AuditVerifyOptions& options) {
  AuditVerification result;

  // The anchor: signed by the firm with the time of its purge, which was
  // allowed only for entries older than the retention.
  AuditHead start;
  const auto signed_anchor = read_signed_anchor(db, signer);
  if (!signed_anchor) {
    return std::unexpected(signed_anchor.error());
  }
  const auto& anchor = *signed_anchor;
  if (anchor) {
    const auto now = std::chrono::floor<std::chrono::seconds>(clock.now());
    const auto purged_at = std::chrono::sys_seconds(std::chrono::seconds(anchor->purged_at));
    const auto last_purged = std::chrono::sys_seconds(std::chrono::seconds(anchor->last_purged_at));
    if (purged_at > now || last_purged >= purged_at - kMinimumRetention) {
      return broken("the anchor at entry " + std::to_string(anchor->sequence) +
                    " purged entries younger than the five-year retention");
    }
    start = {anchor->sequence, anchor->hash};
    result.anchor = start;
  }

  bool anchor_purge_seen = false;
  auto chain = walk_chain(db, start, anchor_purge_seen);
  if (!chain) {
    return std::unexpected(chain.error());
  }
  if (anchor && !anchor_purge_seen) {
    return broken("no purge entry records the anchor at entry " + std::to_string(start.sequence));
  }
  result.head = chain->empty() ? start : AuditHead{chain->back().sequence, chain->back().hash};
  result.signed_head = start;  // the anchor is signed

  // Checkpoints: each signed by the firm and on the chain; the last one
  // covers the head.
  const Statement checkpoints(db,
                              "SELECT sequence, hash, signature FROM checkpoint ORDER BY sequence");
  while (checkpoints.step() == SQLITE_ROW) {
    const auto at = static_cast<std::uint64_t>(sqlite3_column_int64(checkpoints.get(), 0));
    const Hash signed_hash = checkpoints.hash_column(1);
    if (!signer.verify(SignatureScheme::kEcdsaP256Sha256, checkpoint_message(at, signed_hash),
                       checkpoints.blob_column(2))) {
      return broken("checkpoint " + std::to_string(at) + " is not signed by the firm's key");
    }
    if (at <= start.sequence) {
      if (at == start.sequence && signed_hash != start.hash) {
        return broken("checkpoint " + std::to_string(at) + " does not match the anchor");
      }
      continue;  // purged with its entries
    }
    if (at > result.head.sequence) {
      return broken("checkpoint " + std::to_string(at) + " is beyond the last entry " +
                    std::to_string(result.head.sequence) + ": entries were removed from the end");
    }
    const ChainEntry& entry = (*chain)[at - start.sequence - 1];
    if (entry.hash != signed_hash) {
      return broken("checkpoint " + std::to_string(at) + " does not match the chain");
    }
    result.signed_head = {at, signed_hash};
  }
  result.unsigned_entries = result.head.sequence - result.signed_head.sequence;
  if (result.unsigned_entries > 0 && !options.accept_unsigned_tail) {
    return broken("entries " + std::to_string(result.signed_head.sequence + 1) + " to " +
                  std::to_string(result.head.sequence) + " are not covered by a signed checkpoint");
  }

  if (const auto& expected = options.expect_head) {
    if (expected->sequence > result.head.sequence) {
      return broken("the trail ends at entry " + std::to_string(result.head.sequence) +
                    ", before the expected head " + std::to_string(expected->sequence) +
                    ": entries were removed from the end");
    }
    if (expected->sequence < start.sequence) {
      return broken("the expected head " + std::to_string(expected->sequence) +
                    " was purged (the anchor is at " + std::to_string(start.sequence) + ")");
    }
    const Hash found = expected->sequence == start.sequence
                           ? start.hash
                           : (*chain)[expected->sequence - start.sequence - 1].hash;
    if (found != expected->hash) {
      return broken("entry " + std::to_string(expected->sequence) +
                    " is not the expected head: the trail was rewritten");
    }
  }
  return result;
}

Result<std::uint64_t> unsigned_tail(sqlite3* db, const PublicKey& signer) {
  AuditHead start;
  const auto anchor = read_signed_anchor(db, signer);
  if (!anchor) {
    return std::unexpected(anchor.error());
  }
  if (const std::optional<StoredAnchor>& found = *anchor; found.has_value()) {
    start = {found->sequence, found->hash};
  }
  const Statement last(db,
                       "SELECT c.sequence, c.hash, c.signature, a.hash FROM checkpoint c "
                       "LEFT JOIN audit a USING (sequence) WHERE c.sequence > ?1 "
                       "ORDER BY c.sequence DESC LIMIT 1");
  sqlite3_bind_int64(last.get(), 1, static_cast<sqlite3_int64>(start.sequence));
  if (last.step() == SQLITE_ROW) {
    const auto at = static_cast<std::uint64_t>(sqlite3_column_int64(last.get(), 0));
    const Hash signed_hash = last.hash_column(1);
    if (!signer.verify(SignatureScheme::kEcdsaP256Sha256, checkpoint_message(at, signed_hash),
                       last.blob_column(2)) ||
        last.hash_column(3) != signed_hash) {
      return broken("the last checkpoint (" + std::to_string(at) +
                    ") is not the firm's or does not match its entry");
    }
    start = {at, signed_hash};
  }
  bool unused_purge_seen = false;
  auto tail = walk_chain(db, start, unused_purge_seen, true);
  if (!tail) {
    return std::unexpected(tail.error());
  }
  return static_cast<std::uint64_t>(tail->size());
}

}  // namespace detail

Result<AuditVerification> AuditLog::verify(const PublicKey& signer,
                                           const AuditVerifyOptions& options) const {
  const std::lock_guard guard(state_->lock);
  return detail::verify_trail(state_->db, signer, *state_->clock, options);
}

Result<AuditVerification> AuditLog::verify_file(const std::string& path, const PublicKey& signer,
                                                const Clock& clock,
                                                const AuditVerifyOptions& options) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> owned(db, &sqlite3_close);
  if (rc != SQLITE_OK) {
    return error(Errc::kStorage, "audit log: cannot open " + path + ": " + sqlite3_errstr(rc));
  }
  const Statement tables(db,
                         "SELECT count(*) FROM sqlite_schema WHERE name IN ('audit', "
                         "'checkpoint', 'anchor')");
  if (!tables.prepared() || tables.step() != SQLITE_ROW ||
      sqlite3_column_int(tables.get(), 0) != 3) {
    return error(Errc::kStorage, "audit log: " + path + " is not an audit trail");
  }
  return detail::verify_trail(db, signer, clock, options);
}

}  // namespace etauth
