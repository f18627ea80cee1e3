// Biometric templates: filed under an HSM pseudonym, sealed with a per-record
// key wrapped under an HSM-derived key, in a store of their own; the matcher's
// FAR/FRR against the firm's standards and the yearly review.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "etauth/biometrics.h"
#include "test_support.h"

namespace etauth {
namespace {

using testing::SoftwareHsm;

class MemoryTemplateStore final : public TemplateStore {
 public:
  Status put(const std::string& pseudonym, const Bytes& sealed) override {
    records[pseudonym] = sealed;
    return {};
  }
  Result<std::optional<Bytes>> get(const std::string& pseudonym) override {
    const auto found = records.find(pseudonym);
    return found == records.end() ? std::nullopt : std::optional<Bytes>(found->second);
  }
  std::map<std::string, Bytes> records;
};

TEST(BiometricVault, EnrolsUnderAPseudonymSealedAndReadsBack) {
  SoftwareHsm hsm;
  SystemRandom random;
  MemoryTemplateStore store;
  BiometricVault vault(hsm, {"bio-pseudonym", "bio-wrap"}, store, random);
  const Bytes fingerprint(512, 0x6B);
  ASSERT_TRUE(vault.enrol("A123456789", fingerprint).has_value());
  ASSERT_TRUE(vault.enrol("B987654321", Bytes(512, 0x11)).has_value());
  EXPECT_EQ(vault.template_of("A123456789").value(), fingerprint);
  EXPECT_EQ(vault.template_of("C000000000").error().code, Errc::kNotFound);

  ASSERT_EQ(store.records.size(), 2U);
  const std::string pseudonym = vault.pseudonym("A123456789").value();
  EXPECT_EQ(pseudonym, vault.pseudonym("A123456789").value());
  EXPECT_EQ(pseudonym.size(), 64U);
  for (const auto& [name, sealed] : store.records) {
    EXPECT_EQ(name.find("A123456789"), std::string::npos);
    EXPECT_EQ(
        std::search(sealed.begin(), sealed.end(), fingerprint.begin(), fingerprint.begin() + 32),
        sealed.end());  // the template is not in the clear
  }
  // A record moved under someone else's pseudonym does not open.
  const std::string other = vault.pseudonym("B987654321").value();
  store.records[other] = store.records[pseudonym];
  EXPECT_EQ(vault.template_of("B987654321").error().code, Errc::kBadCredential);
  // Another device (other keys) cannot open the records.
  BiometricVault stranger(hsm, {"bio-pseudonym", "other-wrap"}, store, random);
  EXPECT_EQ(stranger.template_of("A123456789").error().code, Errc::kBadCredential);
}

TEST(BiometricVault, TheSqliteStoreIsAFileOfItsOwn) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("etauth-templates-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  SoftwareHsm hsm;
  SystemRandom random;
  {
    auto store = SqliteTemplateStore::open(path.string()).value();
    BiometricVault vault(hsm, {"bio-pseudonym", "bio-wrap"}, *store, random);
    ASSERT_TRUE(vault.enrol("A123456789", Bytes(300, 7)).has_value());
  }
  auto store = SqliteTemplateStore::open(path.string()).value();
  BiometricVault vault(hsm, {"bio-pseudonym", "bio-wrap"}, *store, random);
  EXPECT_EQ(vault.template_of("A123456789").value(), Bytes(300, 7));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  const std::string file = contents.str();
  EXPECT_EQ(file.find("A123456789"), std::string::npos);
  store.reset();
  std::filesystem::remove(path);
}

TEST(Matcher, StandardsAndTheYearlyReview) {
  const std::chrono::sys_seconds now{std::chrono::seconds(1'800'000'000)};
  const MatcherStandard standard{0.0001, 0.05};
  EXPECT_TRUE(assess_matcher(standard, {0.00005, 0.03, now - std::chrono::days(200)}, now).ok());
  const auto old = assess_matcher(standard, {0.00005, 0.03, now - std::chrono::days(366)}, now);
  EXPECT_TRUE(old.review_overdue);
  const auto loose = assess_matcher(standard, {0.001, 0.03, now}, now);
  EXPECT_TRUE(loose.false_accept_high);
  EXPECT_FALSE(loose.false_reject_high);
  EXPECT_TRUE(assess_matcher(standard, {0.00005, 0.2, now}, now).false_reject_high);
}

}  // namespace
}  // namespace etauth
