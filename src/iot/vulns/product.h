// What names a product and orders its versions, as vulnerability feeds and
// nmap write them: CPE names (2.3 formatted strings and 2.2 URIs) and
// version strings compared part by part.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace etguard::iot::vulns {

// The parts of a CPE name a match needs, unescaped and in lower case; the
// version is empty for "*", "-" and "" (any version, or none).
struct Cpe {
  char part = 'a';  // a(pplication), o(perating system / firmware), h(ardware)
  std::string vendor;
  std::string product;
  std::string version;
};

// "cpe:2.3:o:hikvision:ds-2cd2032-i_firmware:5.4.0:*:*:*:*:*:*:*" or
// "cpe:/a:busybox:busybox:1.19.4"; nullopt when it is neither.
std::optional<Cpe> parse_cpe(std::string_view text);

// <0, 0 or >0 as `a` is older than, the same as or newer than `b`. Both are
// cut into runs of digits and runs of letters (separators . - _ + : ~ and
// spaces only divide); digit runs compare as numbers, letter runs without
// case, a digit run is newer than a letter run, and missing parts count as 0
// ("1.2" equals "1.2.0"; "1.10" is newer than "1.9"; "2.0b" is newer than
// "2.0a").
int compare_versions(std::string_view a, std::string_view b);

}  // namespace etguard::iot::vulns
