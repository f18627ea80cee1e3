// End to end: real and emulated loopback servers, scanned by the collector
// and judged by every registered TLS check. One test per dimension the
// Art. 34 checker must get right; the expected reason sets are exact.
#include <gtest/gtest.h>

#include <set>

#include "checks/tls/run.h"
#include "support/test_pki.h"
#include "support/test_servers.h"
#include "tls/scanner.h"

namespace etguard::testing {
namespace {

using Codes = std::set<std::string>;

struct Outcome {
  tls::TlsProfile profile;
  std::vector<check::Finding> findings;
  tls_checks::EndpointSummary summary;

  Codes reasons() const { return {summary.reasons.begin(), summary.reasons.end()}; }
  Codes warnings() const { return {summary.warnings.begin(), summary.warnings.end()}; }
  const check::Finding& finding(std::string_view id) const {
    for (const check::Finding& f : findings) {
      if (f.check->id == id) {
        return f;
      }
    }
    throw std::runtime_error("no finding " + std::string(id));
  }
};

const tls::TrustStore& trust() {
  static const tls::TrustStore store = *tls::TrustStore::load(test_ca_file());
  return store;
}

Outcome scan(const std::string& target_text, const tls_checks::TlsPolicy& policy = {},
             tls::Starttls starttls = tls::Starttls::kNone,
             std::chrono::milliseconds probe_timeout = std::chrono::milliseconds(3000)) {
  tls::Endpoint endpoint;
  endpoint.target = target_text;
  const std::size_t colon = target_text.rfind(':');
  endpoint.host = target_text.substr(0, colon);
  if (endpoint.host.starts_with('[')) {
    endpoint.host = endpoint.host.substr(1, endpoint.host.size() - 2);
  }
  endpoint.port = static_cast<std::uint16_t>(std::stoi(target_text.substr(colon + 1)));
  endpoint.starttls = starttls;
  EXPECT_TRUE(tls::resolve(endpoint).has_value());
  tls::ScanOptions options;
  options.trust = &trust();
  options.probe_timeout = probe_timeout;
  options.endpoint_timeout = std::chrono::milliseconds(20000);
  Outcome outcome;
  outcome.profile = tls::scan_endpoint(endpoint, options);
  outcome.findings = tls_checks::run_tls_checks(outcome.profile, policy, "2026-01-01T00:00:00Z",
                                                "2026-01-01T00:00:01Z");
  outcome.summary = tls_checks::summarize(outcome.findings);
  return outcome;
}

CertSpec spec_with(const EVP_MD* digest, long from_days, long to_days) {
  CertSpec spec;
  spec.digest = digest;
  spec.valid_from_days = from_days;
  spec.valid_to_days = to_days;
  return spec;
}

// Credentials are costly to make: each is made on first use, once per process.
namespace pki {
#define ETG_CREDENTIAL(name, expression)       \
  const Credential& name() {                   \
    static const Credential made = expression; \
    return made;                               \
  }
ETG_CREDENTIAL(rsa2048, issue(rsa_key(2048), test_ca()))
ETG_CREDENTIAL(rsa1024, issue(rsa_key(1024), test_ca()))
ETG_CREDENTIAL(rsa2048_sha1, issue(rsa_key(2048), test_ca(), spec_with(EVP_sha1(), -1, 365)))
ETG_CREDENTIAL(ecp256, issue(ec_key("P-256"), test_ca()))
ETG_CREDENTIAL(ecp384, issue(ec_key("P-384"), test_ca(), spec_with(EVP_sha384(), -1, 365)))
ETG_CREDENTIAL(ecp224, issue(ec_key("P-224"), test_ca()))
ETG_CREDENTIAL(self, self_signed(rsa_key(2048)))
ETG_CREDENTIAL(expired, issue(rsa_key(2048), test_ca(), spec_with(EVP_sha256(), -400, -30)))
#undef ETG_CREDENTIAL
}  // namespace pki

void use(SSL_CTX* ctx, const Credential& credential) {
  ASSERT_EQ(SSL_CTX_use_certificate(ctx, credential.cert.get()), 1);
  ASSERT_EQ(SSL_CTX_use_PrivateKey(ctx, credential.key.get()), 1);
}

// A TLS 1.2-only server with the given cipher list and groups.
// Security level 0 lets OpenSSL serve weak keys and sign with SHA-1 when asked.
auto tls12(const Credential& credential, const char* ciphers, const char* groups = "P-256",
           int level = 1) {
  return [&credential, ciphers, groups, level](SSL_CTX* ctx) {
    SSL_CTX_set_security_level(ctx, level);
    SSL_CTX_set_dh_auto(ctx, 1);
    use(ctx, credential);
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx, ciphers);
    SSL_CTX_set1_groups_list(ctx, groups);
  };
}

Emulation emulate(std::vector<std::uint16_t> versions, std::vector<std::uint16_t> suites,
                  const Credential& credential) {
  Emulation emulation;
  emulation.versions = std::move(versions);
  emulation.suites = std::move(suites);
  unsigned char* buffer = nullptr;
  const int length = i2d_X509(credential.cert.get(), &buffer);
  emulation.certificate.assign(buffer, buffer + length);
  OPENSSL_free(buffer);
  return emulation;
}

ServerOptions smtp_options() {
  ServerOptions options;
  options.smtp = true;
  return options;
}

ServerOptions ipv6_options() {
  ServerOptions options;
  options.ipv6 = true;
  return options;
}

TEST(TlsScan, Tls13OnlyWithRsa2048Passes) {
  OpenSslServer server([](SSL_CTX* ctx) {
    use(ctx, pki::rsa2048());
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384");
    SSL_CTX_set1_groups_list(ctx, "P-256:P-384");
  });
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kPass);
  EXPECT_EQ(outcome.reasons(), Codes{});
  const tls::ProtocolSupport* tls13 = outcome.profile.protocol(tls::kTls13);
  ASSERT_NE(tls13, nullptr);
  EXPECT_TRUE(tls13->accepted);
  EXPECT_EQ(tls13->suites.size(), 2U);
  EXPECT_EQ(tls13->groups, (std::vector<std::uint16_t>{23, 24}));
  EXPECT_FALSE(outcome.profile.protocol(tls::kTls12)->accepted);
  ASSERT_EQ(outcome.profile.chains.size(), 1U);  // seen only through a complete TLS 1.3 handshake
  EXPECT_EQ(outcome.profile.chains[0].chain.certificates[0].key_bits, 2048);
  EXPECT_TRUE(outcome.profile.chains[0].chain.trusted);
}

