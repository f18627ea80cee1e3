// Findings become evidence: each check's finding is recorded against every
// requirement its check proves, for the register object its target belongs
// to, in one transaction closed by one ledger checkpoint. The scope is
// computed once; the verdict stays typed; the finding is stored from memory.
#pragma once

#include <string>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "checks/check.h"

namespace etguard::app {

struct FindingsImport {
  std::vector<check::Finding> findings;
  // "trading/web-trading"; empty: the object a finding's target names
  // ("org", "iot/cctv-hq"), else the entry whose details.endpoints lists it.
  std::string object;
  // The period of the data the checks judged (a log's day); empty: today,
  // the day a live target (a TLS endpoint) was probed.
  std::string period_from = {};
  std::string period_to = {};
};

struct FindingsImported {
  std::vector<assess::Evidence> added;
  int skipped = 0;  // (requirement, object) pairs the requirement does not apply to
};

// An Error when there is no object for a target, or no finding's
// requirement applies to its object; nothing is recorded then.
[[nodiscard]] Result<FindingsImported> import_findings(Session& session,
                                                       const FindingsImport& request);
// The same for someone logged in or a pipeline's token (the server): they
// must be allowed to change the assessment of every object a finding goes
// to, else a kDenied error and nothing is recorded.
[[nodiscard]] Result<FindingsImported> import_findings_as(Session& session, const Principal& who,
                                                          const FindingsImport& request);

}  // namespace etguard::app
