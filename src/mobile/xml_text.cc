#include "mobile/xml_text.h"

#include <fmt/format.h>

#include <bit>
#include <pugixml.hpp>
#include <sstream>

namespace etguard::mobile {
namespace {

constexpr std::uint8_t kFloat = 0x04;

void append(pugi::xml_node parent, const XmlElement& element) {
  pugi::xml_node node = parent.append_child(element.name.c_str());
  for (const XmlAttribute& attribute : element.attributes) {
    const std::string name =
        attribute.namespace_uri == kAndroidNamespace ? "android:" + attribute.name : attribute.name;
    node.append_attribute(name.c_str()).set_value(attribute_text(attribute).c_str());
  }
  if (!element.text.empty()) {
    node.append_child(pugi::node_pcdata).set_value(element.text.c_str());
  }
  for (const XmlElement& child : element.children) {
    append(node, child);
  }
}

}  // namespace

std::string attribute_text(const XmlAttribute& attribute) {
  switch (static_cast<ValueType>(attribute.type)) {
    case ValueType::kString:
      return attribute.text;
    case ValueType::kBoolean:
      return attribute.data != 0 ? "true" : "false";
    case ValueType::kIntDecimal:
      return fmt::format("{}", static_cast<std::int32_t>(attribute.data));
    case ValueType::kIntHex:
      return fmt::format("{:#x}", attribute.data);
    case ValueType::kReference:  // by name where the format keeps it (bundles), else by id
      return attribute.text.empty() ? fmt::format("@{:#010x}", attribute.data)
                                    : "@" + attribute.text;
    case ValueType::kNull:
      return attribute.text;
  }
  if (attribute.type == kFloat) {
    return fmt::format("{}", std::bit_cast<float>(attribute.data));
  }
  return fmt::format("(type {:#04x}){:#x}", attribute.type, attribute.data);
}

std::string to_xml_text(const XmlElement& root) {
  pugi::xml_document document;
  append(document.root(), root);
  pugi::xml_node top = document.first_child();
  if (top && !top.attribute("xmlns:android")) {
    top.prepend_attribute("xmlns:android").set_value(std::string(kAndroidNamespace).c_str());
  }
  std::ostringstream out;
  document.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace etguard::mobile