TEST(TlsScan, Tls12EcdsaP256Passes) {
  OpenSslServer server(tls12(pki::ecp256(), "ECDHE-ECDSA-AES128-GCM-SHA256"));
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kPass);
  EXPECT_EQ(outcome.reasons(), Codes{});
  EXPECT_EQ(outcome.warnings(), Codes{});
}

TEST(TlsScan, CbcWithHmacSha256IsNotFlagged) {
  OpenSslServer server(
      tls12(pki::rsa2048(), "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256", "P-256:P-384"));
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kPass);
  EXPECT_EQ(outcome.profile.protocol(tls::kTls12)->suites.size(), 2U);
  EXPECT_EQ(outcome.profile.protocol(tls::kTls12)->groups, (std::vector<std::uint16_t>{23, 24}));
}

TEST(TlsScan, Rsa1024CertificateFails) {
  OpenSslServer server(tls12(pki::rsa1024(), "ECDHE-RSA-AES128-GCM-SHA256", "P-256", 0));
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kFail);
  EXPECT_EQ(outcome.reasons(), Codes{"CERT_RSA_WEAK"});
  EXPECT_EQ(outcome.warnings(),
            Codes{"W_SIG_SHA1_ACCEPTED"});  // security level 0 signs with SHA-1 if asked
}

TEST(TlsScan, Sha1SignedCertificateFails) {
  OpenSslServer server(tls12(pki::rsa2048_sha1(), "ECDHE-RSA-AES128-GCM-SHA256", "P-256", 0));
  EXPECT_EQ(scan(server.target()).reasons(), Codes{"CERT_SIG_WEAK"});
}

