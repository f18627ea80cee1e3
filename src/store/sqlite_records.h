// Records on the embedded SQLite database (schema.cc).
#pragma once

#include <map>
#include <string>

#include "store/records.h"
#include "store/sqlite.h"

namespace etguard::store {

class SqliteRecords final : public Records {
 public:
  explicit SqliteRecords(Database& db) : db_(&db) {}

  Result<std::string> setting(std::string_view key) override;
  Status set_setting(std::string_view key, std::string_view value) override;

  Result<assess::Registers> registers() override;
  Status for_each_entry(std::string_view subject,
                        const std::function<void(assess::RegisterEntry&&)>& visit) override;
  Status replace_profile(const assess::Profile& profile) override;
  Status put_entry(const assess::RegisterEntry& entry) override;
  Status remove_entry(const assess::RegisterEntry& entry) override;

  Result<std::optional<assess::Result>> result(const std::string& node_id,
                                               const std::string& object) override;
  Result<std::vector<assess::Result>> results() override;
  Status put_result(const assess::Result& result, const std::string& updated_at) override;
  Status keep_result_state(std::int64_t seq, const std::string& state) override;
  Result<std::vector<ResultHistoryEntry>> result_history(const std::string& object) override;
  Result<std::vector<ResultHistoryEntry>> kept_result_states() override;

  Status add_cycle_archiving_results(const CycleRecord& cycle) override;
  Result<std::vector<CycleRecord>> cycles() override;
  Result<CycleArchive> cycle_archive(const std::string& name) override;
  Status add_sign_off(const assess::SignOff& sign_off) override;
  Result<std::vector<assess::SignOff>> sign_offs() override;
  // sqlite_users.cc: users and their API tokens
  Result<std::vector<UserRecord>> users() override;
  Result<std::optional<UserRecord>> user(const std::string& name) override;
  Status put_user(const UserRecord& user) override;
  Result<std::vector<ApiTokenRecord>> api_tokens() override;
  Result<std::optional<ApiTokenRecord>> api_token_by_digest(const std::string& digest) override;
  Status put_api_token(const ApiTokenRecord& token) override;

  Result<std::int64_t> add_evidence(const assess::Evidence& evidence) override;
  Result<std::vector<assess::Evidence>> evidence() override;
  Status withdraw_evidence(const assess::Evidence& withdrawal) override;
  Status add_evidence_review(const assess::EvidenceReview& review) override;
  Result<std::vector<assess::EvidenceReview>> evidence_reviews() override;
  Result<std::int64_t> add_comment(const assess::Comment& comment) override;
  Result<std::vector<assess::Comment>> comments(const std::string& node_id,
                                                const std::string& object) override;

  Result<std::vector<LedgerState>> ledger_states(const std::vector<std::string>& prefixes,
                                                 bool latest_only) override;
  Result<std::vector<LedgerLine>> latest_ledger_lines(std::int64_t limit) override;
  Result<LedgerLine> last_records_change() override;
  Result<std::vector<LedgerLine>> ledger_lines_from(std::int64_t seq, std::int64_t limit) override;
  Result<std::map<std::string, std::string>> settings_under(std::string_view prefix) override;
  Status remove_setting(std::string_view key) override;

 private:
  // The live registers (`cycle_id` 0) or those archived with a cycle.
  Result<assess::Registers> read_registers(std::int64_t cycle_id);
  Result<std::vector<assess::Result>> read_results(std::int64_t cycle_id);
  Result<std::vector<ResultHistoryEntry>> read_changes(std::string_view sql,
                                                       const std::string* object);
  // The statements run once per row of a bulk change (a 10,000-row answers
  // import), prepared once per connection; a statement comes back reset.
  Result<Statement*> cached(std::string_view sql);
  Database* db_;
  std::map<std::string, Statement, std::less<>> cache_;
};

}  // namespace etguard::store
