// Workspace::verify_state: the live records against the ledger's after-digests.
#include <fmt/format.h>

#include <map>
#include <set>

#include "workspace/states.h"
#include "workspace/workspace.h"

namespace etguard::workspace {
namespace {

using Digests = std::map<std::string, std::multiset<std::string>>;  // by object

// Compares the digests the live records have with those the ledger recorded,
// object by object, naming each difference.
void compare(const Digests& live, const Digests& ledger, std::string_view kind,
             std::vector<std::string>& problems) {
  for (const auto& [object, digests] : live) {
    const auto found = ledger.find(object);
    if (found == ledger.end()) {
      problems.push_back(
          fmt::format("{} {} is not in the ledger (added behind etguard's back)", kind, object));
    } else if (found->second != digests) {
      problems.push_back(
          fmt::format("{} {} differs from what the ledger recorded (changed behind etguard's back)",
                      kind, object));
    }
  }
  for (const auto& [object, digests] : ledger) {
    if (!live.contains(object) && !digests.empty()) {
      problems.push_back(fmt::format(
          "{} {} is in the ledger but not in the database (deleted behind etguard's back)", kind,
          object));
    }
  }
}

// The latest after-digest of each object; objects whose latest state is
// "gone" (removed) have none.
Result<Digests> latest(store::Records& records, const std::vector<std::string>& prefixes) {
  auto states = records.ledger_states(prefixes, true);
  if (!states) {
    return std::unexpected(states.error());
  }
  Digests digests;
  for (const store::LedgerState& state : *states) {
    if (!state.after_digest.empty()) {
      digests[state.object].insert(state.after_digest);
    }
  }
  return digests;
}

}  // namespace

Result<std::vector<std::string>> Workspace::verify_state() {
  auto registers = records_->registers();
  auto results = records_->results();
  auto evidence = records_->evidence();
  if (!registers || !results || !evidence) {
    return std::unexpected(!registers ? registers.error()
                           : !results ? results.error()
                                      : evidence.error());
  }
  std::vector<std::string> problems;
  // The profile and the register entries.
  Digests live_registers;
  if (!registers->profile.name.empty()) {
    live_registers["profile"].insert(ledger::state_digest(canonical(registers->profile)));
  }
  for (const assess::RegisterEntry& entry : registers->entries) {
    live_registers[entry.key()].insert(ledger::state_digest(canonical(entry)));
  }
  auto ledger_registers = latest(*records_, {"register.", "profile."});
  if (!ledger_registers) {
    return std::unexpected(ledger_registers.error());
  }
  compare(live_registers, *ledger_registers, "register entry", problems);
  // Results.
  Digests live_results;
  for (const assess::Result& result : *results) {
    live_results[result.node_id + " " + result.object].insert(
        ledger::state_digest(result_state(result)));
  }
  auto ledger_results = latest(*records_, {"result."});
  if (!ledger_results) {
    return std::unexpected(ledger_results.error());
  }
  compare(live_results, *ledger_results, "result", problems);
  // Evidence: every record the ledger added, none more, none less.
  Digests live_evidence;
  for (const assess::Evidence& record : *evidence) {
    live_evidence[record.node_id + " " + record.object].insert(
        ledger::state_digest(evidence_state(record)));
  }
  auto added = records_->ledger_states({"evidence.add"}, false);
  if (!added) {
    return std::unexpected(added.error());
  }
  Digests ledger_evidence;
  for (const store::LedgerState& state : *added) {
    ledger_evidence[state.object].insert(state.after_digest);
  }
  compare(live_evidence, ledger_evidence, "evidence for", problems);
  // Sign-offs, like evidence: every one the ledger recorded, none more.
  auto sign_offs = records_->sign_offs();
  auto signed_in_ledger = records_->ledger_states({"cycle.sign_off"}, false);
  if (!sign_offs || !signed_in_ledger) {
    return std::unexpected(!sign_offs ? sign_offs.error() : signed_in_ledger.error());
  }
  Digests live_sign_offs;
  for (const assess::SignOff& sign_off : *sign_offs) {
    live_sign_offs[sign_off.cycle].insert(ledger::state_digest(sign_off_state(sign_off)));
  }
  Digests ledger_sign_offs;
  for (const store::LedgerState& state : *signed_in_ledger) {
    ledger_sign_offs[state.object].insert(state.after_digest);
  }
  compare(live_sign_offs, ledger_sign_offs, "sign-off of cycle", problems);
  // Withdrawals: every one the ledger recorded, none more.
  auto withdrawn_in_ledger =
      records_->ledger_states({"evidence.withdraw", "evidence.supersede"}, false);
  if (!withdrawn_in_ledger) {
    return std::unexpected(withdrawn_in_ledger.error());
  }
  Digests live_withdrawals;
  for (const assess::Evidence& record : *evidence) {
    if (record.withdrawn()) {
      live_withdrawals[fmt::format("evidence {}", record.id)].insert(
          ledger::state_digest(withdrawal_state(record)));
    }
  }
  Digests ledger_withdrawals;
  for (const store::LedgerState& state : *withdrawn_in_ledger) {
    ledger_withdrawals[state.object].insert(state.after_digest);
  }
  compare(live_withdrawals, ledger_withdrawals, "withdrawal of", problems);
  // Reviews: every one the ledger recorded, none more.
  auto reviews = records_->evidence_reviews();
  auto reviewed_in_ledger = records_->ledger_states({"evidence.review"}, false);
  if (!reviews || !reviewed_in_ledger) {
    return std::unexpected(!reviews ? reviews.error() : reviewed_in_ledger.error());
  }
  Digests live_reviews;
  for (const assess::EvidenceReview& review : *reviews) {
    live_reviews[fmt::format("evidence {}", review.evidence_id)].insert(
        ledger::state_digest(review_state(review)));
  }
  Digests ledger_reviews;
  for (const store::LedgerState& state : *reviewed_in_ledger) {
    ledger_reviews[state.object].insert(state.after_digest);
  }
  compare(live_reviews, ledger_reviews, "review of", problems);
  // Comments: every one the ledger recorded, none more.
  auto comments = records_->comments({}, {});
  auto commented_in_ledger = records_->ledger_states({"comment.add"}, false);
  if (!comments || !commented_in_ledger) {
    return std::unexpected(!comments ? comments.error() : commented_in_ledger.error());
  }
  Digests live_comments;
  for (const assess::Comment& comment : *comments) {
    live_comments[comment.node_id + " " + comment.object].insert(
        ledger::state_digest(comment_state(comment)));
  }
  Digests ledger_comments;
  for (const store::LedgerState& state : *commented_in_ledger) {
    ledger_comments[state.object].insert(state.after_digest);
  }
  compare(live_comments, ledger_comments, "comment on", problems);
  // Settings: each as its latest setting.set left it.
  auto settings = this->settings();
  auto ledger_settings = latest(*records_, {"setting.set"});
  if (!settings || !ledger_settings) {
    return std::unexpected(!settings ? settings.error() : ledger_settings.error());
  }
  Digests live_settings;
  for (const auto& [key, value] : *settings) {
    live_settings[key].insert(ledger::state_digest(setting_state(key, value)));
  }
  compare(live_settings, *ledger_settings, "setting", problems);
  // Users: each as its latest user or login entry left it (a role or status
  // edited behind etguard's back is named).
  auto users = records_->users();
  if (!users) {
    return std::unexpected(users.error());
  }
  Digests live_users;
  for (const store::UserRecord& user : *users) {
    live_users["user/" + user.name].insert(ledger::state_digest(user_state(user)));
  }
  auto ledger_users = latest(*records_, {"user.", "login."});
  if (!ledger_users) {
    return std::unexpected(ledger_users.error());
  }
  compare(live_users, *ledger_users, "user", problems);
  // API tokens: each as its latest token entry left it (a digest swapped in
  // behind etguard's back is named).
  auto tokens = records_->api_tokens();
  auto ledger_tokens = latest(*records_, {"token."});
  if (!tokens || !ledger_tokens) {
    return std::unexpected(!tokens ? tokens.error() : ledger_tokens.error());
  }
  Digests live_tokens;
  for (const store::ApiTokenRecord& token : *tokens) {
    live_tokens["token/" + token.id].insert(ledger::state_digest(api_token_state(token)));
  }
  compare(live_tokens, *ledger_tokens, "API token", problems);
  // The history of results: each kept state is what its ledger entry digested.
  auto kept = records_->kept_result_states();
  if (!kept) {
    return std::unexpected(kept.error());
  }
  for (const store::ResultHistoryEntry& change : *kept) {
    if (change.after_digest.empty()) {
      problems.push_back(fmt::format(
          "result history entry {} has no result.set ledger entry (added behind etguard's back)",
          change.seq));
    } else if (ledger::state_digest(change.state.value_or("")) != change.after_digest) {
      problems.push_back(fmt::format(
          "result history entry {} ({}) differs from what the ledger recorded (changed behind "
          "etguard's back)",
          change.seq, change.object));
    }
  }
  return problems;
}

}  // namespace etguard::workspace
