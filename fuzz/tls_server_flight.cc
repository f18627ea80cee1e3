// Fuzz target: the raw TLS record / handshake parsers that read whatever a
// scanned server sends (ServerHello, HelloRetryRequest, Certificate,
// ServerKeyExchange, alerts, SSLv2 SERVER-HELLO), fed in arbitrary chunks.
#include <array>
#include <cstdint>
#include <span>

#include "tls/handshake.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  if (size < 2) {
    return 0;
  }
  using etguard::tls::FlightParser;
  using etguard::tls::kSsl2;
  using etguard::tls::kSsl3;
  using etguard::tls::kTls10;
  using etguard::tls::kTls11;
  using etguard::tls::kTls12;
  using etguard::tls::kTls13;
  using etguard::tls::parse_server_key_exchange;
  using etguard::tls::ServerFlight;
  constexpr std::array<std::uint16_t, 6> kVersions = {kSsl2, kSsl3, kTls10, kTls11, kTls12, kTls13};
  const std::uint16_t version = kVersions[data[0] % kVersions.size()];
  const std::size_t chunk = 1 + data[1];
  std::span<const std::uint8_t> rest(data + 2, size - 2);
  FlightParser parser(version);
  while (!rest.empty() && !parser.complete()) {
    const std::size_t take = std::min(chunk, rest.size());
    parser.feed(rest.first(take));
    rest = rest.subspan(take);
  }
  const ServerFlight& flight = parser.flight();
  for (bool elliptic : {true, false}) {
    for (bool anonymous : {true, false}) {
      (void)parse_server_key_exchange(flight.key_exchange, elliptic, anonymous, flight.version);
    }
  }
  return 0;
}
