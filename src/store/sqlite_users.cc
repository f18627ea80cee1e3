// SqliteRecords: the users of the server (schema 11; their security keys,
// 15) and their API tokens (schema 14).
#include "store/sqlite_records.h"

namespace etguard::store {
namespace {

constexpr std::string_view kUserColumns =
    "name, display, role, objects, password, password_changed_at, otp_seed, otp_last_step, "
    "disabled, note, created_at, security_keys";

UserRecord read_user(const Statement& row) {
  return {.name = row.text(0),
          .display = row.text(1),
          .role = row.text(2),
          .objects = row.text(3),
          .password = row.text(4),
          .password_changed_at = row.text(5),
          .otp_seed = row.text(6),
          .otp_last_step = row.integer(7),
          .disabled = row.integer(8) != 0,
          .note = row.text(9),
          .created_at = row.text(10),
          .security_keys = row.text(11)};
}

constexpr std::string_view kTokenColumns =
    "id, user, name, role, objects, digest, created_at, expires_at, revoked_at, revoked_by";

ApiTokenRecord read_token(const Statement& row) {
  return {.id = row.text(0),
          .user = row.text(1),
          .name = row.text(2),
          .role = row.text(3),
          .objects = row.text(4),
          .digest = row.text(5),
          .created_at = row.text(6),
          .expires_at = row.text(7),
          .revoked_at = row.text(8),
          .revoked_by = row.text(9)};
}

}  // namespace

Result<std::vector<UserRecord>> SqliteRecords::users() {
  auto rows = db_->prepare(std::string("SELECT ") + std::string(kUserColumns) +
                           " FROM users ORDER BY name");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<UserRecord> out;
  if (Status read = rows->for_each_row([&] { out.push_back(read_user(*rows)); }); !read) {
    return std::unexpected(read.error());
  }
  return out;
}

Result<std::optional<UserRecord>> SqliteRecords::user(const std::string& name) {
  auto row =
      cached(std::string("SELECT ") + std::string(kUserColumns) + " FROM users WHERE name = ?");
  if (!row) {
    return std::unexpected(row.error());
  }
  (*row)->bind(1, name);
  auto found = (*row)->step();
  if (!found) {
    return std::unexpected(found.error());
  }
  std::optional<UserRecord> user;
  if (*found) {
    user = read_user(**row);
  }
  if (Status reset = (*row)->reset(); !reset) {
    return std::unexpected(reset.error());
  }
  return user;
}

Status SqliteRecords::put_user(const UserRecord& user) {
  auto upsert = cached(std::string("INSERT OR REPLACE INTO users (") + std::string(kUserColumns) +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!upsert) {
    return std::unexpected(upsert.error());
  }
  return (*upsert)
      ->bind(1, user.name)
      .bind(2, user.display)
      .bind(3, user.role)
      .bind(4, user.objects)
      .bind(5, user.password)
      .bind(6, user.password_changed_at)
      .bind(7, user.otp_seed)
      .bind(8, user.otp_last_step)
      .bind(9, std::int64_t{user.disabled ? 1 : 0})
      .bind(10, user.note)
      .bind(11, user.created_at)
      .bind(12, user.security_keys)
      .run();
}

Result<std::vector<ApiTokenRecord>> SqliteRecords::api_tokens() {
  auto rows = db_->prepare(std::string("SELECT ") + std::string(kTokenColumns) +
                           " FROM api_tokens ORDER BY id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<ApiTokenRecord> out;
  if (Status read = rows->for_each_row([&] { out.push_back(read_token(*rows)); }); !read) {
    return std::unexpected(read.error());
  }
  return out;
}

Result<std::optional<ApiTokenRecord>> SqliteRecords::api_token_by_digest(
    const std::string& digest) {
  auto row = cached(std::string("SELECT ") + std::string(kTokenColumns) +
                    " FROM api_tokens WHERE digest = ?");
  if (!row) {
    return std::unexpected(row.error());
  }
  (*row)->bind(1, digest);
  auto found = (*row)->step();
  if (!found) {
    return std::unexpected(found.error());
  }
  std::optional<ApiTokenRecord> token;
  if (*found) {
    token = read_token(**row);
  }
  if (Status reset = (*row)->reset(); !reset) {
    return std::unexpected(reset.error());
  }
  return token;
}

Status SqliteRecords::put_api_token(const ApiTokenRecord& token) {
  // Only a revocation changes a token once it is added.
  auto upsert = cached(std::string("INSERT INTO api_tokens (") + std::string(kTokenColumns) +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                       "revoked_at = excluded.revoked_at, revoked_by = excluded.revoked_by");
  if (!upsert) {
    return std::unexpected(upsert.error());
  }
  return (*upsert)
      ->bind(1, token.id)
      .bind(2, token.user)
      .bind(3, token.name)
      .bind(4, token.role)
      .bind(5, token.objects)
      .bind(6, token.digest)
      .bind(7, token.created_at)
      .bind(8, token.expires_at)
      .bind(9, token.revoked_at)
      .bind(10, token.revoked_by)
      .run();
}

}  // namespace etguard::store
