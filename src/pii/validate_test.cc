#include "pii/validate.h"

#include <gtest/gtest.h>

#include <string>

namespace etguard::pii {
namespace {

TEST(TwId, NationalIdChecksumAndTheResidentCertificateFormats) {
  EXPECT_EQ(tw_id_type("A123456789"), PiiType::kNationalId);
  EXPECT_FALSE(tw_id_type("A123456788"));
  // Old (second letter A–D) and 2021 (8/9) resident certificates, FORMATS.md §1.2.
  for (const char* arc : {"AA00000009", "AB00000001", "AC00000003", "AD00000005", "AC01234567",
                          "TD00251124", "A800000014", "A800000005", "A900000007"}) {
    EXPECT_EQ(tw_id_type(arc), PiiType::kResidentCertificate) << arc;
  }
  EXPECT_FALSE(tw_id_type("AE00000009"));  // E is no resident-certificate code
  EXPECT_FALSE(tw_id_type("A3000000017"));
  EXPECT_FALSE(tw_id_type("a123456789"));
  // Every area letter is accepted, I/O/W/X/Y/Z with their out-of-order values:
  // exactly one check digit completes each.
  for (char letter = 'A'; letter <= 'Z'; ++letter) {
    int valid = 0;
    for (char check = '0'; check <= '9'; ++check) {
      const std::string id = std::string(1, letter) + "10000000" + check;
      valid += tw_id_type(id) == PiiType::kNationalId ? 1 : 0;
    }
    EXPECT_EQ(valid, 1) << letter;
  }
}

TEST(BusinessNumber, TheDivisibleByFiveRuleOf2023AndTheSevenCase) {
  EXPECT_TRUE(ubn_valid("04595252"));  // valid only under the new rule
  EXPECT_TRUE(ubn_valid("00501503"));
  EXPECT_TRUE(ubn_valid("12345675"));  // through d7 = 7
  EXPECT_TRUE(ubn_valid("22099131"));
  EXPECT_FALSE(ubn_valid("22099132"));
  EXPECT_FALSE(ubn_valid("2209913"));
}

TEST(Card, LuhnIinLengthAndGrouping) {
  EXPECT_TRUE(card_valid("4111111111111111"));
  EXPECT_TRUE(card_valid("4111 1111 1111 1111"));
  EXPECT_TRUE(card_valid("4111-1111-1111-1111"));
  EXPECT_FALSE(card_valid("4111-1111 1111-1111"));   // mixed separators
  EXPECT_FALSE(card_valid("41111-111-1111-1111"));   // not a card grouping
  EXPECT_FALSE(card_valid("4111111111111112"));      // Luhn
  EXPECT_TRUE(card_valid("378282246310005"));        // Amex 15
  EXPECT_TRUE(card_valid("3782-822463-10005"));      // Amex 4-6-5
  EXPECT_TRUE(card_valid("2221000000000009"));       // Mastercard 2-series
  EXPECT_TRUE(card_iin_valid("2720990000000000"));   // the top of the 2-series
  EXPECT_FALSE(card_iin_valid("2721000000000000"));  // just past the 2-series
  EXPECT_FALSE(card_iin_valid("7111111111111111"));  // no scheme starts with 7
  EXPECT_FALSE(card_iin_valid("411111111111111"));   // Visa of 15 digits
}

TEST(Phone, MobileForms) {
  for (const char* mobile :
       {"0912345678", "0912-345-678", "0912 345 678", "+886912345678", "+886-912-345-678",
        "886912345678", "%2B886912345678", "+886 (0)912 345 678"}) {
    EXPECT_TRUE(mobile_valid(mobile)) << mobile;
  }
  EXPECT_FALSE(mobile_valid("091234567"));
  EXPECT_FALSE(mobile_valid("0812345678"));
  EXPECT_FALSE(mobile_valid("+8860912345678"));
  EXPECT_FALSE(mobile_valid("0.912345678"));  // a decimal fraction, not 0912345678
}

TEST(Phone, LandlineAreaCodesAndSubscriberLengths) {
  for (const char* landline : {"02-2345-6789", "(02)2345-6789", "0223456789", "+886-2-2345-6789",
                               "+886223456789", "07 2345678", "037-323456", "0826-62345",
                               "04-2345-6789", "04-7123456", "049-2345678", "(089)323456"}) {
    EXPECT_TRUE(landline_valid(landline)) << landline;
  }
  for (const char* other :
       {"0800-123-456", "0809123456", "070-12345678", "02-0123-4567", "037-1234567", "02-234-5678",
        "0912345678", "03-1234567", "0.55181709", "0-2-2345-6789"}) {
    EXPECT_FALSE(landline_valid(other)) << other;
  }
}

TEST(Ipv4, OctetsAndLeadingZeros) {
  EXPECT_TRUE(ipv4_valid("10.0.0.1"));
  EXPECT_TRUE(ipv4_valid("255.255.255.255"));
  EXPECT_FALSE(ipv4_valid("256.1.1.1"));
  EXPECT_FALSE(ipv4_valid("01.2.3.4"));
  EXPECT_FALSE(ipv4_valid("1.2.3"));
  EXPECT_FALSE(ipv4_valid("1.2.3.4.5"));
}

TEST(RocDate, EveryWrittenFormWithRealDates) {
  EXPECT_EQ(roc_date_length("0850312"), 7U);
  EXPECT_EQ(roc_date_length("85/03/12,"), 8U);
  EXPECT_EQ(roc_date_length("085.03.12"), 9U);
  EXPECT_EQ(roc_date_length("85-03-12"), 8U);
  EXPECT_EQ(roc_date_length("114-01-27"), 9U);
  EXPECT_EQ(roc_date_length("民國85年3月12日，"), std::string_view("民國85年3月12日").size());
  EXPECT_EQ(roc_date_length("85年3月12日"), std::string_view("85年3月12日").size());
  EXPECT_EQ(roc_date_length("0850229"), 7U);  // 1996 was a leap year
  EXPECT_EQ(roc_date_length("0860229"), 0U);  // 1997 was not
  EXPECT_EQ(roc_date_length("0851301"), 0U);
  EXPECT_EQ(roc_date_length("85/02/30"), 0U);
  EXPECT_EQ(roc_date_length("85/03"), 0U);
}

}  // namespace
}  // namespace etguard::pii
