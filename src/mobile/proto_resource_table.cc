#include <fmt/format.h>

#include <limits>
#include <optional>

#include "mobile/aapt_xml.pb.h"
#include "mobile/binary_xml.h"
#include "mobile/input_error.h"
#include "mobile/resource_table.h"

namespace etguard::mobile {
namespace {

constexpr std::size_t kMaxProtoEntries = std::size_t{1} << 20U;

// The value of one item, as resources.arsc would give it; nothing for the
// kinds the manifest never refers to (styled strings, ids).
std::optional<ResourceValue> value_of(const aapt::Item& item) {
  ResourceValue value;
  if (item.has_str()) {
    value.type = static_cast<std::uint8_t>(ValueType::kString);
    value.text = item.str().value();
  } else if (item.has_file()) {
    value.type = static_cast<std::uint8_t>(ValueType::kString);
    value.text = item.file().path();
  } else if (item.has_ref()) {
    value.type = static_cast<std::uint8_t>(ValueType::kReference);
    value.data = item.ref().id();
  } else if (item.has_prim() && item.prim().has_boolean_value()) {
    value.type = static_cast<std::uint8_t>(ValueType::kBoolean);
    value.data = item.prim().boolean_value() ? 0xFFFFFFFFU : 0U;
  } else if (item.has_prim() && item.prim().has_int_decimal_value()) {
    value.type = static_cast<std::uint8_t>(ValueType::kIntDecimal);
    value.data = static_cast<std::uint32_t>(item.prim().int_decimal_value());
  } else if (item.has_prim() && item.prim().has_int_hexadecimal_value()) {
    value.type = static_cast<std::uint8_t>(ValueType::kIntHex);
    value.data = item.prim().int_hexadecimal_value();
  } else {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<ResourceTable> read_proto_resource_table(ByteSpan table, std::string_view where) {
  aapt::ResourceTable parsed;
  if (table.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
      !parsed.ParseFromArray(table.data(), static_cast<int>(table.size()))) {
    return std::unexpected(
        input_error(where, "not aapt2's protobuf resource table", "不是 aapt2 之 protobuf 資源表"));
  }
  ResourceTable out;
  std::size_t entries = 0;
  for (const aapt::Package& package : parsed.package()) {
    for (const aapt::Type& type : package.type()) {
      for (const aapt::Entry& entry : type.entry()) {
        if (++entries > kMaxProtoEntries) {
          return std::unexpected(input_error(where,
                                             fmt::format("more than {} entries", kMaxProtoEntries),
                                             fmt::format("項目超過 {} 個", kMaxProtoEntries)));
        }
        const std::uint32_t id = ((package.package_id().id() & 0xFFU) << 24U) |
                                 ((type.type_id().id() & 0xFFU) << 16U) |
                                 (entry.entry_id().id() & 0xFFFFU);
        // The default configuration's value, else the first one met.
        for (const aapt::ConfigValue& config : entry.config_value()) {
          const bool default_config = config.config().ByteSizeLong() == 0;
          if (!config.value().has_item() || (!default_config && out.values.contains(id))) {
            continue;
          }
          if (auto value = value_of(config.value().item())) {
            out.values[id] = std::move(*value);
            if (default_config) {
              break;
            }
          }
        }
      }
    }
  }
  return out;
}

}  // namespace etguard::mobile
