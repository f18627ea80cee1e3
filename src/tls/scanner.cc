#include "tls/scanner.h"

#include <algorithm>
#include <array>

#include "tls/full_handshake.h"

namespace etguard::tls {
namespace {

// Offer order for suites: what a modern client prefers first, so that a
// server honouring the client's order picks the strongest suite it has.
int suite_rank(const CipherSuite& suite) {
  int rank = 0;
  rank += suite.key_exchange == KeyExchange::kEcdhe ? 0
          : suite.key_exchange == KeyExchange::kDhe ? 100
                                                    : 200;
  rank += suite.mac == MacKind::kAead                                      ? 0
          : suite.mac == MacKind::kSha256 || suite.mac == MacKind::kSha384 ? 20
                                                                           : 40;
  rank += suite.cipher == CipherClass::kAes || suite.cipher == CipherClass::kChacha20 ? 0 : 10;
  rank += suite.anonymous || suite.cipher == CipherClass::kNull ? 500 : 0;
  return rank;
}

std::vector<std::uint16_t> legacy_suite_offer() {
  std::vector<const CipherSuite*> suites;
  for (const CipherSuite& suite : cipher_suites()) {
    if (!suite.tls13) {
      suites.push_back(&suite);
    }
  }
  std::ranges::stable_sort(suites, {}, [](const CipherSuite* suite) { return suite_rank(*suite); });
  std::vector<std::uint16_t> codes;
  codes.reserve(suites.size());
  for (const CipherSuite* suite : suites) {
    codes.push_back(suite->code);
  }
  return codes;
}

constexpr std::array<std::uint16_t, 5> kTls13Suites = {0x1301, 0x1302, 0x1303, 0x1304, 0x1305};

// Strong groups first; weak curves last so a server that honours the
// client's order only picks one when it has nothing better.
std::vector<std::uint16_t> group_offer() {
  std::vector<std::uint16_t> codes = {29, 23, 24, 25, 30,  0x11EC, 26,  27,  28,
                                      31, 32, 33, 22, 256, 257,    258, 259, 260};
  for (const Group& group : groups()) {
    if (std::ranges::find(codes, group.code) == codes.end() && group.code != 0x6399) {
      codes.push_back(group.code);
    }
  }
  return codes;
}

// A modern client's list, SHA-1 and MD5 last.
constexpr std::array<std::uint16_t, 25> kModernSchemes = {
    0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809,
    0x080A, 0x080B, 0x081A, 0x081B, 0x081C, 0x0401, 0x0501, 0x0601, 0x0402,
    0x0303, 0x0301, 0x0302, 0x0203, 0x0201, 0x0202, 0x0101};
constexpr std::array<std::uint16_t, 3> kSha1Schemes = {0x0201, 0x0203, 0x0202};

std::string offered_for(const CipherSuite* suite) {
  if (suite == nullptr) {
    return "RSA";
  }
  if (suite->ecdsa) {
    return "ECDSA";
  }
  return suite->name.find("DSS") != std::string_view::npos ? "DSA" : "RSA";
}

class Scan {
 public:
  Scan(const Endpoint& endpoint, const ScanOptions& options)
      : options_(options), deadline_(Clock::now() + options.endpoint_timeout) {
    profile_.endpoint = endpoint;
  }

  TlsProfile run() {
    const auto started = Clock::now();
    if (!sslv2() && !profile_.reachable) {
      finish(started);
      return std::move(profile_);
    }
    for (std::uint16_t version : {kSsl3, kTls10, kTls11, kTls12}) {
      legacy(version);
    }
    tls13();
    legacy_groups();
    handshake_signatures();
    tls13_chains();
    finish(started);
    return std::move(profile_);
  }

 private:
  void finish(Clock::time_point started) {
    profile_.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (!profile_.reachable && profile_.error.empty()) {
      profile_.error = "unreachable";
    }
    // A port that accepts and hangs up on every hello tells nothing about
    // TLS: could not assess, never a definite fail.
    if (profile_.reachable && !answered_ && profile_.error.empty()) {
      profile_.reachable = false;
      profile_.error = "the server accepted every connection and closed it without answering";
    }
  }

