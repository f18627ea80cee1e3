// Prowler's CSV output (`prowler … --output-formats csv`: ';'-separated, a
// header row naming the columns): the same findings as its OCSF output, read
// as a stream in bounded memory — a block at a time, cut where a record ends.
#pragma once

#include <string>
#include <string_view>

#include "cloud/json_values.h"
#include "cloud/posture.h"

namespace etguard::cloud {

// Whether the start of a file (file_head) is Prowler's CSV header: its first
// line names CHECK_ID, STATUS and ACCOUNT_UID, separated by ';'.
bool looks_like_prowler_csv(std::string_view head);

// Reads CHECK_ID, STATUS (PASS, FAIL, MANUAL), MUTED (True = muted),
// PROVIDER, ACCOUNT_UID, REGION, RESOURCE_UID and CHECK_TITLE of each row. An
// error names the file and line: a header without one of the first five
// columns, a row with fewer fields than the header, an unknown status, an
// unclosed quote, a record over 64 MiB. Returns the file's SHA-256.
[[nodiscard]] Result<std::string> read_prowler_csv(const std::string& path, const PostureSink& sink,
                                                   const JsonReadOptions& options = {});

}  // namespace etguard::cloud
