#include "mobile/proto_xml.h"

#include <fmt/format.h>

#include <limits>

#include "core/text.h"
#include "mobile/aapt_xml.pb.h"
#include "mobile/input_error.h"

namespace etguard::mobile {
namespace {

XmlAttribute attribute_of(const aapt::XmlAttribute& in) {
  XmlAttribute out;
  out.namespace_uri = in.namespace_uri();
  out.name = in.name();
  out.resource_id = in.resource_id();
  out.text = in.value();
  out.type = static_cast<std::uint8_t>(ValueType::kString);
  if (!in.has_compiled_item()) {
    return out;
  }
  const aapt::Item& item = in.compiled_item();
  if (item.has_ref()) {
    out.type = static_cast<std::uint8_t>(ValueType::kReference);
    out.data = item.ref().id();
    out.text = item.ref().name();  // "xml/network_security_config": the bundle's path
  } else if (item.has_str()) {
    out.text = item.str().value();
  } else if (item.has_prim()) {
    const aapt::Primitive& value = item.prim();
    if (value.has_boolean_value()) {
      out.type = static_cast<std::uint8_t>(ValueType::kBoolean);
      out.data = value.boolean_value() ? 0xFFFFFFFFU : 0U;
    } else if (value.has_int_decimal_value()) {
      out.type = static_cast<std::uint8_t>(ValueType::kIntDecimal);
      out.data = static_cast<std::uint32_t>(value.int_decimal_value());
    } else if (value.has_int_hexadecimal_value()) {
      out.type = static_cast<std::uint8_t>(ValueType::kIntHex);
      out.data = value.int_hexadecimal_value();
    }
  }
  return out;
}

class Converter {
 public:
  explicit Converter(std::string_view where) : where_(where) {}

  Result<XmlElement> element(const aapt::XmlElement& in, std::size_t depth) {
    if (depth >= kMaxDepth) {
      return std::unexpected(input_error(where_,
                                         fmt::format("elements nested deeper than {}", kMaxDepth),
                                         fmt::format("元素巢狀超過 {} 層", kMaxDepth)));
    }
    if (++elements_ > kMaxElements) {
      return std::unexpected(input_error(where_, fmt::format("more than {} elements", kMaxElements),
                                         fmt::format("元素超過 {} 個", kMaxElements)));
    }
    XmlElement out;
    out.namespace_uri = in.namespace_uri();
    out.name = in.name();
    for (const aapt::XmlAttribute& attribute : in.attribute()) {
      out.attributes.push_back(attribute_of(attribute));
    }
    for (const aapt::XmlNode& child : in.child()) {
      if (child.has_text()) {
        out.text += trim(child.text());  // aapt2 keeps the indentation; binary XML does not
      } else if (child.has_element()) {
        auto converted = element(child.element(), depth + 1);
        if (!converted) {
          return converted;
        }
        out.children.push_back(std::move(*converted));
      }
    }
    return out;
  }

 private:
  std::string_view where_;
  std::size_t elements_ = 0;
};

}  // namespace

Result<XmlElement> read_proto_xml(ByteSpan document, std::string_view where) {
  aapt::XmlNode root;
  if (document.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
      !root.ParseFromArray(document.data(), static_cast<int>(document.size())) ||
      !root.has_element()) {
    return std::unexpected(input_error(where,
                                       "not aapt2's protobuf XML (an XmlNode with an element)",
                                       "不是 aapt2 之 protobuf XML（含元素之 XmlNode）"));
  }
  return Converter(where).element(root.element(), 0);
}

}  // namespace etguard::mobile
