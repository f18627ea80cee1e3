// The shape of a cloud check (Chapter 2, Art. 8–9): metadata plus a pure
// function of one registered cloud service's posture findings (counted per
// tool check by cloud::PostureTally). Each check judges one topic from the
// tool checks mapped to it (src/cloud/mappings); it gives no finding when
// no finding of the service speaks to its topic.
#pragma once

#include <optional>
#include <vector>

#include "checks/check.h"
#include "cloud/registered_service.h"
#include "cloud/tally.h"

namespace etguard::cloud_checks {

struct CloudEvidence {
  const cloud::RegisteredService* service = nullptr;
  const cloud::ServiceTally* tally = nullptr;
  const std::vector<cloud::PostureSource>* sources = nullptr;  // the files judged
  bool with_evidence = true;
};

using Evaluate = std::optional<check::Assessment> (*)(const CloudEvidence& evidence);

struct CloudCheck {
  const check::CheckInfo& (*metadata)();
  Evaluate evaluate;
};

// The judgement of `topic` from the tool checks mapped to it: fail when any
// failed (a failure muted in the tool included, with a warning), pass when
// some passed and none failed, an error when only manual results exist;
// nothing when none is mapped to the topic.
std::optional<check::Assessment> judge_topic(const CloudEvidence& evidence, cloud::Topic topic);

// The requirement IDs a topic may claim, as a check's partial_node_ids.
std::span<const std::string_view> topic_clauses(cloud::Topic topic);

}  // namespace etguard::cloud_checks
