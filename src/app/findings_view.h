// The checks' findings per object (issue 18): what `etguard scan … --import`
// and pipelines' pushes recorded, the latest finding of each check on each
// object, with the requirements it was recorded against. Read from the
// current snapshot; an owner sees their objects only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "core/verdict.h"

namespace etguard::app {

struct CheckFinding {
  std::string check_id;
  Verdict verdict = Verdict::kError;
  std::string title;        // the recorded finding's name
  std::string recorded_at;  // RFC 3339
  std::string recorded_by;
  std::vector<std::string> requirements;  // the nodes it is evidence for
  std::int64_t evidence_id = 0;           // one of its records (for the file)
};

struct ObjectFindings {
  std::string object;                // "cloud/core-dr", "org"
  std::string name;                  // the register entry's name; empty for "org"
  std::vector<CheckFinding> checks;  // failures first, then by check id
  int passed = 0;
  int failed = 0;
  int other = 0;  // not applicable, or could not be judged
};

struct FindingsView {
  std::vector<ObjectFindings> objects;  // by object
  std::vector<std::string> reachable;   // every object with findings `who` may open
};

// The findings `who` reaches (permission to view the assessment), of
// `object` alone when it is not empty.
[[nodiscard]] Result<FindingsView> findings_view_as(Session& session, const Principal& who,
                                                    std::string_view object);

}  // namespace etguard::app
