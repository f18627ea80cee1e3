// Android's binary XML (ResXMLTree: AndroidManifest.xml and res/xml/* in a
// package) decoded into a tree. A bounded parser of outside input: every
// chunk size, string index and attribute offset is checked, the tree is at
// most kMaxDepth deep and kMaxElements large, and a malformed document is an
// input error naming the document and the byte offset, never a crash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "mobile/le_reader.h"

namespace etguard::mobile {

// Res_value's data types that the checks read.
enum class ValueType : std::uint8_t {
  kNull = 0x00,
  kReference = 0x01,
  kString = 0x03,
  kIntDecimal = 0x10,
  kIntHex = 0x11,
  kBoolean = 0x12,
};

struct XmlAttribute {
  std::string namespace_uri;  // "http://schemas.android.com/apk/res/android", or empty
  std::string name;
  std::uint32_t resource_id = 0;  // from the resource map; 0 when the name has none
  std::uint8_t type = 0;          // Res_value dataType
  std::uint32_t data = 0;
  std::string text;  // the string value (type kString), else the raw text if any

  bool is(ValueType value_type) const { return type == static_cast<std::uint8_t>(value_type); }
};

struct XmlElement {
  std::string namespace_uri;
  std::string name;
  std::uint32_t line = 0;
  std::vector<XmlAttribute> attributes;
  std::vector<XmlElement> children;
  std::string text;  // character data directly inside, concatenated (a <domain>'s name)

  // The attribute with `resource_id`, or else the one named `wanted` in the
  // Android namespace (or in none); nullptr when absent. The resource id
  // decides: obfuscators rename attributes but cannot change their ids.
  const XmlAttribute* attribute(std::uint32_t resource_id, std::string_view wanted) const;
};

inline constexpr std::string_view kAndroidNamespace = "http://schemas.android.com/apk/res/android";
inline constexpr std::size_t kMaxDepth = 64;
inline constexpr std::size_t kMaxElements = 200'000;

// Decodes `document` (the whole file); `where` names it in errors
// ("app.apk!/AndroidManifest.xml").
Result<XmlElement> read_binary_xml(ByteSpan document, std::string_view where);

}  // namespace etguard::mobile
