#include "mobile/binary_xml.h"

#include <fmt/format.h>

#include <optional>

#include "mobile/input_error.h"
#include "mobile/string_pool.h"

namespace etguard::mobile {
namespace {

constexpr std::uint32_t kXmlChunk = 0x0003;
constexpr std::uint32_t kResourceMapChunk = 0x0180;
constexpr std::uint32_t kStartNamespace = 0x0100;
constexpr std::uint32_t kEndNamespace = 0x0101;
constexpr std::uint32_t kStartElement = 0x0102;
constexpr std::uint32_t kEndElement = 0x0103;
constexpr std::uint32_t kCdata = 0x0104;
constexpr std::uint32_t kNoIndex = 0xFFFFFFFF;

class Decoder {
 public:
  Decoder(ByteSpan document, std::string_view where) : document_(document), where_(where) {}

  Result<XmlElement> run() {
    LeReader in(document_);
    const std::uint32_t type = in.u16();
    const std::uint32_t header_size = in.u16();
    const std::uint32_t size = in.u32();
    if (!in.ok() || type != kXmlChunk || header_size < 8 || size > document_.size() ||
        size < header_size) {
      return std::unexpected(bad(0, "not Android binary XML (no whole XML chunk at the start)"));
    }
    std::size_t at = header_size;
    while (at + 8 <= size) {
      LeReader chunk_header(document_, at);
      const std::uint32_t chunk_type = chunk_header.u16();
      const std::uint32_t chunk_header_size = chunk_header.u16();
      const std::uint32_t chunk_size = chunk_header.u32();
      if (chunk_size < 8 || chunk_size > size - at || chunk_header_size > chunk_size) {
        return std::unexpected(
            bad(at, fmt::format("chunk of {} bytes runs past the document's end", chunk_size)));
      }
      const ByteSpan chunk = document_.subspan(at, chunk_size);
      if (Status step = read_chunk(chunk_type, chunk_header_size, chunk, at); !step) {
        return std::unexpected(step.error());
      }
      at += chunk_size;
    }
    if (!open_.empty()) {
      return std::unexpected(bad(at, fmt::format("<{}> is never closed", open_.back().name)));
    }
    if (!root_) {
      return std::unexpected(bad(at, "no element"));
    }
    return std::move(*root_);
  }

 private:
  Error bad(std::size_t at, std::string_view problem) const {
    return byte_error(where_, at, problem);
  }

  Result<std::string> string(std::uint32_t index, std::size_t at) const {
    if (index == kNoIndex) {
      return std::string();
    }
    if (const std::string* found = pool_.at(index); found != nullptr) {
      return *found;
    }
    return std::unexpected(bad(at, fmt::format("string index {} outside the pool ({} strings)",
                                               index, pool_.strings.size())));
  }

  Status read_chunk(std::uint32_t type, std::uint32_t header_size, ByteSpan chunk, std::size_t at) {
    switch (type) {
      case kStringPoolChunk: {
        auto pool = read_string_pool(chunk, at, where_);
        if (!pool) {
          return std::unexpected(pool.error());
        }
        pool_ = std::move(*pool);
        return {};
      }
      case kResourceMapChunk: {
        LeReader in(chunk, header_size);
        resource_ids_.clear();
        while (in.remaining() >= 4) {
          resource_ids_.push_back(in.u32());
        }
        return {};
      }
      case kStartNamespace:
      case kEndNamespace: {
        LeReader in(chunk, header_size);
        in.u32();  // prefix
        const std::uint32_t uri = in.u32();
        if (!in.ok()) {
          return std::unexpected(bad(at, "namespace chunk too short"));
        }
        if (auto checked = string(uri, at); !checked) {
          return std::unexpected(checked.error());
        }
        return {};
      }
      case kStartElement:
        return start_element(chunk, header_size, at);
      case kEndElement:
        return end_element(at);
      case kCdata:
        return character_data(chunk, header_size, at);
      default:
        return {};  // text and unknown chunks carry nothing the checks read
    }
  }

