#include "tls/handshake.h"

#include <gtest/gtest.h>

#include "tls/algorithms.h"

namespace etguard::tls {
namespace {

Bytes record(std::uint8_t type, const Bytes& body, std::uint16_t version = kTls12) {
  ByteWriter out;
  out.u8(type);
  out.u16(version);
  out.u16(static_cast<std::uint32_t>(body.size()));
  out.append(body);
  return out.take();
}

Bytes message(std::uint8_t type, const Bytes& body) {
  ByteWriter out;
  out.u8(type);
  out.u24(static_cast<std::uint32_t>(body.size()));
  out.append(body);
  return out.take();
}

Bytes server_hello(std::uint16_t version, std::uint16_t suite, const Bytes& extensions = {},
                   bool retry = false) {
  ByteWriter out;
  out.u16(version);
  Bytes random(32, 0x01);
  if (retry) {
    random = {0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C,
              0x02, 0x1E, 0x65, 0xB8, 0x91, 0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB,
              0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};
  }
  out.append(random);
  out.u8(0);
  out.u16(suite);
  out.u8(0);
  if (!extensions.empty()) {
    out.u16(static_cast<std::uint32_t>(extensions.size()));
    out.append(extensions);
  }
  return message(2, out.take());
}

TEST(ClientHello, CarriesTheOfferedVersionSuitesAndExtensions) {
  ClientHelloSpec spec;
  spec.version = kTls11;
  spec.suites = {0xC02F, 0x002F};
  spec.groups = {23};
  spec.server_name = "example.com";
  const Bytes hello = build_client_hello(spec);
  ByteReader reader(hello);
  EXPECT_EQ(reader.u8(), 22U);
  EXPECT_EQ(reader.u16(), kTls10);  // record version of the first flight
  EXPECT_EQ(reader.u16(), hello.size() - 5);
  EXPECT_EQ(reader.u8(), 1U);
  EXPECT_EQ(reader.u24(), hello.size() - 9);
  EXPECT_EQ(reader.u16(), kTls11);
  reader.take(32);
  EXPECT_TRUE(reader.block(1).empty());
  ByteReader suites = reader.sub(2);
  EXPECT_EQ(suites.u16(), 0xC02FU);
  EXPECT_EQ(suites.u16(), 0x002FU);
  EXPECT_TRUE(suites.empty());
  EXPECT_EQ(reader.block(1).size(), 1U);
  ByteReader extensions = reader.sub(2);
  std::vector<std::uint32_t> types;
  while (!extensions.empty() && extensions.ok()) {
    types.push_back(extensions.u16());
    extensions.block(2);
  }
  EXPECT_EQ(types, (std::vector<std::uint32_t>{0, 10, 11,
                                               0xFF01}));  // no signature_algorithms before TLS 1.2
  EXPECT_TRUE(reader.ok());
  EXPECT_TRUE(reader.empty());
}

TEST(ClientHello, Tls13OffersOnlyTls13WithAnEmptyKeyShare) {
  ClientHelloSpec spec;
  spec.version = kTls13;
  spec.suites = {0x1301};
  spec.groups = {29};
  spec.signature_schemes = {0x0804};
  const Bytes hello = build_client_hello(spec);
  const std::string bytes(hello.begin(), hello.end());
  EXPECT_NE(bytes.find(std::string("\x00\x2b\x00\x03\x02\x03\x04", 7)),
            std::string::npos);  // supported_versions
  EXPECT_NE(bytes.find(std::string("\x00\x33\x00\x02\x00\x00", 6)),
            std::string::npos);  // empty key_share
}

TEST(ClientHello, Sslv3HasNoExtensions) {
  ClientHelloSpec spec;
  spec.version = kSsl3;
  spec.suites = {0x000A};
  spec.groups = {23};
  const Bytes hello = build_client_hello(spec);
  EXPECT_EQ(hello.size(), 5U + 4 + 2 + 32 + 1 + 4 + 2);
  EXPECT_EQ(hello[1], 3);
  EXPECT_EQ(hello[2], 0);
}

TEST(Sslv2Hello, IsATwoByteHeaderClientHello) {
  const Bytes hello = build_sslv2_client_hello();
  EXPECT_EQ(hello[0] & 0x80, 0x80);
  EXPECT_EQ(((hello[0] & 0x7F) << 8 | hello[1]), static_cast<int>(hello.size()) - 2);
  EXPECT_EQ(hello[2], 1);
}

TEST(FlightParser, ReadsATls12FlightSplitAcrossRecordsAndReads) {
  ByteWriter certificate;
  const std::size_t list = certificate.begin_length(3);
  const std::size_t one = certificate.begin_length(3);
  certificate.append(Bytes{0x30, 0x03, 0x02, 0x01, 0x05});
  certificate.end_length(one);
  certificate.end_length(list);
  Bytes key_exchange = {3, 0, 23, 2, 0x04, 0x01, 0x04, 0x01, 0, 1, 0xAA};
  Bytes handshake = server_hello(kTls12, 0xC02F);
  const Bytes cert_message = message(11, certificate.take());
  handshake.insert(handshake.end(), cert_message.begin(), cert_message.end());
  const Bytes ske = message(12, key_exchange);
  handshake.insert(handshake.end(), ske.begin(), ske.end());
  const Bytes done = message(14, {});
  handshake.insert(handshake.end(), done.begin(), done.end());
  // Two records, the split falling inside a message, fed a byte at a time.
  const Bytes first = record(22, Bytes(handshake.begin(), handshake.begin() + 50));
  const Bytes second = record(22, Bytes(handshake.begin() + 50, handshake.end()));
  Bytes wire = first;
  wire.insert(wire.end(), second.begin(), second.end());
  FlightParser parser(kTls12);
  for (std::uint8_t byte : wire) {
    ASSERT_FALSE(parser.complete());
    parser.feed(std::span(&byte, 1));
  }
  ASSERT_TRUE(parser.complete());
  EXPECT_FALSE(parser.error());
  const ServerFlight& flight = parser.flight();
  EXPECT_EQ(flight.version, kTls12);
  EXPECT_EQ(flight.suite, 0xC02F);
  ASSERT_EQ(flight.certificates.size(), 1U);
  EXPECT_EQ(flight.certificates[0].size(), 5U);
  EXPECT_TRUE(flight.done);
  auto exchange = parse_server_key_exchange(flight.key_exchange, true, false, kTls12);
  ASSERT_TRUE(exchange);
  EXPECT_EQ(exchange->group, 23);
  EXPECT_EQ(exchange->scheme, 0x0401);
}

TEST(FlightParser, RecognisesAHelloRetryRequestAndItsGroup) {
  const Bytes extensions = {0x00, 0x2b, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, 0x00, 0x02, 0x00, 0x1d};
  FlightParser parser(kTls13);
  parser.feed(record(22, server_hello(kTls12, 0x1301, extensions, true)));
  ASSERT_TRUE(parser.complete());
  EXPECT_TRUE(parser.flight().hello_retry);
  EXPECT_EQ(parser.flight().version, kTls13);
  EXPECT_EQ(parser.flight().group, 29);
}

TEST(FlightParser, AnAlertEndsTheFlightWithoutAServerHello) {
  FlightParser parser(kTls12);
  parser.feed(record(21, {2, 70}));
  ASSERT_TRUE(parser.complete());
  EXPECT_FALSE(parser.flight().server_hello);
  EXPECT_EQ(parser.flight().alert, 70);
}

TEST(FlightParser, RejectsWhatIsNotTls) {
  FlightParser parser(kTls12);
  const std::string http = "HTTP/1.1 400 Bad Request\r\n";
  parser.feed(std::span(reinterpret_cast<const std::uint8_t*>(http.data()), http.size()));
  ASSERT_TRUE(parser.complete());
  ASSERT_TRUE(parser.error());
  EXPECT_NE(parser.error()->find("not a TLS record"), std::string::npos);
}

TEST(FlightParser, RejectsTruncatedServerHello) {
  FlightParser parser(kTls12);
  parser.feed(record(22, message(2, {3, 3, 1, 2})));
  ASSERT_TRUE(parser.error());
  EXPECT_EQ(*parser.error(), "truncated ServerHello");
}

TEST(FlightParser, RejectsHandshakeMessagesBeforeServerHello) {
  FlightParser parser(kTls12);
  parser.feed(record(22, message(14, {})));
  ASSERT_TRUE(parser.error());
}

TEST(FlightParser, ReadsAnSslv2ServerHello) {
  const Bytes hello = {0x80, 0x11, 4,    0,    1,    0x00, 0x02, 0x00, 0x00, 0x00,
                       0x06, 0x00, 0x00, 0x01, 0x00, 0x80, 0x07, 0x00, 0xC0};
  FlightParser parser(kSsl2);
  parser.feed(hello);
  ASSERT_TRUE(parser.complete());
  EXPECT_FALSE(parser.error());
  EXPECT_EQ(parser.flight().version, kSsl2);
  EXPECT_EQ(parser.flight().sslv2_ciphers, (std::vector<std::uint32_t>{0x010080, 0x0700C0}));
}

TEST(ServerKeyExchange, ReadsTheDhPrimeSize) {
  ByteWriter body;
  body.u16(129);
  body.u8(0x00);  // a leading zero byte does not count
  body.append(Bytes(128, 0xFF));
  body.u16(1);
  body.u8(2);
  body.u16(1);
  body.u8(5);
  body.u16(0x0401);
  body.u16(0);
  auto exchange = parse_server_key_exchange(body.bytes(), false, false, kTls12);
  ASSERT_TRUE(exchange);
  EXPECT_EQ(exchange->dh_bits, 1024);
  EXPECT_FALSE(parse_server_key_exchange(Bytes{0, 5, 1}, false, false, kTls12));
}

TEST(Algorithms, DeriveAttributesFromIanaNames) {
  const CipherSuite* gcm = find_cipher_suite(0xC02F);
  ASSERT_NE(gcm, nullptr);
  EXPECT_EQ(gcm->name, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  EXPECT_EQ(gcm->key_exchange, KeyExchange::kEcdhe);
  EXPECT_EQ(gcm->cipher, CipherClass::kAes);
  EXPECT_EQ(gcm->mac, MacKind::kAead);
  const CipherSuite* des = find_cipher_suite(0xC012);
  ASSERT_NE(des, nullptr);
  EXPECT_EQ(des->cipher, CipherClass::kBroken);
  EXPECT_EQ(des->mac, MacKind::kSha1);
  const CipherSuite* ccm8 = find_cipher_suite(0xC0AE);
  ASSERT_NE(ccm8, nullptr);
  EXPECT_TRUE(ccm8->short_tag);
  EXPECT_TRUE(ccm8->ecdsa);
  const CipherSuite* anon = find_cipher_suite(0x0034);
  ASSERT_NE(anon, nullptr);
  EXPECT_TRUE(anon->anonymous);
  EXPECT_EQ(anon->key_exchange, KeyExchange::kDhe);
  EXPECT_EQ(find_cipher_suite(0x0035)->key_exchange, KeyExchange::kRsa);
  EXPECT_EQ(find_cipher_suite(0x0035)->cipher_bits, 256);
  EXPECT_TRUE(find_cipher_suite(0x1301)->tls13);
  EXPECT_EQ(find_cipher_suite(0xFFFF), nullptr);
  EXPECT_GT(cipher_suites().size(), 280U);
}

TEST(Algorithms, RegistryIsSortedAndUnique) {
  const auto suites = cipher_suites();
  for (std::size_t i = 1; i < suites.size(); ++i) {
    EXPECT_LT(suites[i - 1].code, suites[i].code) << suites[i].name;
  }
}

}  // namespace
}  // namespace etguard::tls
