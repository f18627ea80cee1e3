// Results and cycles.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/data/embedded.h"
#include "core/digest.h"
#include "core/text.h"
#include "workspace/states.h"
#include "workspace/transaction.h"
#include "workspace/workspace.h"

namespace etguard::workspace {
namespace {

using Json = nlohmann::json;

}  // namespace

// A plan names its action and due date; its text is safe to show.
Status check_plan(const assess::RemediationPlan& plan) {
  if (plan.empty()) {
    if (!plan.owner.empty() || !plan.due_on.empty()) {
      return fail(ErrorKind::kUsage, "a remediation plan needs its action (--plan)",
                  "改善計畫須說明改善措施（--plan）");
    }
    return {};
  }
  if (plan.due_on.empty() || assess::add_days(plan.due_on, 0) != plan.due_on) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("a remediation plan needs its due date (--plan-due YYYY-MM-DD), "
                    "not '{}'",
                    plan.due_on),
        fmt::format("改善計畫須有完成期限（--plan-due YYYY-MM-DD），'{}' 不是日期", plan.due_on));
  }
  for (const auto& [field, text] :
       {std::pair{"plan", &plan.action}, std::pair{"plan owner", &plan.owner}}) {
    if (const auto unsafe = unsafe_character_in(*text)) {
      return fail(ErrorKind::kUsage,
                  fmt::format("bad-character: {} holds {}", field, describe(*unsafe, Lang::kEn)),
                  fmt::format("bad-character：{} 含 {}", field, describe(*unsafe, Lang::kZhTw)));
    }
  }
  return {};
}

Status check_result(const ScopeIndex& scope, const assess::Result& result) {
  if (Status applies = scope.check(result.node_id, result.object); !applies) {
    return applies;
  }
  for (const auto& [field, text] :
       {std::pair{"owner", &result.owner}, std::pair{"note", &result.note},
        std::pair{"justification", &result.justification}}) {
    if (const auto unsafe = unsafe_character_in(*text)) {
      return fail(ErrorKind::kUsage,
                  fmt::format("bad-character: {} holds {}", field, describe(*unsafe, Lang::kEn)),
                  fmt::format("bad-character：{} 含 {}", field, describe(*unsafe, Lang::kZhTw)));
    }
  }
  if (Status plan = check_plan(result.plan); !plan) {
    return plan;
  }
  if (result.status == assess::ResultStatus::kNotApplicable && result.justification.empty()) {
    return fail(ErrorKind::kUsage, "a not-applicable result needs --justification",
                "不適用須填寫 --justification 理由");
  }
  if (result.status == assess::ResultStatus::kCompensating && result.note.empty()) {
    return fail(ErrorKind::kUsage, "a compensating control needs its description in --note",
                "補償性措施須以 --note 說明");
  }
  return {};
}

Status Workspace::validate_result(const assess::Result& result) {
  auto registers = load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  return check_result(ScopeIndex(*registers, result.node_id), result);
}

Status Workspace::store_result(ledger::Writer& writer, const assess::Result& result,
                               const std::string& actor) {
  auto before = records_->result(result.node_id, result.object);
  if (!before) {
    return std::unexpected(before.error());
  }
  const std::optional<assess::Result>& previous = *before;
  const std::string old_state = previous.has_value() ? result_state(*previous) : std::string();
  const std::string new_state = result_state(result);
  if (new_state == old_state) {
    return {};  // unchanged: nothing to record
  }
  const std::string time = clock_->utc_now();
  if (Status stored = records_->put_result(result, time); !stored) {
    return stored;
  }
  auto entry = writer.append(
      {actor, "result.set", result.node_id + " " + result.object, old_state, new_state}, time);
  if (!entry) {
    return std::unexpected(entry.error());
  }
  return records_->keep_result_state(entry->seq, new_state);
}

Status Workspace::set_result(const assess::Result& result, const std::string& actor) {
  return set_results({result}, actor);
}

Status Workspace::update_result(const std::string& node_id, const std::string& object,
                                const ResultChange& change, const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Status {
    auto current = records_->result(node_id, object);
    if (!current) {
      return std::unexpected(current.error());
    }
    const bool existed = current->has_value();
    assess::Result result;
    if (existed) {
      result = **current;
    } else {
      result.node_id = node_id;
      result.object = object;
    }
    if (Status changed = change(result, existed); !changed) {
      return changed;
    }
    auto registers = records_->registers();
    if (!registers) {
      return std::unexpected(registers.error());
    }
    if (Status valid = check_result(ScopeIndex(*registers, node_id), result); !valid) {
      return valid;
    }
    return store_result(writer, result, actor);
  });
}

Status Workspace::set_results(const std::vector<assess::Result>& results,
                              const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Status {
    auto registers = records_->registers();
    if (!registers) {
      return std::unexpected(registers.error());
    }
    const ScopeIndex scope(*registers);
    for (const assess::Result& result : results) {
      if (Status valid = check_result(scope, result); !valid) {
        return valid;
      }
    }
    for (const assess::Result& result : results) {
      if (Status stored = store_result(writer, result, actor); !stored) {
        return stored;
      }
    }
    return {};
  });
}

namespace {

// An open problem (with its plan): carried into the next cycle as it stands.
bool open_problem(const assess::Result& result) {
  return assess::is_open_problem(result.status);
}

}  // namespace