  Status start_element(ByteSpan chunk, std::uint32_t header_size, std::size_t at) {
    if (open_.size() >= kMaxDepth) {
      return std::unexpected(bad(at, fmt::format("elements nested deeper than {}", kMaxDepth)));
    }
    if (++elements_ > kMaxElements) {
      return std::unexpected(bad(at, fmt::format("more than {} elements", kMaxElements)));
    }
    if (root_ && open_.empty()) {
      return std::unexpected(bad(at, "a second root element"));
    }
    LeReader head(chunk, 8);
    const std::uint32_t line = head.u32();
    LeReader in(chunk, header_size);
    const std::uint32_t ns = in.u32();
    const std::uint32_t name = in.u32();
    const std::uint32_t attribute_start = in.u16();
    const std::uint32_t attribute_size = in.u16();
    const std::uint32_t attribute_count = in.u16();
    if (!in.ok() || attribute_size < 20) {
      return std::unexpected(bad(at, "element chunk too short"));
    }
    XmlElement element;
    element.line = line;
    auto ns_text = string(ns, at);
    auto name_text = string(name, at);
    if (!ns_text || !name_text) {
      return std::unexpected(!ns_text ? ns_text.error() : name_text.error());
    }
    element.namespace_uri = std::move(*ns_text);
    element.name = std::move(*name_text);
    const std::size_t first = header_size + attribute_start;
    for (std::uint32_t i = 0; i < attribute_count; ++i) {
      const std::size_t attribute_at = first + (std::size_t{i} * attribute_size);
      LeReader attribute(chunk, attribute_at);
      const std::uint32_t attribute_ns = attribute.u32();
      const std::uint32_t attribute_name = attribute.u32();
      const std::uint32_t raw = attribute.u32();
      attribute.u16();  // Res_value size
      attribute.u8();   // res0
      const std::uint32_t data_type = attribute.u8();
      const std::uint32_t data = attribute.u32();
      if (!attribute.ok()) {
        return std::unexpected(
            bad(at + attribute_at, fmt::format("attribute {} runs past its element", i + 1)));
      }
      XmlAttribute out;
      auto uri = string(attribute_ns, at + attribute_at);
      auto text_name = string(attribute_name, at + attribute_at + 4);
      auto raw_text = string(raw, at + attribute_at + 8);
      if (!uri || !text_name || !raw_text) {
        return std::unexpected(!uri         ? uri.error()
                               : !text_name ? text_name.error()
                                            : raw_text.error());
      }
      out.namespace_uri = std::move(*uri);
      out.name = std::move(*text_name);
      out.resource_id = attribute_name < resource_ids_.size() ? resource_ids_[attribute_name] : 0;
      out.type = static_cast<std::uint8_t>(data_type);
      out.data = data;
      if (out.is(ValueType::kString)) {
        auto value = string(data, at + attribute_at + 16);
        if (!value) {
          return std::unexpected(value.error());
        }
        out.text = std::move(*value);
      } else {
        out.text = std::move(*raw_text);
      }
      element.attributes.push_back(std::move(out));
    }
    open_.push_back(std::move(element));
    return {};
  }

  Status character_data(ByteSpan chunk, std::uint32_t header_size, std::size_t at) {
    LeReader in(chunk, header_size);
    const std::uint32_t index = in.u32();
    if (!in.ok()) {
      return std::unexpected(bad(at, "character data chunk too short"));
    }
    auto text = string(index, at + header_size);
    if (!text) {
      return std::unexpected(text.error());
    }
    if (!open_.empty()) {
      open_.back().text += *text;
    }
    return {};
  }

  Status end_element(std::size_t at) {
    if (open_.empty()) {
      return std::unexpected(bad(at, "an end tag with no open element"));
    }
    XmlElement done = std::move(open_.back());
    open_.pop_back();
    if (open_.empty()) {
      root_ = std::move(done);
    } else {
      open_.back().children.push_back(std::move(done));
    }
    return {};
  }

  ByteSpan document_;
  std::string_view where_;
  StringPool pool_;
  std::vector<std::uint32_t> resource_ids_;
  std::vector<XmlElement> open_;
  std::optional<XmlElement> root_;
  std::size_t elements_ = 0;
};

}  // namespace

const XmlAttribute* XmlElement::attribute(std::uint32_t resource_id,
                                          std::string_view wanted) const {
  for (const XmlAttribute& attribute : attributes) {
    if (resource_id != 0 && attribute.resource_id == resource_id) {
      return &attribute;
    }
  }
  for (const XmlAttribute& attribute : attributes) {
    if (attribute.resource_id == 0 && attribute.name == wanted &&
        (attribute.namespace_uri.empty() || attribute.namespace_uri == kAndroidNamespace)) {
      return &attribute;
    }
  }
  return nullptr;
}

Result<XmlElement> read_binary_xml(ByteSpan document, std::string_view where) {
  return Decoder(document, where).run();
}

}  // namespace etguard::mobile
