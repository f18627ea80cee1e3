// Envelopes: sealed, opened once, and refused when tampered with, replayed,
// stale or under an unknown key; a forgery does not use up a sequence number.
// Then the order-signing flow of the README: the envelope signed with the
// client's own P-256 key for non-repudiation.
#include <gtest/gtest.h>

#include "etauth/envelope.h"

namespace etauth {
namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;

class EnvelopeTest : public ::testing::Test {
 protected:
  EnvelopeTest() : key_(GcmKey::create(Bytes(32, 0x5A)).value()) {}
  EnvelopeKeys keys() {
    return [this](const std::string& id) { return id == "session-1" ? &key_ : nullptr; };
  }
  Bytes seal(std::uint64_t sequence, std::int64_t timestamp = kNow) {
    EnvelopeHeader header{"session-1", 42, sequence, {}, timestamp};
    return seal_envelope(key_, header, Bytes{'b', 'u', 'y', ' ', '2', '3', '3', '0'}, random_)
        .value();
  }
  GcmKey key_;
  SystemRandom random_;
  ReplayGuard guard_;
};

TEST_F(EnvelopeTest, OpensOnceAndCarriesItsHeader) {
  const Bytes envelope = seal(1);
  const auto opened = open_envelope(envelope, keys(), guard_, kNow);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  EXPECT_EQ(opened->plaintext, (Bytes{'b', 'u', 'y', ' ', '2', '3', '3', '0'}));
  EXPECT_EQ(opened->header.channel, 42U);
  EXPECT_EQ(opened->header.sequence, 1U);
  EXPECT_EQ(open_envelope(envelope, keys(), guard_, kNow).error().code, Errc::kReplay);
  EXPECT_NE(seal(2), seal(2));  // a fresh nonce every time
}

TEST_F(EnvelopeTest, EveryTamperedByteIsRefused) {
  const Bytes envelope = seal(1);
  for (std::size_t i = 0; i < envelope.size(); ++i) {
    Bytes tampered = envelope;
    tampered[i] ^= 0x01;
    const auto opened = open_envelope(tampered, keys(), guard_, kNow);
    ASSERT_FALSE(opened.has_value()) << "byte " << i;
    EXPECT_NE(opened.error().code, Errc::kReplay) << "byte " << i;
  }
  // None of the forgeries used up sequence 1.
  EXPECT_TRUE(open_envelope(envelope, keys(), guard_, kNow).has_value());
}

TEST_F(EnvelopeTest, StaleReorderedAndUnknownKeyAreRefused) {
  EXPECT_EQ(open_envelope(seal(1, kNow - 60'000), keys(), guard_, kNow).error().code,
            Errc::kReplay);
  ASSERT_TRUE(open_envelope(seal(5), keys(), guard_, kNow).has_value());
  EXPECT_EQ(open_envelope(seal(4), keys(), guard_, kNow).error().code, Errc::kReplay);
  EnvelopeHeader other{"session-2", 42, 9, {}, kNow};
  const Bytes foreign = seal_envelope(key_, other, Bytes{'x'}, random_).value();
  EXPECT_EQ(open_envelope(foreign, keys(), guard_, kNow).error().code, Errc::kNotFound);
  EnvelopeHeader bad_id{"bad id", 1, 1, {}, kNow};
  EXPECT_EQ(seal_envelope(key_, bad_id, Bytes{'x'}, random_).error().code, Errc::kInvalidArgument);
}

TEST_F(EnvelopeTest, MalformedHeadersAreNamed) {
  EXPECT_NE(parse_envelope_header(Bytes{'E', 'T', 'E', '2', 1}).error().message.find("ETE1"),
            std::string::npos);
  Bytes truncated = seal(1);
  truncated.resize(40);
  EXPECT_NE(parse_envelope_header(truncated).error().message.find("shorter"), std::string::npos);
  Bytes zero_id = seal(1);
  zero_id[4] = 0;
  EXPECT_NE(parse_envelope_header(zero_id).error().message.find("key id"), std::string::npos);
}

// --- the README's order-signing example ---
// The client: seal the order for the server, sign the envelope with its own key.
struct SignedOrder {
  Bytes envelope;
  Bytes signature;  // ECDSA P-256, r || s
};

Result<SignedOrder> send_order(GcmKey& session, const PrivateKey& client_key, std::uint64_t channel,
                               std::uint64_t sequence, std::span<const std::uint8_t> order,
                               std::int64_t now_ms, Random& random) {
  auto envelope =
      seal_envelope(session, {"session-1", channel, sequence, {}, now_ms}, order, random);
  if (!envelope) {
    return std::unexpected(envelope.error());
  }
  auto signature = client_key.sign(SignatureScheme::kEcdsaP256Sha256Raw, *envelope);
  if (!signature) {
    return std::unexpected(signature.error());
  }
  return SignedOrder{std::move(*envelope), std::move(*signature)};
}

// The server: the signature first (the customer's registered key), then the
// envelope; the pair is kept as the evidence that this customer sent it.
Result<Bytes> receive_order(const SignedOrder& order, const PublicKey& registered_key,
                            const EnvelopeKeys& keys, ReplayGuard& guard, std::int64_t now_ms) {
  if (auto signed_by = registered_key.verify(SignatureScheme::kEcdsaP256Sha256Raw, order.envelope,
                                             order.signature);
      !signed_by) {
    return std::unexpected(signed_by.error());
  }
  auto opened = open_envelope(order.envelope, keys, guard, now_ms);
  if (!opened) {
    return std::unexpected(opened.error());
  }
  return std::move(opened->plaintext);
}
// --- end of the example ---

TEST_F(EnvelopeTest, OrderSigningFlow) {
  const PrivateKey client = PrivateKey::generate_p256().value();
  const PublicKey registered = PublicKey::from_der(client.public_der().value()).value();
  const Bytes order{'B', 'U', 'Y', ' ', '2', '3', '3', '0', ' ', '1', '0', '0', '0'};
  const SignedOrder sent = send_order(key_, client, 7, 1, order, kNow, random_).value();
  EXPECT_EQ(receive_order(sent, registered, keys(), guard_, kNow).value(), order);
  EXPECT_EQ(receive_order(sent, registered, keys(), guard_, kNow).error().code, Errc::kReplay);

  const PrivateKey someone_else = PrivateKey::generate_p256().value();
  const SignedOrder impostor = send_order(key_, someone_else, 7, 2, order, kNow, random_).value();
  EXPECT_EQ(receive_order(impostor, registered, keys(), guard_, kNow).error().code,
            Errc::kBadCredential);
}

// Hygiene: with random 96-bit IVs a key seals at most 2^32 messages (NIST
// SP 800-38D 8.3); the key counts its uses and refuses past its limit.
TEST(GcmKeyUses, AKeyRefusesToSealPastItsLimit) {
  auto key = GcmKey::create(Bytes(32, 0x11), 3).value();
  const Bytes iv(kGcmIvBytes, 0x01);
  Bytes out;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(key.seal(iv, {}, Bytes(4, 0x02), out).has_value());
  }
  EXPECT_EQ(key.seal(iv, {}, Bytes(4, 0x02), out).error().code, Errc::kPolicy);
  EXPECT_EQ(key.seals(), 3U);
  EXPECT_FALSE(GcmKey::create(Bytes(32, 0x11), 0).has_value());
  EXPECT_FALSE(GcmKey::create(Bytes(32, 0x11), kGcmMaxRandomIvSeals + 1).has_value());
}

}  // namespace
}  // namespace etauth
