// The compiled resource table (resources.arsc): resource ids to their simple
// values, so that a manifest's references (@xml/network_security_config,
// @bool/debug, @string/app_name) resolve to what they name. Only the values
// of the default configuration are kept (else the first one met); bags
// (styles, arrays) are skipped. Bounded like the binary XML decoder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "mobile/le_reader.h"

namespace etguard::mobile {

struct ResourceValue {
  std::uint8_t type = 0;  // Res_value dataType
  std::uint32_t data = 0;
  std::string text;  // for strings: the string (a file's path in the package for res/xml/*)
};

struct ResourceTable {
  std::unordered_map<std::uint32_t, ResourceValue> values;

  // The value of resource `id`, following references (at most 8 deep); nullptr when unknown.
  const ResourceValue* resolve(std::uint32_t id) const;
};

// Decodes `table` (the whole resources.arsc); `where` names it in errors.
Result<ResourceTable> read_resource_table(ByteSpan table, std::string_view where);

// Decodes an App Bundle's table (base/resources.pb, aapt2's protobuf form)
// into the same ids and values: strings, file references (their path under
// the module, "res/xml/…"), booleans, integers and references.
Result<ResourceTable> read_proto_resource_table(ByteSpan table, std::string_view where);

}  // namespace etguard::mobile
