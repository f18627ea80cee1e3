// A whole JSON document of outside input (a Terraform plan, a Checkov
// report): read with a size limit, hashed, parsed by nlohmann-json with a
// located error, and walked without assuming its shape.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::cloud {

// `path` parsed, its SHA-256 (hex) in `sha256`; an error naming the file
// (and, for a syntax error, its line and byte) when it cannot be read, is
// larger than `largest` bytes (`what`: "a plan" / "計畫檔") or is not JSON.
[[nodiscard]] Result<nlohmann::json> read_json_document(const std::string& path,
                                                        std::uintmax_t largest,
                                                        std::string_view what_en,
                                                        std::string_view what_zh,
                                                        std::string& sha256);

// The items of a file of values (a JSON array, JSON Lines) read as a stream:
// each value whose `page_key` member is an array gives its elements (an
// export's page, {"Findings": [...]}, {"value": [...]}), any other value is
// an item itself. Each is parsed by nlohmann-json and handed to `each` with
// its value's byte offset and whether it came from a page; a value that is
// not valid JSON is an error located by line and byte. One value (a page) is
// at most 512 MiB. Returns the file's SHA-256.
using JsonItemSink =
    std::function<Status(const nlohmann::json& item, std::uint64_t offset, bool in_page)>;
[[nodiscard]] Result<std::string> for_each_json_item(const std::string& path,
                                                     std::string_view page_key,
                                                     const JsonItemSink& each);

// An input error naming the file: "path: en".
std::unexpected<Error> document_error(const std::string& path, std::string_view en,
                                      std::string_view zh);

// The first 64 KiB of `path` (less for a shorter file, empty when it cannot
// be read): enough to tell the tools' formats apart by their keys.
std::string file_head(const std::string& path);

// The node at a dotted path ("settings.0.ip_configuration": a number indexes
// an array); nullptr when absent.
const nlohmann::json* at_path(const nlohmann::json& root, std::string_view path);

// A string member of an object; "" when the node is no object or the member
// no string.
std::string string_at(const nlohmann::json& node, const char* key);

// The string at a dotted path (at_path); "" when absent or no string.
std::string text_at(const nlohmann::json& root, std::string_view path);

// The elements of an array member; an empty array for any other shape.
const nlohmann::json& array_at(const nlohmann::json& node, const char* key);

}  // namespace etguard::cloud
