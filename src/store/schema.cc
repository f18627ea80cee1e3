#include "store/schema.h"

namespace etguard::store {
namespace {

// Version 1: settings, profile, registers, results, the ledger and its
// checkpoints. The ledger is append-only: triggers refuse updates, and
// deletion of entries younger than five years (Art. 37: retain at least five
// years).
constexpr std::string_view kV1 = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE profile (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE register_entries (
  subject    TEXT NOT NULL,
  id         TEXT NOT NULL,
  name       TEXT NOT NULL,
  owner      TEXT NOT NULL DEFAULT '',
  facts      TEXT NOT NULL DEFAULT '{}',
  details    TEXT NOT NULL DEFAULT '{}',
  dates      TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (subject, id)
);
CREATE TABLE results (
  node_id       TEXT NOT NULL,
  object        TEXT NOT NULL,
  status        TEXT NOT NULL,
  owner         TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  justification TEXT NOT NULL DEFAULT '',
  due_date      TEXT,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (node_id, object)
);
CREATE TABLE ledger (
  seq           INTEGER PRIMARY KEY,
  time          TEXT NOT NULL,
  actor         TEXT NOT NULL,
  action        TEXT NOT NULL,
  object        TEXT NOT NULL,
  before_digest TEXT NOT NULL,
  after_digest  TEXT NOT NULL,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
);
CREATE TABLE ledger_checkpoints (
  seq       INTEGER PRIMARY KEY,
  hash      TEXT NOT NULL,
  key_id    TEXT NOT NULL,
  signature TEXT NOT NULL,
  time      TEXT NOT NULL
);
CREATE TRIGGER ledger_append_only BEFORE UPDATE ON ledger
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
CREATE TRIGGER ledger_retention BEFORE DELETE ON ledger
WHEN old.time > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-5 years')
BEGIN
  SELECT RAISE(ABORT, 'ledger entries younger than five years cannot be removed');
END;
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE ON ledger_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'ledger checkpoints are append-only');
END;
)sql";

// Version 2: the date a result was assessed, which drives recurring reviews.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE results ADD COLUMN assessed_on TEXT;
)sql";

// Version 3: evidence. Files are stored by SHA-256 in .etguard/evidence/; a
// record says which requirement and object it supports and the period it
// covers (separate from when it was added). Records are immutable.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE evidence (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('file', 'link')),
  sha256         TEXT,
  size           INTEGER,
  name           TEXT NOT NULL,
  uri            TEXT,
  node_id        TEXT NOT NULL,
  object         TEXT NOT NULL,
  effective_from TEXT,
  effective_to   TEXT,
  added_by       TEXT NOT NULL,
  added_at       TEXT NOT NULL
);
CREATE INDEX evidence_by_requirement ON evidence (node_id, object);
CREATE TRIGGER evidence_immutable BEFORE UPDATE ON evidence
BEGIN
  SELECT RAISE(ABORT, 'evidence records are immutable');
END;
)sql";

// Version 4: scan results as evidence. A scan record stores the finding (JSON)
// like a file and names the check that produced it and its verdict. SQLite
// cannot widen a CHECK constraint in place, so the table is rebuilt.
// Migrations are frozen once released: this repeats version 3's columns on purpose.
constexpr std::string_view kV4 = R"sql(
CREATE TABLE evidence_v4 (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('file', 'link', 'scan')),
  sha256         TEXT,
  size           INTEGER,
  name           TEXT NOT NULL,
  uri            TEXT,
  node_id        TEXT NOT NULL,
  object         TEXT NOT NULL,
  effective_from TEXT,
  effective_to   TEXT,
  added_by       TEXT NOT NULL,
  added_at       TEXT NOT NULL,
  check_id       TEXT,
  verdict        TEXT CHECK (verdict IS NULL OR verdict IN ('pass', 'fail', 'not_applicable', 'error')),
  CHECK ((kind = 'scan') = (check_id IS NOT NULL AND verdict IS NOT NULL))
);
INSERT INTO evidence_v4 (id, kind, sha256, size, name, uri, node_id, object, effective_from, effective_to,
                         added_by, added_at)
  SELECT id, kind, sha256, size, name, uri, node_id, object, effective_from, effective_to, added_by, added_at
  FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_v4 RENAME TO evidence;
CREATE INDEX evidence_by_requirement ON evidence (node_id, object);
CREATE TRIGGER evidence_immutable BEFORE UPDATE ON evidence
BEGIN
  SELECT RAISE(ABORT, 'evidence records are immutable');
END;
)sql";