TEST(TlsScan, LegacyVersionsFail) {
  OpenSslServer server([](SSL_CTX* ctx) {
    SSL_CTX_set_security_level(ctx, 0);
    use(ctx, pki::rsa2048());
    SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx, "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA");
    SSL_CTX_set1_groups_list(ctx, "P-256");
  });
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.reasons(), (Codes{"PROTO_LEGACY", "MAC_SHA1"}));
  EXPECT_TRUE(outcome.profile.protocol(tls::kTls10)->accepted);
  EXPECT_TRUE(outcome.profile.protocol(tls::kTls11)->accepted);
  EXPECT_FALSE(outcome.profile.protocol(tls::kSsl3)->accepted);
}

TEST(TlsScan, StaticRsaKeyTransportFails) {
  OpenSslServer server(tls12(pki::rsa2048(), "AES128-GCM-SHA256"));
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.reasons(), Codes{"KX_NOT_ECDHE"});
  EXPECT_EQ(outcome.finding("tls.handshake_signature").assessment.verdict,
            check::Verdict::kNotApplicable);
}

TEST(TlsScan, FiniteFieldDheFailsAndReportsItsSize) {
  OpenSslServer server(tls12(pki::rsa2048(), "DHE-RSA-AES128-GCM-SHA256"));
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.reasons(), Codes{"KX_NOT_ECDHE"});
  EXPECT_GE(outcome.profile.protocol(tls::kTls12)->suites.at(0).dh_bits, 2048);
  tls_checks::TlsPolicy lenient;
  lenient.finite_field_dh_fails = false;
  EXPECT_EQ(scan(server.target(), lenient).summary.verdict, check::Verdict::kPass);
}

TEST(TlsScan, TripleDesSuiteFails) {
  Emulation emulation = emulate({tls::kTls12}, {0xC012}, pki::rsa2048());
  EmulatedServer server(emulation);
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.reasons(), (Codes{"CIPHER_WEAK", "MAC_SHA1"}));
}

TEST(TlsScan, Rc4SuiteFails) {
  Emulation emulation = emulate({tls::kTls12}, {0xC011}, pki::rsa2048());
  EmulatedServer server(emulation);
  EXPECT_EQ(scan(server.target()).reasons(), (Codes{"CIPHER_WEAK", "MAC_SHA1"}));
}

TEST(TlsScan, Sslv3IsFoundByRawHello) {
  Emulation emulation = emulate({tls::kSsl3}, {0x002F}, pki::rsa2048());
  EmulatedServer server(emulation);
  Outcome outcome = scan(server.target());
  EXPECT_TRUE(outcome.profile.protocol(tls::kSsl3)->accepted);
  EXPECT_EQ(outcome.reasons(), (Codes{"PROTO_SSL", "KX_NOT_ECDHE", "MAC_SHA1"}));
}

TEST(TlsScan, Sslv2IsFoundByRawHello) {
  Emulation emulation = emulate({tls::kTls12}, {0xC02F}, pki::rsa2048());
  emulation.sslv2_ciphers = {0x010080, 0x0700C0};
  EmulatedServer server(emulation);
  Outcome outcome = scan(server.target());
  EXPECT_TRUE(outcome.profile.protocol(tls::kSsl2)->accepted);
  EXPECT_EQ(outcome.profile.protocol(tls::kSsl2)->sslv2_ciphers.size(), 2U);
  EXPECT_TRUE(outcome.reasons().contains("PROTO_SSL"));
  EXPECT_TRUE(outcome.reasons().contains("CIPHER_WEAK"));
}

TEST(TlsScan, HmacSha1RecordMacFails) {
  OpenSslServer server(tls12(pki::rsa2048(), "ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA"));
  EXPECT_EQ(scan(server.target()).reasons(), Codes{"MAC_SHA1"});
}

