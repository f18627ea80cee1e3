// An Android App Bundle's XML (base/manifest/AndroidManifest.xml,
// base/res/xml/*): aapt2's protobuf form, parsed by libprotobuf with the
// schema in aapt_xml.proto and turned into the same XmlElement tree the
// binary XML decoder gives, so the manifest is read one way. Bounded like
// the binary XML decoder (depth, element count).
#pragma once

#include <string_view>

#include "core/result.h"
#include "mobile/binary_xml.h"

namespace etguard::mobile {

// `where` names the document in errors.
Result<XmlElement> read_proto_xml(ByteSpan document, std::string_view where);

}  // namespace etguard::mobile
