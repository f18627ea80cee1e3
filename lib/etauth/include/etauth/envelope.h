// The message envelope of Art. 34: confidentiality (AES-GCM), integrity and
// source authentication (the GCM tag under a key shared with that source),
// and non-replay (key id, channel, sequence number, a 128-bit nonce and the
// timestamp are all inside the authenticated data, checked by the replay
// guard once the message has authenticated). Non-repudiation adds a
// signature over the whole envelope with the sender's own key (crypto.h).
//
//   "ETE1" | key id length (1) | key id | channel (8) | sequence (8)
//         | nonce (16) | timestamp ms (8, signed) | ciphertext | tag (16)
//
// Integers are big-endian; everything before the ciphertext is the
// authenticated data; the GCM IV is the nonce's first 96 bits (a random
// nonce per message: rotate a key well before 2^32 messages).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "etauth/crypto.h"
#include "etauth/environment.h"
#include "etauth/error.h"
#include "etauth/replay_guard.h"

namespace etauth {

struct EnvelopeHeader {
  std::string key_id;  // 1 to 64 of A-Z a-z 0-9 . _ -
  std::uint64_t channel = 0;
  std::uint64_t sequence = 0;
  std::array<std::uint8_t, 16> nonce{};
  std::int64_t timestamp_ms = 0;
};

// Seals `plaintext` under `key` (the key named header.key_id); the nonce is
// drawn from `random`.
Result<Bytes> seal_envelope(GcmKey& key, EnvelopeHeader header,
                            std::span<const std::uint8_t> plaintext, Random& random);

// The header and where the ciphertext starts; kInvalidArgument naming what
// is malformed.
Result<std::pair<EnvelopeHeader, std::size_t>> parse_envelope_header(
    std::span<const std::uint8_t> envelope);

struct OpenedEnvelope {
  EnvelopeHeader header;
  Bytes plaintext;
};

// The key for a key id, from the host's key store; kNotFound when unknown.
using EnvelopeKeys = std::function<GcmKey*(const std::string& key_id)>;

// Parses, authenticates (kBadCredential), then asks the replay guard
// (kReplay for a repeat, a stale timestamp or a reordered sequence).
Result<OpenedEnvelope> open_envelope(std::span<const std::uint8_t> envelope,
                                     const EnvelopeKeys& keys, ReplayGuard& guard,
                                     std::int64_t now_ms);

}  // namespace etauth