Result<Workspace::CyclePlan> Workspace::start_cycle(const std::string& name,
                                                    const std::string& today,
                                                    const std::string& due_on, bool dry_run,
                                                    const std::string& actor) {
  if (name.empty()) {
    return fail(ErrorKind::kUsage, "a cycle needs a name (e.g. 2027)",
                "評估週期須有名稱（例如 2027）");
  }
  if (!due_on.empty() && due_on < today) {
    return fail(ErrorKind::kUsage,
                fmt::format("the cycle's deadline {} is before its start {}", due_on, today),
                fmt::format("週期期限 {} 早於開始日 {}", due_on, today));
  }
  CyclePlan plan;
  const auto count = [&](const std::vector<assess::Result>& results) {
    for (const assess::Result& result : results) {
      if (open_problem(result)) {
        ++plan.carried_over;
      } else if (result.status != assess::ResultStatus::kNotAssessed ||
                 !result.assessed_on.empty()) {
        ++plan.reset;
      }
    }
  };
  if (dry_run) {
    auto cycles = records_->cycles();
    if (!cycles) {
      return std::unexpected(cycles.error());
    }
    if (std::ranges::any_of(*cycles, [&](const auto& c) { return c.name == name; })) {
      return fail(ErrorKind::kUsage, fmt::format("a cycle named '{}' exists already", name),
                  fmt::format("評估週期 '{}' 已存在", name));
    }
    auto results = records_->results();
    if (!results) {
      return std::unexpected(results.error());
    }
    count(*results);
    return plan;
  }
  auto done = in_transaction([&](ledger::Writer& writer) -> Status {
    auto results = records_->results();
    if (!results) {
      return std::unexpected(results.error());
    }
    count(*results);
    if (Status added = records_->add_cycle_archiving_results({name, today, actor, 0, due_on});
        !added) {
      return added;
    }
    auto entry = writer.append({actor, "cycle.start", name, "",
                                Json{{"name", name},
                                     {"started_on", today},
                                     {"due_on", due_on},
                                     {"archived", results->size()},
                                     {"carried_over", plan.carried_over}}
                                    .dump()},
                               clock_->utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    for (assess::Result result : *results) {
      if (open_problem(result) ||
          (result.status == assess::ResultStatus::kNotAssessed && result.assessed_on.empty())) {
        continue;
      }
      result.status = assess::ResultStatus::kNotAssessed;
      result.assessed_on.clear();
      result.due_date.clear();
      result.plan = {};  // the problem it was for is closed (and archived)
      if (Status stored = store_result(writer, result, actor); !stored) {
        return stored;
      }
    }
    return records_->set_setting("cycle.current", name);
  });
  if (!done) {
    return std::unexpected(done.error());
  }
  return plan;
}

Result<std::optional<store::CycleRecord>> Workspace::current_cycle() {
  auto cycles = records_->cycles();
  if (!cycles) {
    return std::unexpected(cycles.error());
  }
  if (cycles->empty()) {
    return std::optional<store::CycleRecord>();
  }
  return std::optional<store::CycleRecord>(cycles->back());
}

Result<std::vector<store::CycleRecord>> Workspace::cycles() {
  return records_->cycles();
}

Result<store::CycleArchive> Workspace::cycle_archive(const std::string& name) {
  return records_->cycle_archive(name);
}

Result<assess::SignOff> Workspace::sign_off(assess::SignOff sign_off, const std::string& content) {
  sign_off.sha256 = sha256_hex(content);
  for (const auto& [field, text] :
       {std::pair{"statement", &sign_off.statement}, std::pair{"report", &sign_off.report}}) {
    if (const auto unsafe = unsafe_character_in(*text)) {
      return fail(ErrorKind::kUsage,
                  fmt::format("bad-character: {} holds {}", field, describe(*unsafe, Lang::kEn)),
                  fmt::format("bad-character：{} 含 {}", field, describe(*unsafe, Lang::kZhTw)));
    }
  }
  auto done = in_transaction([&](ledger::Writer& writer) -> Status {
    auto existing = records_->sign_offs();
    if (!existing) {
      return std::unexpected(existing.error());
    }
    if (std::ranges::any_of(*existing, [&](const assess::SignOff& other) {
          return other.cycle == sign_off.cycle && other.sha256 == sign_off.sha256 &&
                 other.signed_by == sign_off.signed_by;
        })) {
      return fail(
          ErrorKind::kUsage,
          fmt::format("{} has signed off this report of cycle {} already", sign_off.signed_by,
                      sign_off.cycle),
          fmt::format("{} 已簽核過評估週期 {} 的這份報告", sign_off.signed_by, sign_off.cycle));
    }
    if (Status kept = keep_content(sign_off.sha256, content); !kept) {
      return kept;
    }
    if (Status added = records_->add_sign_off(sign_off); !added) {
      return added;
    }
    auto entry = writer.append(
        {sign_off.signed_by, "cycle.sign_off", sign_off.cycle, "", sign_off_state(sign_off)},
        clock_->utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return {};
  });
  if (!done) {
    return std::unexpected(done.error());
  }
  return sign_off;
}

Result<std::vector<assess::SignOff>> Workspace::sign_offs() {
  return records_->sign_offs();
}

Result<std::vector<store::ResultHistoryEntry>> Workspace::result_history(
    const std::string& node_id, const std::string& object) {
  if (catalog::embedded_catalog().node(node_id) == nullptr) {
    return std::unexpected(catalog::embedded_catalog().unknown_id(node_id));
  }
  return records_->result_history(node_id + " " + object);
}

Result<std::vector<assess::Result>> Workspace::load_results() {
  return records_->results();
}

}  // namespace etguard::workspace
