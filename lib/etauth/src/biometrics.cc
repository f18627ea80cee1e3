#include "etauth/biometrics.h"

#include <openssl/crypto.h>
#include <sqlite3.h>

#include <mutex>

#include "bytes.h"
#include "sqlite_file.h"

namespace etauth {
namespace {

constexpr std::size_t kRecordKeyBytes = 32;

}  // namespace

struct SqliteTemplateStore::State {
  std::unique_ptr<detail::SqliteFile> file;
  std::mutex lock;
};

SqliteTemplateStore::SqliteTemplateStore(std::unique_ptr<State> state) : state_(std::move(state)) {}
SqliteTemplateStore::~SqliteTemplateStore() = default;

Result<std::unique_ptr<SqliteTemplateStore>> SqliteTemplateStore::open(const std::string& path) {
  auto file = detail::SqliteFile::open(
      path, "template store",
      "CREATE TABLE IF NOT EXISTS template(pseudonym TEXT PRIMARY KEY, sealed BLOB NOT NULL) "
      "STRICT");
  if (!file) {
    return std::unexpected(file.error());
  }
  auto state = std::make_unique<State>();
  state->file = std::move(*file);
  return std::unique_ptr<SqliteTemplateStore>(new SqliteTemplateStore(std::move(state)));
}

Status SqliteTemplateStore::put(const std::string& pseudonym, const Bytes& sealed) {
  const std::lock_guard guard(state_->lock);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(state_->file->db(), "INSERT OR REPLACE INTO template VALUES(?1, ?2)", -1,
                     &statement, nullptr);
  sqlite3_bind_text(statement, 1, pseudonym.data(), static_cast<int>(pseudonym.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_blob(statement, 2, sealed.data(), static_cast<int>(sealed.size()), SQLITE_TRANSIENT);
  const int rc = sqlite3_step(statement);
  sqlite3_finalize(statement);
  if (rc != SQLITE_DONE) {
    return state_->file->failure("store");
  }
  return {};
}

Result<std::optional<Bytes>> SqliteTemplateStore::get(const std::string& pseudonym) {
  const std::lock_guard guard(state_->lock);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(state_->file->db(), "SELECT sealed FROM template WHERE pseudonym = ?1", -1,
                     &statement, nullptr);
  sqlite3_bind_text(statement, 1, pseudonym.data(), static_cast<int>(pseudonym.size()),
                    SQLITE_TRANSIENT);
  std::optional<Bytes> found;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, 0));
    found = Bytes(blob, static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
  }
  sqlite3_finalize(statement);
  return found;
}

Result<std::string> BiometricVault::pseudonym(std::string_view user_id) {
  auto mac = hsm_.hmac_sha256(keys_.pseudonym_key, detail::as_bytes(user_id));
  if (!mac) {
    return std::unexpected(mac.error());
  }
  return detail::hex(*mac);
}

Result<GcmKey> BiometricVault::key_encryption_key(const std::string& pseudonym) {
  auto derived = hsm_.hmac_sha256(
      keys_.wrapping_key, detail::as_bytes("etauth biometric key-encryption key\n" + pseudonym));
  if (!derived) {
    return std::unexpected(derived.error());
  }
  auto key = GcmKey::create(*derived);
  OPENSSL_cleanse(derived->data(), derived->size());
  return key;
}

// Sealed record: IV (12) | wrapped record key (32 + 16) | IV (12) | template ciphertext + tag.
Status BiometricVault::enrol(std::string_view user_id,
                             std::span<const std::uint8_t> biometric_template) {
  auto name = pseudonym(user_id);
  if (!name) {
    return std::unexpected(name.error());
  }
  auto kek = key_encryption_key(*name);
  if (!kek) {
    return std::unexpected(kek.error());
  }
  Bytes record_key(kRecordKeyBytes, 0);
  Bytes wrap_iv(kGcmIvBytes, 0);
  Bytes data_iv(kGcmIvBytes, 0);
  if (!random_.fill(record_key) || !random_.fill(wrap_iv) || !random_.fill(data_iv)) {
    return error(Errc::kCrypto, "the random generator failed");
  }
  const auto aad = detail::as_bytes(*name);  // a record cannot be moved under another pseudonym
  Bytes sealed = wrap_iv;
  auto wrapped = kek->seal(wrap_iv, aad, record_key, sealed);
  auto data_key = GcmKey::create(record_key);
  OPENSSL_cleanse(record_key.data(), record_key.size());
  if (!wrapped || !data_key) {
    return error(Errc::kCrypto, "sealing the template failed");
  }
  sealed.append(data_iv);
  if (auto ok = data_key->seal(data_iv, aad, biometric_template, sealed); !ok) {
    return std::unexpected(ok.error());
  }
  return store_.put(*name, sealed);
}

Result<Bytes> BiometricVault::template_of(std::string_view user_id) {
  auto name = pseudonym(user_id);
  if (!name) {
    return std::unexpected(name.error());
  }
  auto found = store_.get(*name);
  if (!found) {
    return std::unexpected(found.error());
  }
  const std::optional<Bytes>& record = *found;
  if (!record.has_value()) {
    return error(Errc::kNotFound, "no biometric template is enrolled for this user");
  }
  const std::span<const std::uint8_t> sealed(*record);
  constexpr std::size_t kWrapped = kRecordKeyBytes + kGcmTagBytes;
  if (sealed.size() < 2 * kGcmIvBytes + kWrapped + kGcmTagBytes) {
    return error(Errc::kBadCredential, "the template record is truncated");
  }
  auto kek = key_encryption_key(*name);
  if (!kek) {
    return std::unexpected(kek.error());
  }
  const auto aad = detail::as_bytes(*name);
  Bytes record_key;
  if (auto ok = kek->open(sealed.first(kGcmIvBytes), aad, sealed.subspan(kGcmIvBytes, kWrapped),
                          record_key);
      !ok) {
    return std::unexpected(ok.error());
  }
  auto data_key = GcmKey::create(record_key);
  OPENSSL_cleanse(record_key.data(), record_key.size());
  if (!data_key) {
    return std::unexpected(data_key.error());
  }
  const std::size_t data_at = kGcmIvBytes + kWrapped;
  Bytes plain;
  if (auto ok = data_key->open(sealed.subspan(data_at, kGcmIvBytes), aad,
                               sealed.subspan(data_at + kGcmIvBytes), plain);
      !ok) {
    return std::unexpected(ok.error());
  }
  return plain;
}

MatcherFindings assess_matcher(const MatcherStandard& standard, const MatcherReview& review,
                               std::chrono::sys_seconds now) {
  MatcherFindings findings;
  findings.review_overdue = now - review.reviewed > std::chrono::days(365);
  findings.false_accept_high = review.false_accept > standard.max_false_accept;
  findings.false_reject_high = review.false_reject > standard.max_false_reject;
  return findings;
}

}  // namespace etauth