  ProbeResult send(const Bytes& hello, std::uint16_t version) {
    const auto deadline = std::min(deadline_, Clock::now() + options_.probe_timeout);
    ++profile_.handshakes;
    ProbeResult result = probe(profile_.endpoint, hello, version, deadline);
    if (result.status == ProbeStatus::kUnreachable) {
      if (profile_.error.empty()) {
        profile_.error = result.detail;
      }
    } else {
      profile_.reachable = true;
      answered_ = answered_ || (result.status != ProbeStatus::kTimeout && !result.silent);
    }
    if (result.status == ProbeStatus::kTimeout && version != kSsl2 && profile_.error.empty()) {
      profile_.error = "timed out during " + version_name(version) + " probing";
    }
    if (result.status == ProbeStatus::kMalformed && profile_.error.empty()) {
      profile_.error = "not TLS: " + result.detail;
      profile_.not_tls = true;
    }
    return result;
  }

  ProbeResult send(const ClientHelloSpec& spec) {
    return send(build_client_hello(spec), spec.version);
  }

  ClientHelloSpec spec(std::uint16_t version, std::vector<std::uint16_t> suites) const {
    ClientHelloSpec hello;
    hello.version = version;
    hello.suites = std::move(suites);
    hello.groups = group_offer();
    hello.signature_schemes.assign(kModernSchemes.begin(), kModernSchemes.end());
    hello.server_name = profile_.endpoint.server_name;
    return hello;
  }

  bool usable() const { return profile_.error.empty(); }

  // SSLv2 speaks its own record format; the answer lists every cipher at once.
  bool sslv2() {
    ProtocolSupport support;
    support.version = kSsl2;
    ProbeResult result = send(build_sslv2_client_hello(), kSsl2);
    if (result.status == ProbeStatus::kUnreachable) {
      profile_.protocols.push_back(support);
      return false;
    }
    if (result.status == ProbeStatus::kAnswered && result.flight.version == kSsl2 &&
        !result.flight.sslv2_ciphers.empty()) {
      support.accepted = true;
      support.sslv2_ciphers = result.flight.sslv2_ciphers;
    }
    if (result.status == ProbeStatus::kMalformed) {
      profile_.error.clear();  // many TLS servers answer SSLv2 with garbage or an HTTP error
      profile_.not_tls = false;
    }
    profile_.protocols.push_back(support);
    return true;
  }

  void record_chain(const std::vector<Bytes>& der, std::string offered, std::uint16_t version,
                    std::optional<std::uint16_t> scheme) {
    if (der.empty() || options_.trust == nullptr) {
      return;
    }
    for (const auto& [leaf, index] : seen_leaves_) {
      if (leaf == der.front()) {
        return;
      }
    }
    auto chain = analyze_chain(der, *options_.trust, profile_.endpoint.host, now());
    if (!chain) {
      return;
    }
    seen_leaves_.emplace_back(der.front(), profile_.chains.size());
    profile_.chains.push_back(
        PresentedChain{std::move(offered), version, std::move(*chain), scheme});
  }

  std::time_t now() const { return options_.now != 0 ? options_.now : std::time(nullptr); }

  void note_suite(ProtocolSupport& support, const ServerFlight& flight) {
    AcceptedSuite accepted;
    accepted.code = flight.suite;
    const CipherSuite* suite = find_cipher_suite(flight.suite);
    if (suite != nullptr && !flight.key_exchange.empty() &&
        (suite->key_exchange == KeyExchange::kEcdhe || suite->key_exchange == KeyExchange::kDhe)) {
      if (auto exchange = parse_server_key_exchange(flight.key_exchange,
                                                    suite->key_exchange == KeyExchange::kEcdhe,
                                                    suite->anonymous, flight.version)) {
        if (exchange->elliptic) {
          accepted.group = exchange->group;
        } else {
          accepted.dh_bits = exchange->dh_bits;
        }
        accepted.scheme = exchange->scheme;
        if (exchange->scheme && std::ranges::find(profile_.handshake_schemes, *exchange->scheme) ==
                                    profile_.handshake_schemes.end()) {
          profile_.handshake_schemes.push_back(*exchange->scheme);
        }
      }
    }
    support.suites.push_back(accepted);
    record_chain(flight.certificates, offered_for(suite), flight.version, std::nullopt);
  }

