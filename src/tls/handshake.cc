#include "tls/handshake.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>

namespace etguard::tls {
namespace {

constexpr std::uint8_t kContentAlert = 21;
constexpr std::uint8_t kContentHandshake = 22;
constexpr std::uint8_t kContentApplicationData = 23;
constexpr std::uint8_t kContentChangeCipherSpec = 20;

constexpr std::uint8_t kServerHello = 2;
constexpr std::uint8_t kCertificate = 11;
constexpr std::uint8_t kServerKeyExchange = 12;
constexpr std::uint8_t kServerHelloDone = 14;

constexpr std::uint16_t kExtServerName = 0;
constexpr std::uint16_t kExtSupportedGroups = 10;
constexpr std::uint16_t kExtPointFormats = 11;
constexpr std::uint16_t kExtSignatureAlgorithms = 13;
constexpr std::uint16_t kExtSupportedVersions = 43;
constexpr std::uint16_t kExtKeyShare = 51;
constexpr std::uint16_t kExtRenegotiationInfo = 0xFF01;

constexpr std::size_t kMaxRecord = 16384 + 2048;
constexpr std::size_t kMaxFlight = std::size_t{256} * 1024;

// SHA-256("HelloRetryRequest"), the ServerHello.random of a HelloRetryRequest (RFC 8446 4.1.3).
constexpr std::array<std::uint8_t, 32> kRetryRandom = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

// SSLv2 cipher kinds (RFC-less SSLv2 spec, appendix A).
constexpr std::array<std::uint32_t, 7> kSslv2Ciphers = {0x010080, 0x020080, 0x030080, 0x040080,
                                                        0x050080, 0x060040, 0x0700C0};

void random_bytes(ByteWriter& out, std::size_t count) {
  std::array<std::uint8_t, 32> buffer{};
  if (RAND_bytes(buffer.data(), static_cast<int>(count)) != 1) {
    buffer.fill(0x5A);
  }
  out.append(std::span(buffer).first(count));
}

void add_extension(ByteWriter& out, std::uint16_t type, auto&& body) {
  out.u16(type);
  const std::size_t mark = out.begin_length(2);
  body(out);
  out.end_length(mark);
}

void add_code_list(ByteWriter& out, const std::vector<std::uint16_t>& codes) {
  const std::size_t mark = out.begin_length(2);
  for (std::uint16_t code : codes) {
    out.u16(code);
  }
  out.end_length(mark);
}

}  // namespace

std::string version_name(std::uint16_t version) {
  switch (version) {
    case kSsl2:
      return "SSLv2";
    case kSsl3:
      return "SSLv3";
    case kTls10:
      return "TLSv1.0";
    case kTls11:
      return "TLSv1.1";
    case kTls12:
      return "TLSv1.2";
    case kTls13:
      return "TLSv1.3";
    default:
      return fmt::format("0x{:04X}", version);
  }
}

Bytes build_client_hello(const ClientHelloSpec& spec) {
  const bool tls13 = spec.version >= kTls13;
  ByteWriter out;
  out.u8(kContentHandshake);
  out.u16(spec.version == kSsl3 ? kSsl3 : kTls10);
  const std::size_t record = out.begin_length(2);
  out.u8(1);  // client_hello
  const std::size_t message = out.begin_length(3);
  out.u16(tls13 ? kTls12 : spec.version);
  random_bytes(out, 32);
  out.u8(tls13 ? 32 : 0);
  if (tls13) {
    random_bytes(out, 32);
  }
  add_code_list(out, spec.suites);
  out.u8(1);  // compression methods: null only
  out.u8(0);
  if (spec.version > kSsl3) {
    const std::size_t extensions = out.begin_length(2);
    if (!spec.server_name.empty()) {
      add_extension(out, kExtServerName, [&](ByteWriter& ext) {
        const std::size_t list = ext.begin_length(2);
        ext.u8(0);  // host_name
        const std::size_t name = ext.begin_length(2);
        ext.append(std::span(reinterpret_cast<const std::uint8_t*>(spec.server_name.data()),
                             spec.server_name.size()));
        ext.end_length(name);
        ext.end_length(list);
      });
    }
    if (!spec.groups.empty()) {
      add_extension(out, kExtSupportedGroups,
                    [&](ByteWriter& ext) { add_code_list(ext, spec.groups); });
      add_extension(out, kExtPointFormats, [](ByteWriter& ext) {
        ext.u8(1);
        ext.u8(0);  // uncompressed
      });
    }
    if (spec.version >= kTls12 && !spec.signature_schemes.empty()) {
      add_extension(out, kExtSignatureAlgorithms,
                    [&](ByteWriter& ext) { add_code_list(ext, spec.signature_schemes); });
    }
    if (tls13) {
      add_extension(out, kExtSupportedVersions, [](ByteWriter& ext) {
        ext.u8(2);
        ext.u16(kTls13);
      });
      add_extension(out, kExtKeyShare,
                    [](ByteWriter& ext) { ext.u16(0); });  // no shares: ask for HRR
    } else {
      add_extension(out, kExtRenegotiationInfo, [](ByteWriter& ext) { ext.u8(0); });
    }
    out.end_length(extensions);
  }
  out.end_length(message);
  out.end_length(record);
  return out.take();
}

Bytes build_sslv2_client_hello() {
  ByteWriter body;
  body.u8(1);  // CLIENT-HELLO
  body.u16(kSsl2);
  body.u16(static_cast<std::uint32_t>(kSslv2Ciphers.size() * 3));
  body.u16(0);   // session id length
  body.u16(16);  // challenge length
  for (std::uint32_t kind : kSslv2Ciphers) {
    body.u24(kind);
  }
  random_bytes(body, 16);
  ByteWriter out;
  out.u16(0x8000U | static_cast<std::uint32_t>(body.bytes().size()));
  out.append(body.bytes());
  return out.take();
}

void FlightParser::set_error(std::string message) {
  if (!error_) {
    error_ = std::move(message);
  }
  complete_ = true;
}

void FlightParser::feed(std::span<const std::uint8_t> data) {
  if (complete_) {
    return;
  }
  input_.insert(input_.end(), data.begin(), data.end());
  if (input_.size() > kMaxFlight) {
    set_error("server flight exceeds 256 KiB");
    return;
  }
  if (offered_version_ == kSsl2) {
    parse_sslv2();
  } else {
    parse_records();
  }
}

void FlightParser::parse_sslv2() {
  if (input_.size() < 2) {
    return;
  }
  if ((input_[0] & 0x80U) == 0) {
    // A TLS record (usually an alert): the server does not speak SSLv2.
    if (input_[0] == kContentAlert && input_.size() >= 7) {
      flight_.alert = input_[6];
    }
    complete_ = true;
    return;
  }
  const std::size_t length = ((input_[0] & 0x7FU) << 8U) | input_[1];
  if (input_.size() < 2 + length) {
    return;
  }
  ByteReader reader(std::span<const std::uint8_t>(input_).subspan(2, length));
  const std::uint32_t type = reader.u8();
  if (type != 4) {  // SERVER-HELLO; anything else (ERROR) means no
    complete_ = true;
    return;
  }
  reader.u8();  // session id hit
  reader.u8();  // certificate type
  const std::uint32_t version = reader.u16();
  const std::uint32_t certificate_length = reader.u16();
  const std::uint32_t specs_length = reader.u16();
  reader.u16();  // connection id length
  auto certificate = reader.take(certificate_length);
  ByteReader specs(reader.take(specs_length));
  if (!reader.ok() || specs_length % 3 != 0) {
    set_error("malformed SSLv2 SERVER-HELLO");
    return;
  }
  flight_.server_hello = true;
  flight_.version = static_cast<std::uint16_t>(version == kSsl2 ? kSsl2 : version);
  if (!certificate.empty()) {
    flight_.certificates.emplace_back(certificate.begin(), certificate.end());
  }
  while (!specs.empty()) {
    flight_.sslv2_ciphers.push_back(specs.u24());
  }
  complete_ = true;
}

void FlightParser::parse_records() {
  std::size_t position = 0;
  while (!complete_ && input_.size() - position >= 5) {
    const std::uint8_t type = input_[position];
    const std::size_t length = (std::size_t{input_[position + 3]} << 8U) | input_[position + 4];
    if (input_[position + 1] != 3 && input_[position + 1] != 2) {
      set_error(fmt::format("byte {}: not a TLS record (version byte 0x{:02X})", position,
                            input_[position + 1]));
      return;
    }
    if (length > kMaxRecord) {
      set_error(fmt::format("byte {}: record length {} exceeds the maximum", position, length));
      return;
    }
    if (input_.size() - position - 5 < length) {
      break;
    }
    auto body = std::span(input_).subspan(position + 5, length);
    position += 5 + length;
    switch (type) {
      case kContentAlert:
        if (body.size() >= 2) {
          flight_.alert = body[1];
        }
        complete_ = true;
        break;
      case kContentHandshake:
        handshake_.insert(handshake_.end(), body.begin(), body.end());
        parse_handshake_messages();
        break;
      case kContentChangeCipherSpec:
        break;
      case kContentApplicationData:
        complete_ = true;  // encrypted from here on
        break;
      default:
        set_error(fmt::format("unexpected record type {}", type));
        return;
    }
  }
  input_.erase(input_.begin(), input_.begin() + static_cast<std::ptrdiff_t>(position));
}

void FlightParser::parse_handshake_messages() {
  std::size_t position = 0;
  while (!complete_ && handshake_.size() - position >= 4) {
    const std::uint8_t type = handshake_[position];
    const std::size_t length = (std::size_t{handshake_[position + 1]} << 16U) |
                               (std::size_t{handshake_[position + 2]} << 8U) |
                               handshake_[position + 3];
    if (handshake_.size() - position - 4 < length) {
      break;
    }
    parse_message(type, std::span(handshake_).subspan(position + 4, length));
    position += 4 + length;
  }
  handshake_.erase(handshake_.begin(), handshake_.begin() + static_cast<std::ptrdiff_t>(position));
}

void FlightParser::parse_message(std::uint8_t type, std::span<const std::uint8_t> body) {
  if (!flight_.server_hello && type != kServerHello) {
    set_error(fmt::format("handshake message {} before ServerHello", type));
    return;
  }
  switch (type) {
    case kServerHello:
      parse_server_hello(body);
      break;
    case kCertificate:
      parse_certificates(body);
      break;
    case kServerKeyExchange:
      flight_.key_exchange.assign(body.begin(), body.end());
      break;
    case kServerHelloDone:
      flight_.done = true;
      complete_ = true;
      break;
    default:
      break;  // CertificateStatus, CertificateRequest: not needed
  }
}

void FlightParser::parse_server_hello(std::span<const std::uint8_t> body) {
  ByteReader reader(body);
  flight_.version = static_cast<std::uint16_t>(reader.u16());
  auto random = reader.take(32);
  reader.block(1);  // session id
  flight_.suite = static_cast<std::uint16_t>(reader.u16());
  reader.u8();  // compression
  if (!reader.ok()) {
    set_error("truncated ServerHello");
    return;
  }
  flight_.server_hello = true;
  flight_.hello_retry = std::ranges::equal(random, kRetryRandom);
  if (!reader.empty()) {
    ByteReader extensions = reader.sub(2);
    while (extensions.ok() && !extensions.empty()) {
      const std::uint32_t type = extensions.u16();
      ByteReader data = extensions.sub(2);
      if (type == kExtSupportedVersions) {
        flight_.version = static_cast<std::uint16_t>(data.u16());
      } else if (type == kExtKeyShare) {
        flight_.group = static_cast<std::uint16_t>(data.u16());
      }
    }
    if (!extensions.ok()) {
      set_error("malformed ServerHello extensions");
      return;
    }
  }
  if (flight_.version >= kTls13) {
    complete_ = true;  // everything after ServerHello is encrypted
  }
}

void FlightParser::parse_certificates(std::span<const std::uint8_t> body) {
  ByteReader reader(body);
  ByteReader list = reader.sub(3);
  while (list.ok() && !list.empty()) {
    auto der = list.block(3);
    if (list.ok()) {
      flight_.certificates.emplace_back(der.begin(), der.end());
    }
  }
  if (!list.ok()) {
    set_error("malformed Certificate message");
  }
}

std::optional<ServerKeyExchange> parse_server_key_exchange(std::span<const std::uint8_t> body,
                                                           bool elliptic, bool anonymous,
                                                           std::uint16_t version) {
  ByteReader reader(body);
  ServerKeyExchange exchange;
  exchange.elliptic = elliptic;
  if (elliptic) {
    if (reader.u8() != 3) {  // named_curve; explicit curves are not supported by anyone today
      return std::nullopt;
    }
    exchange.group = static_cast<std::uint16_t>(reader.u16());
    reader.block(1);
  } else {
    auto prime = reader.block(2);
    std::size_t leading = 0;
    while (leading < prime.size() && prime[leading] == 0) {
      ++leading;
    }
    int bits = static_cast<int>(prime.size() - leading) * 8;
    if (leading < prime.size()) {
      for (std::uint8_t top = prime[leading]; (top & 0x80U) == 0;
           top = static_cast<std::uint8_t>(top << 1U)) {
        --bits;
      }
    }
    exchange.dh_bits = bits;
    reader.block(2);  // generator
    reader.block(2);  // public value
  }
  if (!anonymous && version >= kTls12) {
    exchange.scheme = static_cast<std::uint16_t>(reader.u16());
  }
  if (!reader.ok()) {
    return std::nullopt;
  }
  return exchange;
}

}  // namespace etguard::tls
