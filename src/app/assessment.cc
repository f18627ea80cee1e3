#include "app/assessment.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "catalog/data/embedded.h"
#include "workspace/answers.h"
#include "workspace/states.h"

namespace etguard::app {
namespace {

Status valid_date(const std::string& date) {
  if (!date.empty() && assess::add_days(date, 0).empty()) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a date (YYYY-MM-DD)", date),
                fmt::format("'{}' 不是日期（YYYY-MM-DD）", date));
  }
  return {};
}

// A link's scheme that would run code where a report shows it as a link.
bool scripting_link(std::string_view link) {
  std::string scheme;
  for (const char c : link) {
    if (c == ':') {
      break;
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return link.find(':') != std::string_view::npos &&
         (scheme == "javascript" || scheme == "data" || scheme == "vbscript");
}

// Applies the plan fields `change` names to `result`'s plan.
Status change_plan(const ResultChange& change, assess::Result& result) {
  if (change.clear_plan) {
    result.plan = {};
  }
  if (!change.plan_action && !change.plan_owner && !change.plan_due && !change.plan_status) {
    return {};
  }
  if (!assess::is_open_problem(result.status)) {
    return fail(ErrorKind::kUsage,
                fmt::format("{} {} is {}: a remediation plan is for a non-compliant or partially "
                            "compliant result",
                            change.node_id, change.object, assess::describe(result.status).en),
                fmt::format("{} {} 為{}：改善計畫僅適用於不符合或部分符合之結果", change.node_id,
                            change.object, assess::describe(result.status).zh));
  }
  assess::RemediationPlan& plan = result.plan;
  for (const auto& [field, value] :
       {std::pair{&plan.action, &change.plan_action}, std::pair{&plan.owner, &change.plan_owner},
        std::pair{&plan.due_on, &change.plan_due}}) {
    if (value->has_value()) {
      *field = **value;
    }
  }
  if (change.plan_status) {
    plan.status = *change.plan_status;
  }
  return {};
}

}  // namespace

Result<ScopeRecorded> current_scope(Session& session) {
  auto registers = session.workspace().load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  ScopeRecorded out;
  out.registers = std::move(*registers);
  out.scope = assess::compute_scope(catalog::embedded_catalog(), out.registers);
  for (const assess::NodeScope& scope : out.scope) {
    for (const assess::Applicability& object : scope.objects) {
      if (object.applies && scope.node->obligation != catalog::Obligation::kInformative) {
        out.applicable.push_back(fmt::format("{} {}", scope.node->id, object.object));
      }
    }
  }
  return out;
}

Result<ScopeRecorded> record_scope(Session& session) {
  auto out = current_scope(session);
  if (!out) {
    return out;
  }
  auto change = session.workspace().record_scope(out->applicable, session.actor());
  if (!change) {
    return std::unexpected(change.error());
  }
  out->change = std::move(*change);
  return out;
}

Status set_result(Session& session, assess::Result result) {
  for (const std::string* date : {&result.due_date, &result.assessed_on}) {
    if (Status valid = valid_date(*date); !valid) {
      return valid;
    }
  }
  if (result.assessed_on.empty()) {
    result.assessed_on = session.today();
  }
  return session.workspace().set_result(result, session.actor());
}

Result<std::vector<ResultVersion>> result_history(Session& session, const std::string& node_id,
                                                  const std::string& object) {
  auto changes = session.workspace().result_history(node_id, object);
  if (!changes) {
    return std::unexpected(changes.error());
  }
  std::vector<ResultVersion> versions;
  versions.reserve(changes->size());
  for (const store::ResultHistoryEntry& change : *changes) {
    ResultVersion version{change.seq, change.time, change.actor, std::nullopt};
    if (change.state) {
      version.result = workspace::result_from_state(*change.state);
      if (version.result) {
        version.result->node_id = node_id;
        version.result->object = object;
      }
    }
    versions.push_back(std::move(version));
  }
  return versions;
}

Result<assess::Result> change_result(Session& session, const ResultChange& change) {
  for (const std::optional<std::string>* date :
       {&change.due_date, &change.assessed_on, &change.plan_due}) {
    if (date->has_value()) {
      if (Status valid = valid_date(**date); !valid) {
        return std::unexpected(valid.error());
      }
    }
  }
  assess::Result after;
  const std::string today = session.today();
  auto changed = session.workspace().update_result(
      change.node_id, change.object,
      [&](assess::Result& result, bool existed) -> Status {
        if (!existed && !change.status) {
          return fail(
              ErrorKind::kUsage,
              fmt::format("{} {} has no result yet: give its --status", change.node_id,
                          change.object),
              fmt::format("{} {} 尚無評估結果：請以 --status 指定", change.node_id, change.object));
        }
        if (change.status) {
          result.status = *change.status;
          result.assessed_on = today;  // a new judgement, unless its date is given
        }
        for (const auto& [field, value] :
             {std::pair{&result.owner, &change.owner}, std::pair{&result.note, &change.note},
              std::pair{&result.justification, &change.justification},
              std::pair{&result.due_date, &change.due_date},
              std::pair{&result.assessed_on, &change.assessed_on}}) {
          if (value->has_value()) {
            *field = **value;
          }
        }
        if (result.assessed_on.empty()) {
          result.assessed_on = today;
        }
        if (Status planned = change_plan(change, result); !planned) {
          return planned;
        }
        after = result;
        return {};
      },
      session.actor());
  if (!changed) {
    return std::unexpected(changed.error());
  }
  return after;
}

Result<std::size_t> import_answers(Session& session, const std::filesystem::path& file) {
  auto rows = workspace::read_answers(file);
  if (!rows) {
    return std::unexpected(rows.error());
  }
  auto registers = session.workspace().load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  auto current = session.workspace().load_results();
  if (!current) {
    return std::unexpected(current.error());
  }
  const assess::ResultIndex current_results(*current);
  const workspace::ScopeIndex scope(*registers);
  std::vector<std::string> problems;
  std::vector<std::string> problems_zh;
  std::vector<assess::Result> results;
  std::map<std::pair<std::string, std::string>, std::string> answered;  // -> where
  for (workspace::AnswerRow& row : *rows) {
    if (!row.plan_given) {  // a sheet without plan columns keeps the plans
      const assess::Result* before = current_results.find(row.result.node_id, row.result.object);
      row.result.plan = before != nullptr ? before->plan : assess::RemediationPlan{};
    }
    if (Status valid = workspace::check_result(scope, row.result); !valid) {
      problems.push_back(fmt::format("{}: {}", row.where, valid.error().message));
      problems_zh.push_back(fmt::format("{}：{}", row.where, valid.error().message_zh));
      continue;
    }
    if (row.result.assessed_on > session.today()) {
      problems.push_back(fmt::format("{}: assessed_on {} is in the future (today is {})", row.where,
                                     row.result.assessed_on, session.today()));
      problems_zh.push_back(fmt::format("{}：評估日期 {} 在未來（今日為 {}）", row.where,
                                        row.result.assessed_on, session.today()));
      continue;
    }
    const auto [first, added] =
        answered.try_emplace({row.result.node_id, row.result.object}, row.where);
    if (!added) {
      problems.push_back(fmt::format("{}: duplicate-answer: {} for {} is already answered at {}",
                                     row.where, row.result.node_id, row.result.object,
                                     first->second));
      problems_zh.push_back(fmt::format("{}：duplicate-answer：{} 之 {} 已於 {} 回覆", row.where,
                                        row.result.object, row.result.node_id, first->second));
      continue;
    }
    results.push_back(row.result);
  }
  if (!problems.empty()) {
    return fail(ErrorKind::kInput,
                fmt::format("{}\n{} problem(s); nothing was imported", fmt::join(problems, "\n"),
                            problems.size()),
                fmt::format("{}\n共 {} 個問題；未匯入任何結果", fmt::join(problems_zh, "\n"),
                            problems.size()));
  }
  if (Status stored = session.workspace().set_results(results, session.actor()); !stored) {
    return std::unexpected(stored.error());
  }
  return results.size();
}

Result<std::vector<assess::Evidence>> add_evidence(Session& session, const EvidenceInput& input) {
  if (input.file.empty() == input.link.empty()) {
    return fail(ErrorKind::kUsage, "give exactly one of --file PATH or --link URL",
                "請擇一指定 --file 或 --link");
  }
  for (const std::string* date : {&input.from, &input.to}) {
    if (Status valid = valid_date(*date); !valid) {
      return std::unexpected(valid.error());
    }
  }
  if (scripting_link(input.link)) {
    return fail(ErrorKind::kUsage,
                fmt::format("--link '{}': javascript:, data: and vbscript: links are refused; "
                            "give the document's address (https://, a path or a DMS reference)",
                            input.link),
                fmt::format("--link '{}'：不接受 javascript:、data:、vbscript: 連結", input.link));
  }
  if (!input.from.empty() && !input.to.empty() && input.to < input.from) {
    return fail(ErrorKind::kUsage, "--to is before --from", "--to 早於 --from");
  }
  assess::Evidence evidence;
  evidence.kind = input.file.empty() ? "link" : "file";
  evidence.name = input.title.empty() && evidence.kind == "link" ? input.link : input.title;
  evidence.uri = input.link;
  evidence.node_id = input.node_id;
  evidence.object = input.object;
  evidence.effective_from = input.from;
  evidence.effective_to = input.to;
  if (input.supersedes == 0 && !input.reason.empty()) {
    return fail(ErrorKind::kUsage, "--reason goes with --supersedes ID",
                "--reason 須與 --supersedes 一併使用");
  }
  std::vector<std::string> objects{input.object};
  for (const std::string& object : input.more_objects) {
    if (std::ranges::find(objects, object) == objects.end()) {
      objects.push_back(object);
    }
  }
  return session.workspace().add_evidence(evidence, {objects, input.supersedes, input.reason},
                                          input.file, session.actor(), input.content);
}

Status withdraw_evidence(Session& session, std::int64_t id, const std::string& reason) {
  return session.workspace().withdraw_evidence(id, reason, session.actor());
}

}  // namespace etguard::app
