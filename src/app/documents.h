// The documents a workspace produces: the assessment report (HTML, JSON,
// CSV, XLSX, OSCAL assessment-results), the statement of applicability
// (HTML, CSV, XLSX) and the answers sheet to fill in (YAML, XLSX). Text
// formats are returned; XLSX is written to `out`.
#pragma once

#include <filesystem>
#include <string>

#include "app/session.h"
#include "core/lang.h"

namespace etguard::app {

struct DocumentRequest {
  std::string format;         // per document, below
  std::filesystem::path out;  // required for xlsx
  Lang lang = Lang::kEn;
  std::string today;       // empty: the clock's today
  std::string cycle = {};  // a closed cycle, reported as it ended; empty: the current one
  // The report to be signed: without the sign-offs, so every signer signs
  // the same document.
  bool for_sign_off = false;
};

// html | json | csv | xlsx | oscal-ar
[[nodiscard]] Result<std::string> assessment_report(Session& session,
                                                    const DocumentRequest& request);
// html | csv | xlsx
[[nodiscard]] Result<std::string> statement_of_applicability(Session& session,
                                                             const DocumentRequest& request);
// yaml | xlsx; `pairs` receives the number of (requirement, object) pairs.
[[nodiscard]] Result<std::string> answers_sheet(Session& session, const DocumentRequest& request,
                                                std::size_t& pairs);

}  // namespace etguard::app
