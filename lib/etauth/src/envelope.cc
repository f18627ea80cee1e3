#include "etauth/envelope.h"

#include <algorithm>

#include "bytes.h"

namespace etauth {
namespace {

constexpr std::array<std::uint8_t, 4> kMagic{'E', 'T', 'E', '1'};
constexpr std::size_t kMaxKeyId = 64;  // detail::valid_key_id's bound

std::uint64_t get64(std::span<const std::uint8_t> in) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    value = (value << 8U) | in[i];
  }
  return value;
}

Bytes header_bytes(const EnvelopeHeader& header) {
  Bytes out(kMagic.begin(), kMagic.end());
  out.push_back(static_cast<std::uint8_t>(header.key_id.size()));
  out.append(reinterpret_cast<const std::uint8_t*>(header.key_id.data()), header.key_id.size());
  detail::put_be64(out, header.channel);
  detail::put_be64(out, header.sequence);
  out.append(header.nonce.begin(), header.nonce.end());
  detail::put_be64(out, static_cast<std::uint64_t>(header.timestamp_ms));
  return out;
}

}  // namespace

Result<Bytes> seal_envelope(GcmKey& key, EnvelopeHeader header,
                            std::span<const std::uint8_t> plaintext, Random& random) {
  if (!detail::valid_key_id(header.key_id)) {
    return error(Errc::kInvalidArgument, "envelope key id: 1 to 64 of A-Z a-z 0-9 . _ -");
  }
  if (auto filled = random.fill(header.nonce); !filled) {
    return std::unexpected(filled.error());
  }
  Bytes out = header_bytes(header);
  const Bytes aad = out;  // seal() appends to `out`, so the data it authenticates is a copy
  if (auto sealed = key.seal(std::span(header.nonce).first(kGcmIvBytes), aad, plaintext, out);
      !sealed) {
    return std::unexpected(sealed.error());
  }
  return out;
}

Result<std::pair<EnvelopeHeader, std::size_t>> parse_envelope_header(
    std::span<const std::uint8_t> envelope) {
  const auto bad = [](const char* what) {
    return error(Errc::kInvalidArgument, std::string("envelope: ") + what);
  };
  if (envelope.size() < kMagic.size() + 1 ||
      !std::equal(kMagic.begin(), kMagic.end(), envelope.begin())) {
    return bad("not an ETE1 envelope");
  }
  const std::size_t id_size = envelope[kMagic.size()];
  const std::size_t fixed = kMagic.size() + 1 + id_size + 8 + 8 + 16 + 8;
  if (id_size == 0 || id_size > kMaxKeyId) {
    return bad("key id length");
  }
  if (envelope.size() < fixed + kGcmTagBytes) {
    return bad("shorter than its header and tag");
  }
  EnvelopeHeader header;
  std::size_t at = kMagic.size() + 1;
  header.key_id.assign(reinterpret_cast<const char*>(envelope.data() + at), id_size);
  if (!detail::valid_key_id(header.key_id)) {
    return bad("key id characters");
  }
  at += id_size;
  header.channel = get64(envelope.subspan(at));
  at += 8;
  header.sequence = get64(envelope.subspan(at));
  at += 8;
  std::copy_n(envelope.begin() + static_cast<std::ptrdiff_t>(at), 16, header.nonce.begin());
  at += 16;
  header.timestamp_ms = static_cast<std::int64_t>(get64(envelope.subspan(at)));
  at += 8;
  return std::pair{std::move(header), at};
}

Result<OpenedEnvelope> open_envelope(std::span<const std::uint8_t> envelope,
                                     const EnvelopeKeys& keys, ReplayGuard& guard,
                                     std::int64_t now_ms) {
  auto parsed = parse_envelope_header(envelope);
  if (!parsed) {
    return std::unexpected(parsed.error());
  }
  auto& [header, body] = *parsed;
  GcmKey* key = keys(header.key_id);
  if (key == nullptr) {
    return error(Errc::kNotFound, "envelope: unknown key id");
  }
  OpenedEnvelope opened;
  if (auto ok = key->open(std::span(header.nonce).first(kGcmIvBytes), envelope.first(body),
                          envelope.subspan(body), opened.plaintext);
      !ok) {
    return std::unexpected(ok.error());
  }
  // Only an authentic message may advance the channel's sequence.
  switch (guard.check(header.channel, header.sequence, header.timestamp_ms, now_ms)) {
    case Freshness::kFresh:
      break;
    case Freshness::kRepeated:
      return error(Errc::kReplay, "envelope: sequence number not above the channel's last");
    case Freshness::kStale:
      return error(Errc::kReplay, "envelope: timestamp outside the allowed skew");
    case Freshness::kOverloaded:
      return error(Errc::kReplay, "envelope: too many active channels");
    case Freshness::kUnavailable:
      return error(Errc::kStorage, "envelope: the shared replay store could not be asked");
  }
  opened.header = std::move(header);
  return opened;
}

}  // namespace etauth