  // Suites of SSLv3 .. TLS 1.2: offer everything, take the server's pick
  // away, repeat until it refuses.
  void legacy(std::uint16_t version) {
    ProtocolSupport support;
    support.version = version;
    std::vector<std::uint16_t> remaining = legacy_suite_offer();
    while (!remaining.empty() && usable()) {
      ProbeResult result = send(spec(version, remaining));
      auto chosen = std::ranges::find(remaining, result.flight.suite);
      if (result.status != ProbeStatus::kAnswered || result.flight.version != version ||
          chosen == remaining.end()) {
        break;
      }
      support.accepted = true;
      note_suite(support, result.flight);
      remaining.erase(chosen);
    }
    if (support.suites.size() >= 2 && usable()) {
      support.server_order = server_order(version, support);
    }
    profile_.protocols.push_back(std::move(support));
  }

  // Offers the accepted suites in reverse: a server with its own preference
  // picks the same first suite again.
  std::optional<bool> server_order(std::uint16_t version, const ProtocolSupport& support) {
    std::vector<std::uint16_t> reversed;
    reversed.reserve(support.suites.size());
    for (auto it = support.suites.rbegin(); it != support.suites.rend(); ++it) {
      reversed.push_back(it->code);
    }
    ClientHelloSpec hello = spec(version, reversed);
    if (version == kTls13) {
      hello.groups = tls13_groups_;
    }
    ProbeResult result = send(hello);
    if (result.status != ProbeStatus::kAnswered) {
      return std::nullopt;
    }
    return result.flight.suite == support.suites.front().code;
  }

  void tls13() {
    ProtocolSupport support;
    support.version = kTls13;
    std::vector<std::uint16_t> remaining(kTls13Suites.begin(), kTls13Suites.end());
    tls13_groups_ = group_offer();
    while (!remaining.empty() && usable()) {
      ProbeResult result = send(spec(kTls13, remaining));
      auto chosen = std::ranges::find(remaining, result.flight.suite);
      if (result.status != ProbeStatus::kAnswered || result.flight.version != kTls13 ||
          chosen == remaining.end()) {
        break;
      }
      support.accepted = true;
      AcceptedSuite accepted;
      accepted.code = result.flight.suite;
      accepted.group = result.flight.group;
      support.suites.push_back(accepted);
      remaining.erase(chosen);
    }
    if (support.accepted) {
      std::vector<std::uint16_t> suites;
      suites.reserve(support.suites.size());
      for (const AcceptedSuite& suite : support.suites) {
        suites.push_back(suite.code);
      }
      std::vector<std::uint16_t> groups_left = group_offer();
      while (!groups_left.empty() && usable()) {
        ClientHelloSpec hello = spec(kTls13, suites);
        hello.groups = groups_left;
        ProbeResult result = send(hello);
        if (result.status != ProbeStatus::kAnswered || !result.flight.group) {
          break;
        }
        auto chosen = std::ranges::find(groups_left, *result.flight.group);
        support.groups.push_back(*result.flight.group);
        if (chosen == groups_left.end()) {
          break;  // the server ignores the client's list
        }
        groups_left.erase(chosen);
      }
      if (support.suites.size() >= 2 && usable()) {
        support.server_order = server_order(kTls13, support);
      }
    }
    profile_.protocols.push_back(std::move(support));
  }

  // ECDHE groups of the newest pre-1.3 version that has ECDHE suites.
  void legacy_groups() {
    for (auto it = profile_.protocols.rbegin(); it != profile_.protocols.rend(); ++it) {
      if (it->version == kTls13 || it->version == kSsl2 || !it->accepted) {
        continue;
      }
      std::vector<std::uint16_t> ecdhe;
      for (const AcceptedSuite& suite : it->suites) {
        const CipherSuite* known = find_cipher_suite(suite.code);
        if (known != nullptr && known->key_exchange == KeyExchange::kEcdhe) {
          ecdhe.push_back(suite.code);
        }
      }
      if (ecdhe.empty()) {
        continue;
      }
      std::vector<std::uint16_t> groups_left = group_offer();
      while (!groups_left.empty() && usable()) {
        ClientHelloSpec hello = spec(it->version, ecdhe);
        hello.groups = groups_left;
        ProbeResult result = send(hello);
        if (result.status != ProbeStatus::kAnswered || result.flight.key_exchange.empty()) {
          break;
        }
        auto exchange = parse_server_key_exchange(result.flight.key_exchange, true,
                                                  find_cipher_suite(result.flight.suite)->anonymous,
                                                  result.flight.version);
        if (!exchange) {
          break;
        }
        it->groups.push_back(exchange->group);
        auto chosen = std::ranges::find(groups_left, exchange->group);
        if (chosen == groups_left.end()) {
          break;
        }
        groups_left.erase(chosen);
      }
      return;
    }
  }

