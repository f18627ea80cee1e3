#include "pii/scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace etguard::pii {
namespace {

struct Found {
  std::string type;
  std::string value;
  bool operator==(const Found&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Found& found) {
  return out << found.type << " '" << found.value << "'";
}

std::vector<Found> scan(const std::string& text, std::vector<CustomDetector> custom = {}) {
  auto scanner = Scanner::create(std::move(custom));
  EXPECT_TRUE(scanner.has_value());
  ScanScratch scratch(*scanner);
  std::vector<Detection> detections;
  scanner->scan(text, scratch, detections);
  std::vector<Found> found;
  for (const Detection& detection : detections) {
    found.push_back({std::string(scanner->type_name(detection.type)),
                     text.substr(detection.offset, detection.length)});
  }
  return found;
}

using Want = std::vector<Found>;

TEST(Scanner, IdentifiersWithoutContextInJsonLogs) {
  EXPECT_EQ(scan(R"({"id_no":"A123456789","client_ip":"10.1.2.3","mobile":"0912-345-678",)"
                 R"("email":"wang.wei@example.com.tw","tel_home":"(02)2345-6789"})"),
            (Want{{"TW_NATIONAL_ID", "A123456789"},
                  {"IPV4", "10.1.2.3"},
                  {"TW_MOBILE", "0912-345-678"},
                  {"EMAIL", "wang.wei@example.com.tw"},
                  {"TW_LANDLINE", "(02)2345-6789"}}));
  EXPECT_EQ(scan("pan=4111 1111 1111 1111 exp=05/27 and 3782-822463-10005\n"),
            (Want{{"CREDIT_CARD", "4111 1111 1111 1111"}, {"CREDIT_CARD", "3782-822463-10005"}}));
  EXPECT_EQ(scan("arc AC01234567 and new A800000014\n"),
            (Want{{"TW_ARC", "AC01234567"}, {"TW_ARC", "A800000014"}}));
}

TEST(Scanner, ValuesGluedToChineseTextAreFound) {
  EXPECT_EQ(scan("客戶A123456789您好，手機0912345678無法收到"),
            (Want{{"TW_NATIONAL_ID", "A123456789"}, {"TW_MOBILE", "0912345678"}}));
  EXPECT_EQ(scan("洽詢請電+886-2-2345-6789。"), (Want{{"TW_LANDLINE", "+886-2-2345-6789"}}));
}

TEST(Scanner, ContextTypesNeedTheirLabel) {
  EXPECT_EQ(scan(R"({"acct":"1234567","qty":7654321,"passport_no":"312345678"})"),
            (Want{{"TW_SEC_ACCOUNT", "1234567"}, {"TW_PASSPORT", "312345678"}}));
  EXPECT_EQ(scan("查詢acct 6010-8333629之庫存，成交量 1888537 股。"),
            (Want{{"TW_SEC_ACCOUNT", "8333629"}}));
  EXPECT_EQ(scan(R"({"broker":"9A00","cust_acct":"946672-2"})"),
            (Want{{"TW_SEC_ACCOUNT", "946672-2"}}));
  EXPECT_EQ(scan("約定帳號808-19606193804198入金未到帳。"),
            (Want{{"TW_BANK_ACCOUNT", "19606193804198"}}));
  EXPECT_EQ(scan("settlement debit bank=808 bank_acct=34703330534715 amt=967225"),
            (Want{{"TW_BANK_ACCOUNT", "34703330534715"}}));
  EXPECT_EQ(scan("公司統一編號 04595252。buyer_ubn=22099132"),
            (Want{{"TW_UBN", "04595252"}}));  // the second fails the checksum
  EXPECT_EQ(scan("8=FIX.4.4|35=D|1=1234567|55=2330|"), (Want{{"TW_SEC_ACCOUNT", "1234567"}}));
  EXPECT_EQ(scan("dob=0850312 出生於民國85年3月12日 成交日期 民國113年6月10日 1130708"),
            (Want{{"DOB_ROC", "0850312"}, {"DOB_ROC", "民國85年3月12日"}}));
  EXPECT_EQ(scan("passport 312345678 ... 312345678"), (Want{{"TW_PASSPORT", "312345678"}}));
}

TEST(Scanner, LookAlikesAreNotFindings) {
  // Masked values, checksum failures, IDs inside longer tokens, OIDs, versions,
  // toll-free numbers, timestamps, asset names, UUID groups.
  EXPECT_EQ(scan("id_no=A12****789 mobile=0912-***-678 card=4111-11**-****-1111 "
                 "mail=c***@gmail.com id=A123456788"),
            Want{});
  EXPECT_EQ(scan("order_no=A1234567890 digest=06839EB905A123456789E6E307D4BD29"), Want{});
  EXPECT_EQ(scan("oid=1.3.6.1.4.1.14113.20 ver=89.14.270.18 UA Chrome/124.0.0.0"), Want{});
  EXPECT_EQ(scan("請洽客服0800-443-568 或 0809123456"), Want{});
  EXPECT_EQ(scan("queued tpl=OTP ts=0912054227 batch=0923112233"), Want{});
  EXPECT_EQ(scan("GET /static/img/logo@2x.png"), Want{});
  EXPECT_EQ(scan("x=%%%%@gmail.com"), Want{});  // found by fuzzing: a name of punctuation only
  EXPECT_EQ(scan("ref=64495514-b2c3-4e72-850d-886255798148"), Want{});
  EXPECT_EQ(scan("invoice_no=AB12345678 seq=1234567 12345678"), Want{});
  // etguard's own outputs: requirement IDs, and this machine's own addresses.
  // Addresses and names reserved so that they are never anyone's (RFC 5737,
  // RFC 2606, RFC 6761).
  EXPECT_EQ(scan("ET-4.1.3.1 ET-8.2.3.1 scan 127.0.0.1:8443 listen 0.0.0.0:443 127.9.9.9"), Want{});
  EXPECT_EQ(scan("from 192.0.2.7 198.51.100.23 203.0.113.9 by ming.wang@xingbang.example "
                 "a@example.com b@mail.example.org c@host.test"),
            Want{});
  EXPECT_EQ(scan("from 10.1.2.3 to 203.0.114.9 by wang@example.com.tw x@myexample.com"),
            (Want{{"IPV4", "10.1.2.3"},
                  {"IPV4", "203.0.114.9"},
                  {"EMAIL", "wang@example.com.tw"},
                  {"EMAIL", "x@myexample.com"}}));
}

TEST(Scanner, FullWidthDigitsAreReadAsDigits) {
  const std::string text = "SMS to=０９１２－３４５－６７８ tpl=OTP，護照號碼：３１２３４５６７８";
  EXPECT_EQ(scan(text), (Want{{"TW_MOBILE", "０９１２－３４５－６７８"},
                              {"TW_PASSPORT", "３１２３４５６７８"}}));
}

// Issue 17: identifiers as people type them — case, width, separators and
// their combinations — without losing precision.
TEST(Scanner, IdsInEitherCaseAndWidthAreFound) {
  for (const std::string id :
       {"A123456789", "a123456789", "Ａ123456789", "ａ123456789", "A１２３４５６７８９",
        "Ａ１２３４５６７８９", "ａ１２３４５６７８９", "ac01234567", "ＡＣ０１２３４５６７"}) {
    const Want found = scan("客戶 " + id + " 來電");
    ASSERT_EQ(found.size(), 1U) << id;
    EXPECT_EQ(found[0].value, id);
    EXPECT_TRUE(found[0].type == "TW_NATIONAL_ID" || found[0].type == "TW_ARC") << found[0];
  }
}

TEST(Scanner, PhonesWithOtherSeparatorsAreFound) {
  for (const std::string phone :
       {"0912.345.678", "0912/345/678", "0912\u2013345\u2013678", "0912\u2014345\u2014678",
        "0912\u2027345\u2027678", "0912\u2010345\u2010678", "0912\u2212345\u2212678",
        "+886\uFF080\uFF09912-345-678",
        "\uFF10\uFF19\uFF11\uFF12-\uFF13\uFF14\uFF15-"
        "\uFF16\uFF17\uFF18"}) {
    const Want found = scan("手機 " + phone + " 謝謝");
    ASSERT_EQ(found.size(), 1U) << phone;
    EXPECT_EQ(found[0], (Found{"TW_MOBILE", phone}));
  }
  EXPECT_EQ(scan("tel 02.2345.6789 ext"), (Want{{"TW_LANDLINE", "02.2345.6789"}}));
}

TEST(Scanner, VariantLookAlikesStayNegatives) {
  EXPECT_EQ(scan("trace=deadbeefa123456789 span=fa123456789b"), Want{});  // hex, not an ID
  EXPECT_EQ(scan("x a123456788 y"), Want{});                              // checksum fails
  EXPECT_EQ(scan("kernel: [88632.652259] eth0: link up"), Want{});        // not +886
  EXPECT_EQ(scan("version 09.12.345.678-beta"), Want{});                  // joined to more by '-'
  EXPECT_EQ(scan("abＡ１２３４５６７８９"), Want{});                      // inside a word
}

TEST(Scanner, UrlEncodedForms) {
  EXPECT_EQ(scan("GET /check?email=john.doe%40hinet.net&to=%2B886912345678 "),
            (Want{{"EMAIL", "john.doe%40hinet.net"}, {"TW_MOBILE", "%2B886912345678"}}));
}

// The database compiled at build time is loaded on the machine that built it,
// and finds exactly what compiling the patterns now finds.
TEST(Scanner, ThePrebuiltDatabaseFindsWhatACompiledOneFinds) {
  auto prebuilt = Scanner::create();
  auto compiled = Scanner::create({}, Scanner::Build::kCompile);
  ASSERT_TRUE(prebuilt.has_value());
  ASSERT_TRUE(compiled.has_value());
  EXPECT_TRUE(prebuilt->prebuilt());
  EXPECT_FALSE(compiled->prebuilt());
  const std::string text =
      R"({"id_no":"A123456789","client_ip":"10.1.2.3","mobile":"0912-345-678"})"
      "\n客戶Ａ１２３４５６７８９來電，手機０９１２－３４５－６７８，護照號碼：３１２３４５６７８\n"
      "GET /check?email=john.doe%40hinet.net&to=%2B886912345678 card=4111111111111111\n"
      "帳號：12345678901234 統一編號 04595257 生日 1985-03-12 tel (02)2345-6789\n";
  ScanScratch prebuilt_scratch(*prebuilt);
  ScanScratch compiled_scratch(*compiled);
  std::vector<Detection> from_prebuilt;
  std::vector<Detection> from_compiled;
  prebuilt->scan(text, prebuilt_scratch, from_prebuilt);
  compiled->scan(text, compiled_scratch, from_compiled);
  ASSERT_GE(from_prebuilt.size(), 8U);
  ASSERT_EQ(from_prebuilt.size(), from_compiled.size());
  for (std::size_t i = 0; i < from_prebuilt.size(); ++i) {
    EXPECT_EQ(from_prebuilt[i].offset, from_compiled[i].offset) << i;
    EXPECT_EQ(from_prebuilt[i].length, from_compiled[i].length) << i;
    EXPECT_EQ(from_prebuilt[i].type, from_compiled[i].type) << i;
  }
}

TEST(Scanner, UserDetectorsWithValidatorAndContext) {
  CustomDetector employee;
  employee.name = "EMPLOYEE_ID";
  employee.pattern = "E[0-9]{6}";
  employee.context = {"工號", "employee"};
  employee.context_required = true;
  CustomDetector card;
  card.name = "LOYALTY_CARD";
  card.pattern = "L[0-9]{10}";
  card.validator = Validator::kLuhn;
  EXPECT_EQ(scan("員工工號：E123456 other E654321 employee=E111111 L0000000000 L1234567890",
                 {employee, card}),
            (Want{{"EMPLOYEE_ID", "E123456"},
                  {"EMPLOYEE_ID", "E111111"},
                  {"LOYALTY_CARD", "L0000000000"}}));
}

TEST(Scanner, ABadUserPatternNamesTheDetector) {
  CustomDetector bad;
  bad.name = "BROKEN";
  bad.pattern = "([0-9]";
  auto scanner = Scanner::create({bad});
  ASSERT_FALSE(scanner.has_value());
  EXPECT_NE(scanner.error().message.find("BROKEN"), std::string::npos);
}

}  // namespace
}  // namespace etguard::pii
