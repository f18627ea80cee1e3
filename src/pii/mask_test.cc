#include "pii/mask.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pii/scanner.h"

namespace etguard::pii {
namespace {

// One planted value of every type, with text around it that must survive.
const std::string kCorpus =
    "{\"id_no\":\"A123456789\",\"ip\":\"10.1.2.3\",\"mobile\":\"0912-345-678\"}\n"
    "客戶AC01234567您好，手機０９１２３４５６７８，電話(02)2345-6789。\n"
    "pan=4111 1111 1111 1111 mail=wang.wei@example.com.tw acct 9800-1234567\n"
    "約定帳號808-19606193804198 公司統一編號 04595252 passport 312345678 dob=0850312\n";

std::vector<Detection> detect(const Scanner& scanner, std::string_view text) {
  ScanScratch scratch(scanner);
  std::vector<Detection> found;
  scanner.scan(text, scratch, found);
  return found;
}

Keyed test_key(const std::string& key_text) {
  return [key_text](std::string_view message) -> Result<std::vector<std::uint8_t>> {
    // A stand-in MAC for tests: the property under test is the mapping, not HMAC itself.
    std::vector<std::uint8_t> mac(32);
    for (std::size_t i = 0; i < message.size(); ++i) {
      mac[i % mac.size()] = static_cast<std::uint8_t>(mac[i % mac.size()] * 31 +
                                                      static_cast<unsigned char>(message[i]) +
                                                      static_cast<unsigned char>(key_text[0]));
    }
    return mac;
  };
}

TEST(Mask, SameLengthRemovesEveryValueAndChangesNothingElse) {
  auto scanner = Scanner::create();
  ASSERT_TRUE(scanner.has_value());
  const std::vector<Detection> found = detect(*scanner, kCorpus);
  ASSERT_EQ(found.size(), 13U);
  const Masker masker(*scanner, MaskMode::kSameLength);
  auto masked = masker.apply(kCorpus, found);
  ASSERT_TRUE(masked.has_value());
  EXPECT_EQ(masked->size(), kCorpus.size());
  EXPECT_TRUE(detect(*scanner, *masked).empty()) << *masked;
  // Outside the values, every byte is the same.
  std::size_t pos = 0;
  for (const Detection& detection : found) {
    EXPECT_EQ(masked->substr(pos, detection.offset - pos),
              kCorpus.substr(pos, detection.offset - pos));
    const std::string value = kCorpus.substr(detection.offset, detection.length);
    EXPECT_EQ(masked->find(value), std::string::npos) << value;
    pos = detection.offset + detection.length;
  }
  EXPECT_EQ(masked->substr(pos), kCorpus.substr(pos));
}

TEST(Mask, SameLengthKeepsTheFormat) {
  EXPECT_EQ(Masker::same_length("A123456789", PiiType::kNationalId), "A12*****89");
  EXPECT_EQ(Masker::same_length("0912-345-678", PiiType::kMobile), "091*-***-*78");
  EXPECT_EQ(Masker::same_length("wang.wei@example.com", PiiType::kEmail), "w***.***@example.com");
  EXPECT_EQ(Masker::same_length("10.1.2.3", PiiType::kIpv4), "10.*.*.*");
  // Found by fuzzing: a one-letter e-mail name kept its only letter.
  EXPECT_EQ(Masker::same_length("b%40example.com", PiiType::kEmail), "*%40example.com");
  EXPECT_EQ(Masker::same_length("%40e@example.com", PiiType::kEmail), "%4**@example.com");
  EXPECT_EQ(Masker::same_length("85/03/12", PiiType::kRocBirthDate), "**/**/**");
  EXPECT_EQ(Masker::same_length("１２３４５６７８９０", PiiType::kBankAccount),
            "１２３＊＊＊＊＊９０");
}

TEST(Mask, RedactWritesTheType) {
  auto scanner = Scanner::create();
  ASSERT_TRUE(scanner.has_value());
  const std::string text = "id=A123456789 ip=10.1.2.3\n";
  const Masker masker(*scanner, MaskMode::kRedact);
  EXPECT_EQ(masker.apply(text, detect(*scanner, text)).value(), "id=[TW_NATIONAL_ID] ip=[IPV4]\n");
}

TEST(Mask, PseudonymsAreStableAcrossWritingsAndKeyed) {
  auto scanner = Scanner::create();
  ASSERT_TRUE(scanner.has_value());
  const std::string first = "to=0912-345-678\n";
  const std::string second = "msisdn=+886912345678\n";
  const Masker masker(*scanner, MaskMode::kPseudonym, test_key("k"));
  const std::string a = masker.apply(first, detect(*scanner, first)).value();
  const std::string b = masker.apply(second, detect(*scanner, second)).value();
  ASSERT_TRUE(a.starts_with("to=TW_MOBILE:")) << a;
  // The same number written two ways maps to the same token.
  EXPECT_EQ(normalized_value("0912-345-678", 2), "0912345678");
  const Masker other(*scanner, MaskMode::kPseudonym, test_key("z"));
  EXPECT_NE(other.apply(first, detect(*scanner, first)).value(), a);
  EXPECT_EQ(a.substr(3),
            masker.apply("to=0912345678\n", detect(*scanner, "to=0912345678\n")).value().substr(3));
  EXPECT_TRUE(b.starts_with("msisdn=TW_MOBILE:")) << b;
}

// RFC 4231, test case 2; and a context keyed once gives each message its own MAC.
TEST(Mask, KeyedHmacIsHmacSha256) {
  const Keyed keyed = keyed_from_key("Jefe");
  const auto hex = [](const std::vector<std::uint8_t>& bytes) {
    std::string out;
    for (const std::uint8_t byte : bytes) {
      out += fmt::format("{:02x}", byte);
    }
    return out;
  };
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(hex(keyed("what do ya want for nothing?").value()),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(hex(keyed("").value()),
              "923598ca6d64af2a5dba79dcd021a8a0fe5c5f557519adaaf0ad532d4506dd30");
  }
}

TEST(Mask, KeyFilesMustBeLongEnough) {
  EXPECT_FALSE(keyed_from_file("/nonexistent/key").has_value());
  const auto path =
      std::filesystem::temp_directory_path() / ("etg-pii-key-" + std::to_string(::getpid()));
  std::ofstream(path) << "fifteen bytes!!";
  auto short_key = keyed_from_file(path.string());
  ASSERT_FALSE(short_key.has_value());
  EXPECT_NE(short_key.error().message.find("16 bytes"), std::string::npos);
  std::ofstream(path) << "sixteen bytes!!!";
  auto key = keyed_from_file(path.string());
  ASSERT_TRUE(key.has_value()) << key.error().message;
  // HMAC-SHA256: 32 bytes, the same for the same message, another for another.
  EXPECT_EQ((*key)("TW_MOBILE\x1f"
                   "0912345678")
                ->size(),
            32U);
  EXPECT_EQ(*(*key)("a"), *(*key)("a"));
  EXPECT_NE(*(*key)("a"), *(*key)("b"));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace etguard::pii