TEST(TlsScan, X25519IsAdmittedByDefaultPolicyOnly) {
  OpenSslServer server([](SSL_CTX* ctx) {
    use(ctx, pki::rsa2048());
    SSL_CTX_set_cipher_list(ctx, "ECDHE-RSA-AES128-GCM-SHA256");
    SSL_CTX_set1_groups_list(ctx, "X25519");
  });
  EXPECT_EQ(scan(server.target()).summary.verdict, check::Verdict::kPass);
  tls_checks::TlsPolicy strict;
  strict.admit_curve25519_448 = false;
  EXPECT_EQ(scan(server.target(), strict).reasons(), Codes{"KX_GROUP_WEAK"});
}

TEST(TlsScan, SelfSignedIsAWarningUnlessPolicySaysOtherwise) {
  OpenSslServer server(tls12(pki::self(), "ECDHE-RSA-AES128-GCM-SHA256"));
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kPass);
  EXPECT_EQ(outcome.warnings(), Codes{"W_UNTRUSTED"});
  tls_checks::TlsPolicy strict;
  strict.untrusted_fails = true;
  EXPECT_EQ(scan(server.target(), strict).reasons(), Codes{"CERT_UNTRUSTED"});
}

TEST(TlsScan, ExpiredCertificateFails) {
  OpenSslServer server(tls12(pki::expired(), "ECDHE-RSA-AES128-GCM-SHA256"));
  EXPECT_EQ(scan(server.target()).reasons(), Codes{"CERT_EXPIRED"});
}

TEST(TlsScan, ServerPreferringAWeakSuiteFails) {
  OpenSslServer server([](SSL_CTX* ctx) {
    use(ctx, pki::rsa2048());
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx, "AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256");
    SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
  });
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.reasons(), (Codes{"KX_NOT_ECDHE", "MAC_SHA1", "PREFERS_WEAK"}));
  EXPECT_EQ(outcome.profile.protocol(tls::kTls12)->server_order, true);
  EXPECT_EQ(outcome.profile.protocol(tls::kTls12)->suites.front().code, 0x002F);
}

TEST(TlsScan, ClientOrderServerIsNotSaidToPreferWeak) {
  OpenSslServer server([](SSL_CTX* ctx) {
    use(ctx, pki::rsa2048());
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx, "AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256");
  });
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.reasons(), (Codes{"KX_NOT_ECDHE", "MAC_SHA1"}));
  EXPECT_EQ(outcome.profile.protocol(tls::kTls12)->server_order, false);
}

TEST(TlsScan, EveryCertificateOfADualCertificateServerIsJudged) {
  OpenSslServer server([](SSL_CTX* ctx) {
    use(ctx, pki::rsa2048());
    use(ctx, pki::ecp224());
    SSL_CTX_set_security_level(ctx, 0);
    SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256");
    SSL_CTX_set1_groups_list(ctx, "P-256");
  });
  Outcome outcome = scan(server.target());
  std::set<std::string> kinds;
  for (const auto& chain : outcome.profile.chains) {
    kinds.insert(chain.chain.certificates.at(0).key_type);
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"RSA", "EC"}));
  EXPECT_EQ(outcome.reasons(),
            Codes{"CERT_EC_WEAK"});  // the ECDSA P-224 one only a picky client would see
}

TEST(TlsScan, Tls13DualCertificatesAreBothSeen) {
  OpenSslServer server([](SSL_CTX* ctx) {
    use(ctx, pki::rsa2048());
    use(ctx, pki::ecp384());
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_set1_groups_list(ctx, "X25519:P-256");  // OpenSSL's default list includes ffdhe groups
  });
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kPass);
  EXPECT_EQ(outcome.profile.chains.size(), 2U);
  for (const auto& chain : outcome.profile.chains) {
    EXPECT_TRUE(chain.scheme.has_value())
        << chain.offered << " " << chain.chain.certificates.at(0).subject;
  }
}

TEST(TlsScan, Tls13FiniteFieldGroupsFail) {
  OpenSslServer server([](SSL_CTX* ctx) {
    use(ctx, pki::rsa2048());
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_set1_groups_list(ctx, "P-256:ffdhe2048:ffdhe3072");
  });
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.reasons(), Codes{"KX_TLS13_FFDHE"});
  EXPECT_EQ(outcome.profile.protocol(tls::kTls13)->groups,
            (std::vector<std::uint16_t>{23, 256, 257}));
}

