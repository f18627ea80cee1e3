#include "workspace/states.h"

#include <nlohmann/json.hpp>

#include "core/digest.h"

namespace etguard::workspace {
namespace {

using Json = nlohmann::json;

}  // namespace

std::string result_state(const assess::Result& result) {
  Json state{{"status", assess::to_string(result.status)},
             {"owner", result.owner},
             {"note", result.note},
             {"justification", result.justification},
             {"due_date", result.due_date},
             {"assessed_on", result.assessed_on}};
  // Only when there is one: results recorded before schema 8 keep the digest
  // they were recorded with.
  if (!result.plan.empty()) {
    state["plan"] = Json{{"action", result.plan.action},
                         {"owner", result.plan.owner},
                         {"due_on", result.plan.due_on},
                         {"status", assess::to_string(result.plan.status)}};
  }
  return state.dump();
}

std::optional<assess::Result> result_from_state(std::string_view state) {
  const Json json = Json::parse(state, nullptr, false);
  if (!json.is_object()) {
    return std::nullopt;
  }
  const auto text = [](const Json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  const auto status = assess::parse_result_status(text(json, "status"));
  if (!status) {
    return std::nullopt;
  }
  assess::Result result;
  result.status = *status;
  result.owner = text(json, "owner");
  result.note = text(json, "note");
  result.justification = text(json, "justification");
  result.due_date = text(json, "due_date");
  result.assessed_on = text(json, "assessed_on");
  if (const auto plan = json.find("plan"); plan != json.end() && plan->is_object()) {
    result.plan.action = text(*plan, "action");
    result.plan.owner = text(*plan, "owner");
    result.plan.due_on = text(*plan, "due_on");
    result.plan.status =
        assess::parse_plan_status(text(*plan, "status")).value_or(assess::PlanStatus::kOpen);
  }
  return result;
}

std::string evidence_state(const assess::Evidence& record) {
  Json state{{"kind", record.kind},
             {"sha256", record.sha256},
             {"size", record.size},
             {"name", record.name},
             {"uri", record.uri},
             {"effective_from", record.effective_from},
             {"effective_to", record.effective_to},
             {"check_id", record.check_id},
             {"verdict", assess::verdict_name(record)}};
  // Only when known: records added before schema 7 keep the digest they were
  // recorded with.
  if (!record.file_name.empty()) {
    state["file_name"] = record.file_name;
  }
  if (!record.media_type.empty()) {
    state["media_type"] = record.media_type;
  }
  return state.dump();
}

std::string sign_off_state(const assess::SignOff& sign_off) {
  return Json{{"cycle", sign_off.cycle},         {"report", sign_off.report},
              {"sha256", sign_off.sha256},       {"statement", sign_off.statement},
              {"signed_by", sign_off.signed_by}, {"signed_at", sign_off.signed_at}}
      .dump();
}

std::string review_state(const assess::EvidenceReview& review) {
  return Json{{"evidence", review.evidence_id},
              {"decision", review.approved ? "approved" : "rejected"},
              {"comment", review.comment},
              {"reviewer", review.reviewer},
              {"reviewed_at", review.reviewed_at}}
      .dump();
}

std::string comment_state(const assess::Comment& comment) {
  return Json{{"id", comment.id},
              {"body", comment.body},
              {"author", comment.author},
              {"written_at", comment.written_at}}
      .dump();
}

std::string setting_state(const std::string& key, const std::string& value) {
  return Json{{"key", key}, {"value", value}}.dump();
}

std::string withdrawal_state(const assess::Evidence& record) {
  return Json{{"evidence", record.id},
              {"reason", record.withdrawn_reason},
              {"superseded_by", record.superseded_by},
              {"withdrawn_by", record.withdrawn_by},
              {"withdrawn_at", record.withdrawn_at}}
      .dump();
}

std::string user_state(const store::UserRecord& user) {
  Json state{{"name", user.name},
             {"display", user.display},
             {"role", user.role},
             {"objects", user.objects},
             {"password_changed_at", user.password_changed_at},
             {"second_factor", user.otp_seed.empty() ? "" : "totp"},
             {"disabled", user.disabled},
             {"note", user.note},
             {"created_at", user.created_at}};
  // Only when there are some: users recorded before schema 15 keep the
  // digest they were recorded with. The column's SHA-256 covers every key's
  // public key and counter, so a key put into the database behind etguard's
  // back is named by the verification.
  if (user.security_keys != "[]") {
    state["security_keys"] = sha256_hex(user.security_keys);
  }
  return state.dump();
}

std::string api_token_state(const store::ApiTokenRecord& token) {
  return Json{{"id", token.id},
              {"user", token.user},
              {"name", token.name},
              {"role", token.role},
              {"objects", token.objects},
              {"digest", token.digest},
              {"created_at", token.created_at},
              {"expires_at", token.expires_at},
              {"revoked_at", token.revoked_at},
              {"revoked_by", token.revoked_by}}
      .dump();
}

}  // namespace etguard::workspace
