// Biometric templates held by the firm (Art. 35(3), (4)).
//
// A template is filed under a pseudonym — HMAC of the user id with an HSM
// key, so the store alone does not say whose it is — and encrypted with a
// key of its own, which is itself encrypted under a key-encryption key
// derived inside the HSM (HMAC with a second non-extractable key): the store
// never holds a key that opens anything. The store is a file of its own,
// separate from the accounts.
//
// The matcher's false-accept and false-reject rates are the firm's
// standards, checked against measurements before go-live and reviewed every
// year: a review older than a year, or a measurement above a standard, is
// reported so compensating controls can be put in place.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "etauth/crypto.h"
#include "etauth/environment.h"
#include "etauth/error.h"

namespace etauth {

class TemplateStore {
 public:
  virtual ~TemplateStore() = default;
  virtual Status put(const std::string& pseudonym, const Bytes& sealed) = 0;
  virtual Result<std::optional<Bytes>> get(const std::string& pseudonym) = 0;
};

// The reference store: one SQLite file holding only pseudonyms and sealed templates.
class SqliteTemplateStore final : public TemplateStore {
 public:
  static Result<std::unique_ptr<SqliteTemplateStore>> open(const std::string& path);
  ~SqliteTemplateStore() override;
  SqliteTemplateStore(const SqliteTemplateStore&) = delete;
  SqliteTemplateStore& operator=(const SqliteTemplateStore&) = delete;
  SqliteTemplateStore(SqliteTemplateStore&&) = delete;
  SqliteTemplateStore& operator=(SqliteTemplateStore&&) = delete;
  Status put(const std::string& pseudonym, const Bytes& sealed) override;
  Result<std::optional<Bytes>> get(const std::string& pseudonym) override;

 private:
  struct State;
  explicit SqliteTemplateStore(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

struct BiometricKeys {
  std::string pseudonym_key;  // HSM key ids
  std::string wrapping_key;
};

class BiometricVault {
 public:
  BiometricVault(Hsm& hsm, BiometricKeys keys, TemplateStore& store, Random& random)
      : hsm_(hsm), keys_(std::move(keys)), store_(store), random_(random) {}

  Result<std::string> pseudonym(std::string_view user_id);
  Status enrol(std::string_view user_id, std::span<const std::uint8_t> biometric_template);
  // kNotFound when the user has no template.
  Result<Bytes> template_of(std::string_view user_id);

 private:
  Result<GcmKey> key_encryption_key(const std::string& pseudonym);
  Hsm& hsm_;
  BiometricKeys keys_;
  TemplateStore& store_;
  Random& random_;
};

struct MatcherStandard {
  double max_false_accept = 0.0001;  // the firm's standards (risk appetite)
  double max_false_reject = 0.05;
};

struct MatcherReview {
  double false_accept = 0;  // measured
  double false_reject = 0;
  std::chrono::sys_seconds reviewed{};
};

struct MatcherFindings {
  bool review_overdue = false;     // more than a year since the last review
  bool false_accept_high = false;  // compensating controls needed
  bool false_reject_high = false;
  bool ok() const { return !review_overdue && !false_accept_high && !false_reject_high; }
};

MatcherFindings assess_matcher(const MatcherStandard& standard, const MatcherReview& review,
                               std::chrono::sys_seconds now);

}  // namespace etauth