TEST(TlsScan, WeakCurveOnlyServerIsAssessed) {
  OpenSslServer server(tls12(pki::ecp224(), "ECDHE-ECDSA-AES128-GCM-SHA256", "P-224", 0));
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.reasons(), (Codes{"KX_GROUP_WEAK", "CERT_EC_WEAK"}));
  EXPECT_EQ(outcome.warnings(), Codes{"W_SIG_SHA1_ACCEPTED"});
  EXPECT_EQ(outcome.profile.protocol(tls::kTls12)->groups, (std::vector<std::uint16_t>{21}));
}

TEST(TlsScan, ServerThatPrefersSha1HandshakeSignaturesFails) {
  OpenSslServer server([](SSL_CTX* ctx) {
    SSL_CTX_set_security_level(ctx, 0);
    use(ctx, pki::rsa2048());
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx, "ECDHE-RSA-AES128-GCM-SHA256");
    SSL_CTX_set1_sigalgs_list(ctx, "RSA+SHA1:RSA+SHA256");
    SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
  });
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.reasons(), Codes{"SIG_SHA1"});
  EXPECT_EQ(outcome.warnings(), Codes{"W_SIG_SHA1_ACCEPTED"});
}

TEST(TlsScan, ShortTagCcm8Fails) {
  OpenSslServer server(tls12(pki::ecp256(), "ECDHE-ECDSA-AES128-CCM8"));
  EXPECT_EQ(scan(server.target()).reasons(), Codes{"CIPHER_WEAK"});
}

TEST(TlsScan, SmtpStarttls) {
  OpenSslServer server(tls12(pki::rsa2048(), "ECDHE-RSA-AES128-GCM-SHA256"), smtp_options());
  Outcome outcome = scan(server.target(), {}, tls::Starttls::kSmtp);
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kPass);
  EXPECT_TRUE(outcome.profile.protocol(tls::kTls12)->accepted);
}

TEST(TlsScan, Ipv6Loopback) {
  OpenSslServer server(tls12(pki::rsa2048(), "ECDHE-RSA-AES128-GCM-SHA256"), ipv6_options());
  Outcome outcome = scan(server.target());
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kPass);
  EXPECT_TRUE(outcome.profile.chains.at(0).chain.name_matches);  // SAN IP:::1
}

TEST(TlsScan, UnreachableEndpointIsAnErrorNeverAPass) {
  std::string target;
  {
    OpenSslServer server(tls12(pki::rsa2048(), "ECDHE-RSA-AES128-GCM-SHA256"));
    target = server.target();
  }  // closed: nothing listens on the port now
  Outcome outcome = scan(target);
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kError);
  for (const check::Finding& finding : outcome.findings) {
    EXPECT_EQ(finding.assessment.verdict, check::Verdict::kError);
    EXPECT_EQ(finding.assessment.reasons.at(0).code, "UNREACHABLE");
  }
}

TEST(TlsScan, SilentServerTimesOutAsCouldNotAssess) {
  Emulation emulation;
  emulation.silent = true;
  EmulatedServer server(emulation);
  Outcome outcome = scan(server.target(), {}, tls::Starttls::kNone, std::chrono::milliseconds(300));
  EXPECT_EQ(outcome.summary.verdict, check::Verdict::kError);
  EXPECT_NE(outcome.profile.error.find("timed out"), std::string::npos);
}

TEST(TlsScan, NonTlsServiceIsReported) {
  Emulation emulation;
  emulation.raw_reply = "HTTP/1.1 400 Bad Request\r\n\r\n";
  EmulatedServer server(emulation);
  Outcome outcome = scan(server.target());
  EXPECT_NE(outcome.profile.error.find("not TLS"), std::string::npos);
  EXPECT_EQ(outcome.reasons(), Codes{"NO_TLS"});
}

}  // namespace
}  // namespace etguard::testing
