// The assessment as an OSCAL 1.2.1 assessment-results document: one result
// for the as-of date, one finding per assessed requirement-object pair
// (target: the catalog statement, satisfied or not), one observation per
// piece of evidence (EXAMINE for files and links, TEST for scans).
// Validates against NIST's oscal_assessment-results_schema.json.
#pragma once

#include <nlohmann/json.hpp>

#include "report/html_report.h"

namespace etguard::report {

Result<nlohmann::ordered_json> oscal_assessment_results(const ReportInput& input);

}  // namespace etguard::report
