// What every OCSF record etguard writes says about itself and the standard
// its findings are judged against (check/output.cc, authlog/ocsf.cc).
#pragma once

#include <nlohmann/json.hpp>

namespace etguard {

inline constexpr const char* kOcsfSchemaVersion = "1.1.0";
inline constexpr const char* kOcsfStandard =
    "TWSE/TPEx/SFAA Emerging Technology Cybersecurity Control Guideline 2024-12-27";

// The fields a Detection Finding (class 2004, activity Create) opens with, in
// order; the writer appends the rest.
inline nlohmann::ordered_json ocsf_detection_finding_base(int severity_id) {
  return nlohmann::ordered_json{
      {"class_uid", 2004},  {"class_name", "Detection Finding"},
      {"category_uid", 2},  {"category_name", "Findings"},
      {"activity_id", 1},   {"activity_name", "Create"},
      {"type_uid", 200401}, {"severity_id", severity_id},
      {"status_id", 1},
  };
}

}  // namespace etguard