// Version 5: assessment cycles. Starting a cycle archives every result as it
// stood (immutable), then resets the results to be re-attested.
constexpr std::string_view kV5 = R"sql(
CREATE TABLE cycles (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  started_on  TEXT NOT NULL,
  started_by  TEXT NOT NULL
);
CREATE TABLE result_archive (
  cycle_id      INTEGER NOT NULL REFERENCES cycles (id),
  node_id       TEXT NOT NULL,
  object        TEXT NOT NULL,
  status        TEXT NOT NULL,
  owner         TEXT NOT NULL,
  note          TEXT NOT NULL,
  justification TEXT NOT NULL,
  due_date      TEXT,
  assessed_on   TEXT,
  PRIMARY KEY (cycle_id, node_id, object)
);
CREATE TRIGGER result_archive_immutable BEFORE UPDATE ON result_archive
BEGIN
  SELECT RAISE(ABORT, 'archived results are immutable');
END;
)sql";

// Cycles carry the deadline by which everything is to be assessed.
constexpr std::string_view kV6 = R"sql(
ALTER TABLE cycles ADD COLUMN due_on TEXT NOT NULL DEFAULT '';
)sql";

// A stored file keeps its original name and media type beside its title.
constexpr std::string_view kV7 = R"sql(
ALTER TABLE evidence ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN media_type TEXT NOT NULL DEFAULT '';
)sql";

// Version 8: remediation plans on results (and in the archive); the
// registers archived with each cycle's results, so an archived cycle reports
// the same numbers for ever; sign-offs of a cycle's report (immutable).
constexpr std::string_view kV8 = R"sql(
ALTER TABLE results ADD COLUMN plan_action TEXT NOT NULL DEFAULT '';
ALTER TABLE results ADD COLUMN plan_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE results ADD COLUMN plan_due TEXT NOT NULL DEFAULT '';
ALTER TABLE results ADD COLUMN plan_status TEXT NOT NULL DEFAULT '';
ALTER TABLE result_archive ADD COLUMN plan_action TEXT NOT NULL DEFAULT '';
ALTER TABLE result_archive ADD COLUMN plan_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE result_archive ADD COLUMN plan_due TEXT NOT NULL DEFAULT '';
ALTER TABLE result_archive ADD COLUMN plan_status TEXT NOT NULL DEFAULT '';
ALTER TABLE cycles ADD COLUMN registers_archived INTEGER NOT NULL DEFAULT 0;
CREATE TABLE register_archive (
  cycle_id   INTEGER NOT NULL REFERENCES cycles (id),
  subject    TEXT NOT NULL,
  id         TEXT NOT NULL,
  name       TEXT NOT NULL,
  owner      TEXT NOT NULL,
  facts      TEXT NOT NULL,
  details    TEXT NOT NULL,
  dates      TEXT NOT NULL,
  PRIMARY KEY (cycle_id, subject, id)
);
CREATE TABLE profile_archive (
  cycle_id INTEGER NOT NULL REFERENCES cycles (id),
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (cycle_id, key)
);
CREATE TRIGGER register_archive_immutable BEFORE UPDATE ON register_archive
BEGIN
  SELECT RAISE(ABORT, 'archived registers are immutable');
END;
CREATE TRIGGER profile_archive_immutable BEFORE UPDATE ON profile_archive
BEGIN
  SELECT RAISE(ABORT, 'archived registers are immutable');
END;
CREATE TABLE sign_offs (
  id         INTEGER PRIMARY KEY,
  cycle      TEXT NOT NULL,
  report     TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  statement  TEXT NOT NULL,
  signed_by  TEXT NOT NULL,
  signed_at  TEXT NOT NULL
);
CREATE TRIGGER sign_offs_immutable BEFORE UPDATE ON sign_offs
BEGIN
  SELECT RAISE(ABORT, 'sign-offs are immutable');
END;
)sql";

// Version 9: evidence withdrawn or superseded, with the reason; the record
// itself stays (immutable), and so does this.
constexpr std::string_view kV9 = R"sql(
CREATE TABLE evidence_withdrawals (
  evidence_id   INTEGER PRIMARY KEY REFERENCES evidence (id),
  reason        TEXT NOT NULL,
  superseded_by INTEGER REFERENCES evidence (id),
  withdrawn_by  TEXT NOT NULL,
  withdrawn_at  TEXT NOT NULL
);
CREATE TRIGGER evidence_withdrawals_immutable BEFORE UPDATE ON evidence_withdrawals
BEGIN
  SELECT RAISE(ABORT, 'evidence withdrawals are immutable');
END;
)sql";

