// The Mach-O code signature reader on executables cut from the signed test
// IPA (testdata/good.ipa, made by tests/mobile/make-macho.py) and on
// hand-made headers: unsigned, not Mach-O, load commands or a SuperBlob that
// run outside the file, a CodeDirectory whose slots do not cover the code,
// and a CodeDirectory changed under its CMS signature.
#include "mobile/code_signature.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/zip_archive.h"

namespace etguard::mobile {
namespace {

using Bytes = std::vector<std::uint8_t>;

const std::string kData = std::string(ETG_SOURCE_DIR) + "/src/mobile/testdata/";

Bytes signed_executable() {
  auto zip = ZipReader::open(kData + "good.ipa");
  EXPECT_TRUE(zip) << zip.error().message;
  const ZipEntry* entry = nullptr;
  for (const ZipEntry& candidate : zip->entries()) {
    if (candidate.name == "Payload/Trade.app/Trade") {
      entry = &candidate;
    }
  }
  EXPECT_NE(entry, nullptr);
  auto bytes = zip->read_whole(*entry, 1U << 20U);
  EXPECT_TRUE(bytes) << bytes.error().message;
  return Bytes(bytes->begin(), bytes->end());
}

void put32(Bytes& bytes, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) {
    bytes.at(at + i) = static_cast<std::uint8_t>(value >> (8U * i));
  }
}

std::uint32_t get32(const Bytes& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value |= std::uint32_t{bytes.at(at + i)} << (8U * i);
  }
  return value;
}

// Where the CodeDirectory begins: the LC_CODE_SIGNATURE's data offset (the
// first load command's), past the SuperBlob's header and its two entries.
std::size_t code_directory_of(const Bytes& executable) {
  return get32(executable, 40) + 28;
}

std::string refusal(const Bytes& bytes) {
  const auto read = read_code_signature(bytes, "Trade");
  return read ? std::string("accepted") : read.error().message;
}

TEST(CodeSignature, AnUnsignedExecutableHasNone) {
  Bytes header(64, 0);
  put32(header, 0, 0xfeedfacf);
  put32(header, 16, 1);     // one load command
  put32(header, 20, 16);    // of 16 bytes
  put32(header, 32, 0x19);  // LC_SEGMENT_64, not a signature
  put32(header, 36, 16);
  const auto read = read_code_signature(header, "Trade");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_FALSE(read->has_value());
}

TEST(CodeSignature, WhatIsNotASignedMachOIsRefusedWithItsByte) {
  EXPECT_NE(refusal(Bytes(64, 0x41)).find("Trade: byte 0x0: not a Mach-O executable"),
            std::string::npos);
  Bytes commands(64, 0);
  put32(commands, 0, 0xfeedfacf);
  put32(commands, 16, 3);
  put32(commands, 20, 1000);  // more than the file holds
  EXPECT_NE(refusal(commands).find("load commands of 1000 bytes run past the end"),
            std::string::npos);
  Bytes signature = signed_executable();
  ASSERT_GT(signature.size(), 64U);
  put32(signature, 40, 0x7fffffff);  // LC_CODE_SIGNATURE's dataoff
  EXPECT_NE(refusal(signature).find("LC_CODE_SIGNATURE"), std::string::npos);
}

TEST(CodeSignature, ACodeDirectoryChangedUnderItsSignatureDoesNotVerify) {
  Bytes executable = signed_executable();
  const auto read = read_code_signature(executable, "Trade");
  ASSERT_TRUE(read && read->has_value());
  EXPECT_TRUE((*read)->cms_verified);
  // The identifier sits after the CodeDirectory's 88-byte header: change
  // one letter of it.
  const std::size_t identifier = code_directory_of(executable) + 88;
  ASSERT_EQ(executable.at(identifier), 't');
  executable.at(identifier) = 'T';
  const auto changed = read_code_signature(executable, "Trade");
  ASSERT_TRUE(changed && changed->has_value());
  EXPECT_EQ((*changed)->identifier, "Tw.example.trade");
  EXPECT_FALSE((*changed)->cms_verified);
  EXPECT_EQ((*changed)->altered, 0U);
}

TEST(CodeSignature, SlotsThatDoNotCoverTheCodeAreRefused) {
  Bytes executable = signed_executable();
  const std::size_t slots = code_directory_of(executable) + 28;  // nCodeSlots, big-endian
  executable.at(slots + 3) = static_cast<std::uint8_t>(executable.at(slots + 3) + 1);
  EXPECT_NE(refusal(executable).find("code slots for"), std::string::npos);
}

}  // namespace
}  // namespace etguard::mobile
