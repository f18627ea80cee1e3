// What every OCSF record etguard writes says about itself and the standard
// its findings are judged against (check/output.cc, authlog/ocsf.cc).
#pragma once

namespace etguard {

inline constexpr const char* kOcsfSchemaVersion = "1.1.0";
inline constexpr const char* kOcsfStandard =
    "TWSE/TPEx/SFAA Emerging Technology Cybersecurity Control Guideline 2024-12-27";

}  // namespace etguard