// Version 10: the state every result.set entry recorded (its after-digest
// covers it), so a result's earlier values can be shown; kept as long as the
// ledger entry it belongs to.
constexpr std::string_view kV10 = R"sql(
CREATE TABLE result_history (
  seq   INTEGER PRIMARY KEY,
  state TEXT NOT NULL
);
CREATE TRIGGER result_history_append_only BEFORE UPDATE ON result_history
BEGIN
  SELECT RAISE(ABORT, 'result history is append-only');
END;
CREATE TRIGGER result_history_kept BEFORE DELETE ON result_history
WHEN EXISTS (SELECT 1 FROM ledger WHERE seq = old.seq)
BEGIN
  SELECT RAISE(ABORT, 'result history is kept as long as its ledger entry');
END;
)sql";

// Version 11: the people who log in to `etguard serve` (issue 18). The
// secrets stay in this table only: the password as an etauth record (Argon2id,
// peppered), the TOTP seed sealed under the workspace's auth key (hex). The
// ledger records each user's public state (name, role, objects, status).
constexpr std::string_view kV11 = R"sql(
CREATE TABLE users (
  name                TEXT PRIMARY KEY,
  display             TEXT NOT NULL,
  role                TEXT NOT NULL,
  objects             TEXT NOT NULL,
  password            TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  otp_seed            TEXT NOT NULL,
  otp_last_step       INTEGER NOT NULL,
  disabled            INTEGER NOT NULL,
  note                TEXT NOT NULL,
  created_at          TEXT NOT NULL
);
)sql";

// Version 12: reviews of evidence (decision 0009), immutable like
// withdrawals: each is a ledger entry (evidence.review) whose state the
// ledger's verification compares with these rows.
constexpr std::string_view kV12 = R"sql(
CREATE TABLE evidence_reviews (
  id          INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence (id),
  decision    TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  comment     TEXT NOT NULL,
  reviewer    TEXT NOT NULL,
  reviewed_at TEXT NOT NULL
);
CREATE TRIGGER evidence_reviews_immutable BEFORE UPDATE ON evidence_reviews
BEGIN
  SELECT RAISE(ABORT, 'evidence reviews are immutable');
END;
CREATE TRIGGER evidence_reviews_kept BEFORE DELETE ON evidence_reviews
BEGIN
  SELECT RAISE(ABORT, 'evidence reviews are kept');
END;
)sql";

// Version 13: comments on a line (issue 18), immutable and kept; each is a
// ledger entry (comment.add) whose state the verification compares.
constexpr std::string_view kV13 = R"sql(
CREATE TABLE comments (
  id         INTEGER PRIMARY KEY,
  node_id    TEXT NOT NULL,
  object     TEXT NOT NULL,
  body       TEXT NOT NULL,
  author     TEXT NOT NULL,
  written_at TEXT NOT NULL
);
CREATE INDEX comments_by_line ON comments (node_id, object);
CREATE TRIGGER comments_immutable BEFORE UPDATE ON comments
BEGIN
  SELECT RAISE(ABORT, 'comments are immutable');
END;
CREATE TRIGGER comments_kept BEFORE DELETE ON comments
BEGIN
  SELECT RAISE(ABORT, 'comments are kept');
END;
)sql";

// Version 14: API tokens for pipelines (issue 18). Only the SHA-256 of a
// token's secret is kept; the secret is shown once. A token is never deleted
// (revoked instead) so that the ledger entries naming it keep their meaning;
// each row is the state its latest token.* ledger entry recorded.
constexpr std::string_view kV14 = R"sql(
CREATE TABLE api_tokens (
  id         TEXT PRIMARY KEY,
  user       TEXT NOT NULL,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  objects    TEXT NOT NULL,
  digest     TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL,
  revoked_by TEXT NOT NULL
);
CREATE TRIGGER api_tokens_kept BEFORE DELETE ON api_tokens
BEGIN
  SELECT RAISE(ABORT, 'API tokens are revoked, never deleted');
END;
)sql";

// Version 15: WebAuthn security keys as a second factor (issue 18), kept
// with their user: public keys only, each change in the user's ledger state.
constexpr std::string_view kV15 = R"sql(
ALTER TABLE users ADD COLUMN security_keys TEXT NOT NULL DEFAULT '[]';
)sql";

constexpr Migration kMigrations[] = {{1, kV1},   {2, kV2},   {3, kV3},   {4, kV4},   {5, kV5},
                                     {6, kV6},   {7, kV7},   {8, kV8},   {9, kV9},   {10, kV10},
                                     {11, kV11}, {12, kV12}, {13, kV13}, {14, kV14}, {15, kV15}};

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

}  // namespace etguard::store
