// The binary XML decoder on documents built here chunk by chunk, valid and
// broken, and on the string pool in both encodings.
#include "mobile/binary_xml.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mobile/string_pool.h"

namespace etguard::mobile {
namespace {

using Bytes = std::vector<std::uint8_t>;

void u16(Bytes& out, std::uint32_t value) {
  out.push_back(static_cast<std::uint8_t>(value));
  out.push_back(static_cast<std::uint8_t>(value >> 8U));
}
void u32(Bytes& out, std::uint32_t value) {
  u16(out, value & 0xFFFFU);
  u16(out, value >> 16U);
}
void put32(Bytes& out, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) {
    out[at + i] = static_cast<std::uint8_t>(value >> (8U * i));
  }
}

// A UTF-16 string pool of ASCII strings.
Bytes pool(const std::vector<std::string>& strings) {
  Bytes data;
  std::vector<std::uint32_t> offsets;
  for (const std::string& text : strings) {
    offsets.push_back(static_cast<std::uint32_t>(data.size()));
    u16(data, static_cast<std::uint32_t>(text.size()));
    for (const char c : text) {
      u16(data, static_cast<unsigned char>(c));
    }
    u16(data, 0);
  }
  while (data.size() % 4 != 0) {
    data.push_back(0);
  }
  Bytes out;
  const auto header = 28U;
  const auto strings_start = header + (4 * static_cast<std::uint32_t>(strings.size()));
  u16(out, kStringPoolChunk);
  u16(out, header);
  u32(out, strings_start + static_cast<std::uint32_t>(data.size()));
  u32(out, static_cast<std::uint32_t>(strings.size()));
  u32(out, 0);
  u32(out, 0);
  u32(out, strings_start);
  u32(out, 0);
  for (const std::uint32_t offset : offsets) {
    u32(out, offset);
  }
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

struct Attribute {
  std::uint32_t name;  // string index
  std::uint8_t type;
  std::uint32_t data;
};

Bytes start(std::uint32_t name, const std::vector<Attribute>& attributes, std::uint32_t line = 1) {
  Bytes out;
  u16(out, 0x0102);
  u16(out, 16);
  u32(out, 16 + 20 + (20 * static_cast<std::uint32_t>(attributes.size())));
  u32(out, line);
  u32(out, 0xFFFFFFFF);
  u32(out, 0xFFFFFFFF);  // namespace
  u32(out, name);
  u16(out, 20);
  u16(out, 20);
  u16(out, static_cast<std::uint32_t>(attributes.size()));
  u16(out, 0);
  u16(out, 0);
  u16(out, 0);
  for (const Attribute& attribute : attributes) {
    u32(out, 0xFFFFFFFF);
    u32(out, attribute.name);
    u32(out, attribute.type == 0x03 ? attribute.data : 0xFFFFFFFF);
    u16(out, 8);
    out.push_back(0);
    out.push_back(attribute.type);
    u32(out, attribute.data);
  }
  return out;
}

Bytes end(std::uint32_t name) {
  Bytes out;
  u16(out, 0x0103);
  u16(out, 16);
  u32(out, 24);
  u32(out, 1);
  u32(out, 0xFFFFFFFF);
  u32(out, 0xFFFFFFFF);
  u32(out, name);
  return out;
}

Bytes document(const std::vector<Bytes>& chunks) {
  Bytes out;
  u16(out, 0x0003);
  u16(out, 8);
  u32(out, 0);
  for (const Bytes& chunk : chunks) {
    out.insert(out.end(), chunk.begin(), chunk.end());
  }
  put32(out, 4, static_cast<std::uint32_t>(out.size()));
  return out;
}

// <manifest package="tw.example"><application debuggable="true"/></manifest>
Bytes small_manifest() {
  return document({pool({"manifest", "package", "tw.example", "application", "debuggable"}),
                   start(0, {{1, 0x03, 2}}), start(3, {{4, 0x12, 0xFFFFFFFF}}, 2), end(3), end(0)});
}

TEST(BinaryXml, DecodesElementsAttributesAndTypedValues) {
  const Bytes bytes = small_manifest();
  const auto root = read_binary_xml(bytes, "m.xml");
  ASSERT_TRUE(root) << root.error().message;
  EXPECT_EQ(root->name, "manifest");
  const XmlAttribute* package = root->attribute(0, "package");
  ASSERT_NE(package, nullptr);
  EXPECT_TRUE(package->is(ValueType::kString));
  EXPECT_EQ(package->text, "tw.example");
  ASSERT_EQ(root->children.size(), 1U);
  EXPECT_EQ(root->children[0].line, 2U);
  const XmlAttribute* debuggable = root->children[0].attribute(0x0101000f, "debuggable");
  ASSERT_NE(debuggable, nullptr);
  EXPECT_TRUE(debuggable->is(ValueType::kBoolean));
  EXPECT_EQ(debuggable->data, 0xFFFFFFFFU);
}

TEST(BinaryXml, AStringIndexOutsideThePoolIsALocatedError) {
  const Bytes bytes = document({pool({"manifest"}), start(0, {{7, 0x12, 1}}), end(0)});
  const auto root = read_binary_xml(bytes, "m.xml");
  ASSERT_FALSE(root);
  EXPECT_EQ(root.error().kind, ErrorKind::kInput);
  EXPECT_NE(root.error().message.find("m.xml: byte 0x"), std::string::npos) << root.error().message;
  EXPECT_NE(root.error().message.find("string index 7 outside the pool (1 strings)"),
            std::string::npos)
      << root.error().message;
}

TEST(BinaryXml, AStringOffsetPastThePoolIsALocatedError) {
  Bytes bytes = small_manifest();
  put32(bytes, 8 + 28 + 4, 0x7FFFFFF0);  // the second string's offset
  const auto root = read_binary_xml(bytes, "m.xml");
  ASSERT_FALSE(root);
  EXPECT_NE(root.error().message.find("string pool: string 1"), std::string::npos)
      << root.error().message;
}

TEST(BinaryXml, AHugeStringCountIsRefusedWithoutAllocating) {
  Bytes bytes = small_manifest();
  put32(bytes, 8 + 8, 0x40000000);
  const auto root = read_binary_xml(bytes, "m.xml");
  ASSERT_FALSE(root);
  EXPECT_NE(root.error().message.find("do not fit"), std::string::npos) << root.error().message;
}

TEST(BinaryXml, TruncationUnclosedElementsAndDepthAreErrors) {
  const Bytes whole = small_manifest();
  for (const std::size_t cut :
       {std::size_t{0}, std::size_t{7}, whole.size() / 2, whole.size() - 1}) {
    Bytes cut_bytes(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(read_binary_xml(cut_bytes, "m.xml")) << cut;
  }
  const auto unclosed = read_binary_xml(document({pool({"a"}), start(0, {})}), "m.xml");
  ASSERT_FALSE(unclosed);
  EXPECT_NE(unclosed.error().message.find("<a> is never closed"), std::string::npos);
  std::vector<Bytes> deep{pool({"a"})};
  for (std::size_t i = 0; i <= kMaxDepth; ++i) {
    deep.push_back(start(0, {}));
  }
  const auto too_deep = read_binary_xml(document(deep), "m.xml");
  ASSERT_FALSE(too_deep);
  EXPECT_NE(too_deep.error().message.find("deeper than"), std::string::npos);
}

TEST(StringPool, DecodesUtf8AndUtf16WithSurrogatePairs) {
  Bytes utf16 = pool({"x"});
  // Replace "x" by U+1F600 as a surrogate pair: length 2, D83D DE00.
  Bytes pair;
  u16(pair, 2);
  u16(pair, 0xD83D);
  u16(pair, 0xDE00);
  u16(pair, 0);
  Bytes chunk(utf16.begin(), utf16.begin() + 32);
  chunk.insert(chunk.end(), pair.begin(), pair.end());
  put32(chunk, 4, static_cast<std::uint32_t>(chunk.size()));
  const auto decoded = read_string_pool(chunk, 0, "p");
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->strings.at(0), "\xF0\x9F\x98\x80");

  Bytes utf8;
  u16(utf8, kStringPoolChunk);
  u16(utf8, 28);
  u32(utf8, 0);
  u32(utf8, 1);
  u32(utf8, 0);
  u32(utf8, 1U << 8U);
  u32(utf8, 32);
  u32(utf8, 0);
  u32(utf8, 0);
  for (const unsigned byte : {2U, 6U, 0xE4U, 0xB8U, 0xADU, 0xE6U, 0x96U, 0x87U, 0U}) {
    utf8.push_back(static_cast<std::uint8_t>(byte));
  }
  put32(utf8, 4, static_cast<std::uint32_t>(utf8.size()));
  const auto chinese = read_string_pool(utf8, 0, "p");
  ASSERT_TRUE(chinese) << chinese.error().message;
  EXPECT_EQ(chinese->strings.at(0), "中文");
}

}  // namespace
}  // namespace etguard::mobile