  // Does the server sign its TLS 1.2 handshake with SHA-1 when SHA-1 is all
  // the client offers?
  void handshake_signatures() {
    const ProtocolSupport* tls12 = profile_.protocol(kTls12);
    if (tls12 == nullptr || !tls12->accepted || !usable()) {
      return;
    }
    std::vector<std::uint16_t> signed_suites;
    for (const AcceptedSuite& suite : tls12->suites) {
      const CipherSuite* known = find_cipher_suite(suite.code);
      if (known != nullptr && !known->anonymous &&
          (known->key_exchange == KeyExchange::kEcdhe ||
           known->key_exchange == KeyExchange::kDhe)) {
        signed_suites.push_back(suite.code);
      }
    }
    if (signed_suites.empty()) {
      return;
    }
    ClientHelloSpec hello = spec(kTls12, signed_suites);
    hello.signature_schemes.assign(kSha1Schemes.begin(), kSha1Schemes.end());
    ProbeResult result = send(hello);
    if (result.status != ProbeStatus::kAnswered || result.flight.key_exchange.empty()) {
      return;
    }
    const CipherSuite* suite = find_cipher_suite(result.flight.suite);
    if (suite == nullptr) {
      return;
    }
    if (auto exchange =
            parse_server_key_exchange(result.flight.key_exchange,
                                      suite->key_exchange == KeyExchange::kEcdhe, false, kTls12)) {
      profile_.sha1_only_scheme = exchange->scheme;
    }
  }

  // TLS 1.3 encrypts the certificate: complete real handshakes, one per
  // signature family, to see every certificate the server can choose.
  void tls13_chains() {
    const ProtocolSupport* tls13 = profile_.protocol(kTls13);
    if (tls13 == nullptr || !tls13->accepted || !usable()) {
      return;
    }
    static constexpr std::array<std::pair<const char*, const char*>, 3> kFamilies = {{
        {"RSA",
         "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:rsa_pss_pss_sha256:"
         "rsa_pss_pss_sha384:rsa_pss_pss_sha512"},
        {"ECDSA", "ecdsa_secp256r1_sha256:ecdsa_secp384r1_sha384:ecdsa_secp521r1_sha512"},
        {"EdDSA", "ed25519:ed448"},
    }};
    for (const auto& [family, schemes] : kFamilies) {
      ++profile_.handshakes;
      const auto deadline = std::min(deadline_, Clock::now() + options_.probe_timeout);
      if (auto handshake = tls13_handshake(profile_.endpoint, schemes, deadline)) {
        record_chain(handshake->chain, family, kTls13, handshake->scheme);
        for (PresentedChain& chain : profile_.chains) {
          if (chain.version == kTls13 && chain.offered == family) {
            chain.scheme = handshake->scheme;
          }
        }
        tls13_schemes_seen(handshake->scheme, handshake->chain);
      }
    }
  }

  // A TLS 1.3 chain already seen over TLS 1.2 still tells which scheme 1.3 signs with.
  void tls13_schemes_seen(std::optional<std::uint16_t> scheme, const std::vector<Bytes>& chain) {
    if (!scheme || chain.empty()) {
      return;
    }
    for (const auto& [leaf, index] : seen_leaves_) {
      if (leaf == chain.front() && !profile_.chains[index].scheme) {
        profile_.chains[index].scheme = scheme;
      }
    }
  }

  const ScanOptions& options_;
  Clock::time_point deadline_;
  TlsProfile profile_;
  bool answered_ = false;  // some probe got bytes back (an answer, an alert, anything)
  std::vector<std::uint16_t> tls13_groups_;
  std::vector<std::pair<Bytes, std::size_t>> seen_leaves_;
};

}  // namespace

const ProtocolSupport* TlsProfile::protocol(std::uint16_t version) const {
  auto found = std::ranges::find(protocols, version, &ProtocolSupport::version);
  return found == protocols.end() ? nullptr : &*found;
}

TlsProfile scan_endpoint(const Endpoint& endpoint, const ScanOptions& options) {
  return Scan(endpoint, options).run();
}

}  // namespace etguard::tls
