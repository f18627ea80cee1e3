#include "checks/tls/protocol/check.h"

#include <gtest/gtest.h>

#include "checks/output.h"
#include "checks/tls/test_profiles.h"

namespace etguard::tls_checks::protocol {
namespace {

using testing::compliant_profile;
using Codes = std::vector<std::string>;

TEST(TlsProtocolCheck, PassesWithTls12AndTls13Only) {
  const auto assessment = evaluate(compliant_profile(), {});
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_EQ(assessment.evidence["protocols"],
            nlohmann::ordered_json::parse(R"(["TLSv1.2","TLSv1.3"])"));
}

TEST(TlsProtocolCheck, FailsOnSslAndLegacyTls) {
  auto profile = compliant_profile();
  testing::protocol(profile, tls::kSsl3).accepted = true;
  testing::protocol(profile, tls::kTls10).accepted = true;
  const auto assessment = evaluate(profile, {});
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  EXPECT_EQ(check::failure_codes(assessment), (Codes{"PROTO_SSL", "PROTO_LEGACY"}));
  EXPECT_NE(assessment.reasons[1].en.find("TLSv1.0"), std::string::npos);
  EXPECT_NE(assessment.reasons[1].zh.find("TLS 1.2 以上"), std::string::npos);
}

TEST(TlsProtocolCheck, NoTlsOnlyWhenTheScanCompleted) {
  auto profile = compliant_profile();
  testing::protocol(profile, tls::kTls12).accepted = false;
  testing::protocol(profile, tls::kTls13).accepted = false;
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"NO_TLS"});
  profile.error = "timed out during SSLv3 probing";
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{});
  profile.not_tls = true;
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"NO_TLS"});
}

}  // namespace
}  // namespace etguard::tls_checks::protocol
