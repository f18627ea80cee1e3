#include "pii/context.h"

#include <gtest/gtest.h>

#include <string>

namespace etguard::pii {
namespace {

// The label of a value written right after `before`.
Label label_of(const std::string& before) {
  static std::string line;
  line = before + "1234567";
  return {line, before.size()};
}

TEST(Label, JsonKeysQueryKeysAndFreeText) {
  EXPECT_TRUE(label_of(R"({"acct":")").names(PiiType::kSecuritiesAccount));
  EXPECT_TRUE(label_of(R"({"tradeAcct":")").names(PiiType::kSecuritiesAccount));
  EXPECT_TRUE(label_of("GET /x?accountNo=").names(PiiType::kBankAccount));
  EXPECT_TRUE(label_of("/api/v2/brokers/6160/accounts/").names(PiiType::kSecuritiesAccount));
  EXPECT_TRUE(label_of("外籍配偶開戶，護照號碼：").names(PiiType::kPassport));
  EXPECT_TRUE(label_of("外籍配偶開戶，Passport No: ").names(PiiType::kPassport));
  EXPECT_TRUE(label_of("需更正基本資料，出生於").names(PiiType::kRocBirthDate));
  EXPECT_TRUE(label_of(R"("dateOfBirth":")").names(PiiType::kRocBirthDate));
  EXPECT_TRUE(label_of("公司統一編號 ").names(PiiType::kBusinessNumber));
  EXPECT_TRUE(label_of(R"("company_ban":")").names(PiiType::kBusinessNumber));
  EXPECT_TRUE(label_of("Tax ID: ").names(PiiType::kBusinessNumber));
}

TEST(Label, TheNearestLabelWinsAndPrefixesNeedFourLetters) {
  // The account label belongs to the previous field, not to qty.
  EXPECT_FALSE(label_of(R"("acct":"7654321","qty":)").names(PiiType::kSecuritiesAccount));
  EXPECT_FALSE(label_of("於").names(PiiType::kSecuritiesAccount));
  // "ban" is a whole word only: bank, banner are not business numbers.
  EXPECT_FALSE(label_of("bank=").names(PiiType::kBusinessNumber));
  EXPECT_FALSE(label_of(R"("banner":")").names(PiiType::kBusinessNumber));
  EXPECT_FALSE(label_of("成交日期 ").names(PiiType::kRocBirthDate));
  EXPECT_FALSE(label_of("").names(PiiType::kPassport));
}

TEST(Label, CloudAccountsAreNeitherBankNorTradingAccounts) {
  EXPECT_FALSE(label_of(R"("aws_account_id":")").names(PiiType::kBankAccount));
  EXPECT_FALSE(label_of(R"("AwsAccountId":")").names(PiiType::kBankAccount));
  EXPECT_FALSE(label_of(R"({"cloud_accounts":")").names(PiiType::kBankAccount));
  EXPECT_FALSE(label_of("gcp account ").names(PiiType::kSecuritiesAccount));
  // Without the provider's name the same key still names a bank account.
  EXPECT_TRUE(label_of(R"({"accounts":")").names(PiiType::kBankAccount));
  EXPECT_TRUE(label_of(R"({"payee_account":")").names(PiiType::kBankAccount));
}

TEST(Label, KeysThatMakeANumberSomethingElseThanAPhone) {
  EXPECT_TRUE(label_of("tpl=OTP ts=").names_non_phone());
  EXPECT_TRUE(label_of("GET /report?batch=").names_non_phone());
  EXPECT_TRUE(label_of(R"("request_id":")").names_non_phone());
  EXPECT_FALSE(label_of("queued msisdn=").names_non_phone());
  EXPECT_FALSE(label_of("客戶手機").names_non_phone());
}

TEST(Label, FixAccountTagAndUserWords) {
  EXPECT_TRUE(label_of("8=FIX.4.4|35=D|1=").fix_account());
  EXPECT_TRUE(label_of("8=FIX.4.4|35=D|1=").names(PiiType::kSecuritiesAccount));
  EXPECT_FALSE(label_of("x=21=").fix_account());
  EXPECT_TRUE(label_of("員工工號：").has_word("工號"));
  EXPECT_TRUE(label_of("Employee ID: ").has_word("employeeid"));
}

TEST(Label, StaysOnItsLine) {
  const std::string text = "passport\n1234567";
  EXPECT_FALSE(Label(text, text.find('1')).names(PiiType::kPassport));
}

}  // namespace
}  // namespace etguard::pii
