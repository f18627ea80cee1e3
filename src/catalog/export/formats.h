// Format identifiers and versions of every machine-readable catalog output.
// A version changes when a field is removed or changes meaning; adding a
// field does not change it. docs/catalog-schema.md documents each format.
#pragma once

#include <string_view>

namespace etguard::catalog {

inline constexpr std::string_view kJsonFormat = "etguard.catalog";
inline constexpr std::string_view kJsonFormatVersion = "1.0";
inline constexpr std::string_view kTableFormatVersion = "1.0";  // CSV and XLSX columns
inline constexpr std::string_view kOscalVersion = "1.2.1";
// Namespace of etguard's own OSCAL props.
inline constexpr std::string_view kOscalNamespace = "urn:etguard:oscal:catalog";

}  // namespace etguard::catalog
