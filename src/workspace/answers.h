// Results in bulk (`etguard answers export|import`): the applicable
// requirement-object pairs as a YAML file or an XLSX sheet the compliance
// team fills in, and reading it back. Import is all or nothing: every
// problem is reported with its file and line (YAML) or sheet row (XLSX).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "assess/status.h"
#include "catalog/catalog.h"

namespace etguard::workspace {

inline constexpr const char* kAnswersFormat = "etguard.answers";
inline constexpr const char* kAnswersFormatVersion = "1.0";

// The columns of the sheet and the keys of the YAML entries, in order.
// "text" is there to help whoever fills it in; import ignores it.
// The plan columns hold an open problem's remediation plan; a sheet without
// them leaves plans as they are.
inline constexpr std::string_view kAnswerFields[] = {
    "requirement", "object",        "text", "status",     "owner",    "assessed_on", "due",
    "note",        "justification", "plan", "plan_owner", "plan_due", "plan_status"};

struct AnswerRow {
  assess::Result result;
  std::string where;        // "answers.yaml:12" or "answers.xlsx:Answers!7"
  bool plan_given = false;  // the row has the plan columns (else plans are kept)
};

struct AnswerSheet {
  const catalog::Catalog* catalog = nullptr;
  const std::vector<assess::StatusLine>* lines = nullptr;
  const std::vector<assess::Result>* results = nullptr;
  Lang lang = Lang::kEn;
};

std::string answers_yaml(const AnswerSheet& sheet);
Status write_answers_xlsx(const AnswerSheet& sheet, const std::filesystem::path& path);

// Reads .yaml/.yml or .xlsx. Rows with no status are skipped (unanswered).
// Malformed structure, unknown statuses and bad dates are errors naming
// where; whether a requirement applies is checked by the caller.
Result<std::vector<AnswerRow>> read_answers(const std::filesystem::path& path);

}  // namespace etguard::workspace
