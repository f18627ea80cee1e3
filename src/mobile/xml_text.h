// A decoded binary XML document written back as XML text (pugixml), for
// people and for the cross-check against `aapt dump xmltree`: typed values
// are written as the platform reads them (true/false, decimal integers,
// @0x7f… references).
#pragma once

#include <string>

#include "mobile/binary_xml.h"

namespace etguard::mobile {

// One attribute's value as text.
std::string attribute_text(const XmlAttribute& attribute);

// The document, indented, with the android: prefix for the Android namespace.
std::string to_xml_text(const XmlElement& root);

}  // namespace etguard::mobile
