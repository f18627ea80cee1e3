#include "etauth/phone_video.h"

#include <openssl/evp.h>

#include <algorithm>
#include <numeric>

#include "bytes.h"

namespace etauth {
namespace {

// A uniform value below `bound` from `random` (rejection sampling, no modulo bias).
Result<std::uint32_t> uniform(Random& random, std::uint32_t bound) {
  const std::uint32_t limit = UINT32_MAX - UINT32_MAX % bound;
  for (;;) {
    std::array<std::uint8_t, 4> bytes{};
    if (auto filled = random.fill(bytes); !filled) {
      return std::unexpected(filled.error());
    }
    const std::uint32_t value = (std::uint32_t{bytes[0]} << 24U) |
                                (std::uint32_t{bytes[1]} << 16U) | (std::uint32_t{bytes[2]} << 8U) |
                                std::uint32_t{bytes[3]};
    if (value < limit) {
      return value % bound;
    }
  }
}

Bytes manifest_for(std::string_view session_id, std::span<const std::uint8_t> media) {
  const std::string text = "etauth-recording-1\n" + std::string(session_id) + "\n" +
                           detail::hex(detail::sha256(media)) + "\n";
  return Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

}  // namespace

Result<VoicePassword> issue_voice_password(PasswordHasher& hasher, Random& random,
                                           std::chrono::sys_seconds now, std::chrono::days validity,
                                           int digits) {
  if (digits < 6 || digits > 12) {
    return error(Errc::kInvalidArgument, "a voice password has 6 to 12 digits");
  }
  VoicePassword issued;
  for (int i = 0; i < digits; ++i) {
    auto digit = uniform(random, 10);
    if (!digit) {
      return std::unexpected(digit.error());
    }
    issued.initial += static_cast<char>('0' + *digit);
  }
  auto record = hasher.hash(issued.initial);
  if (!record) {
    return std::unexpected(record.error());
  }
  issued.record = std::move(*record);
  issued.expires = now + validity;
  return issued;
}

Result<VoiceCheck> check_voice_password(PasswordHasher& hasher, const VoicePasswordState& state,
                                        std::string_view spoken, std::chrono::sys_seconds now) {
  if (state.initial && now > state.expires) {
    return error(Errc::kPolicy, "the initial voice password has expired; issue a new one");
  }
  auto checked = hasher.verify(spoken, state.record);
  if (!checked) {
    return std::unexpected(checked.error());
  }
  return VoiceCheck{checked->matches, checked->matches && state.initial};
}

Status record_phone_call(AuditLog& audit, std::string_view user, std::string_view caller_number,
                         std::chrono::sys_seconds at) {
  auto appended = audit.append(
      {AuditKind::kLogin, std::string(user), std::string(user),
       "phone call from " + std::string(caller_number) + " (recorded; not used to authenticate)",
       at});
  if (!appended) {
    return std::unexpected(appended.error());
  }
  return {};
}

Result<VideoSession> VideoSession::start(Random& random, std::span<const std::string> bank,
                                         std::chrono::sys_seconds now, Settings settings) {
  if (settings.questions == 0 || bank.size() < 2 * settings.questions) {
    return error(Errc::kInvalidArgument,
                 "the question bank needs at least twice as many questions as are asked");
  }
  VideoSession session;
  std::array<std::uint8_t, 16> id{};
  if (auto filled = random.fill(id); !filled) {
    return std::unexpected(filled.error());
  }
  session.id_ = detail::hex(id);
  // A random draw: a partial Fisher-Yates shuffle of the bank's indexes.
  std::vector<std::size_t> order(bank.size());
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t i = 0; i < settings.questions; ++i) {
    auto pick = uniform(random, static_cast<std::uint32_t>(order.size() - i));
    if (!pick) {
      return std::unexpected(pick.error());
    }
    std::swap(order[i], order[i + *pick]);
    session.questions_.push_back(bank[order[i]]);
  }
  session.started_ = now;
  session.settings_ = settings;
  return session;
}

Status VideoSession::record_liveness(std::string_view session_id, std::size_t answered,
                                     std::chrono::sys_seconds now) {
  if (session_id != id_) {
    return error(Errc::kPolicy, "the liveness answers belong to another session");
  }
  if (now - started_ > settings_.answer_within) {
    return error(Errc::kPolicy, "the liveness challenge was answered too late");
  }
  if (answered != questions_.size()) {
    return error(Errc::kPolicy, "every question of the challenge must be answered");
  }
  live_ = true;
  return {};
}

Status VideoSession::record_extra_check(std::string_view session_id, ExtraCheck kind,
                                        std::string detail, double score) {
  if (session_id != id_) {
    return error(Errc::kPolicy, "the extra check belongs to another session");
  }
  if (detail.empty()) {
    return error(Errc::kInvalidArgument,
                 "an extra check needs its record (OTP step, number, score)");
  }
  if (kind == ExtraCheck::kIdPhotoComparison && score < settings_.photo_match_threshold) {
    return error(Errc::kPolicy, "the face does not match the ID photo well enough");
  }
  extra_ = kind;
  extra_detail_ = std::move(detail);
  return {};
}

Status VideoSession::approve() const {
  if (!live_) {
    return error(Errc::kPolicy, "no liveness challenge was passed in this session");
  }
  if (!extra_) {
    return error(
        Errc::kPolicy,
        "video alone is not enough: an OTP, a call-back or an ID-photo comparison is needed");
  }
  return {};
}

Result<SealedRecording> seal_recording(std::string_view session_id,
                                       std::span<const std::uint8_t> media, GcmKey& key,
                                       const PrivateKey& signer, Random& random) {
  SealedRecording sealed;
  Bytes iv(kGcmIvBytes, 0);
  if (auto filled = random.fill(iv); !filled) {
    return std::unexpected(filled.error());
  }
  sealed.manifest = manifest_for(session_id, media);
  sealed.ciphertext = iv;
  if (auto ok = key.seal(iv, sealed.manifest, media, sealed.ciphertext); !ok) {
    return std::unexpected(ok.error());
  }
  auto signature = signer.sign(SignatureScheme::kEcdsaP256Sha256, sealed.manifest);
  if (!signature) {
    return std::unexpected(signature.error());
  }
  sealed.signature = std::move(*signature);
  return sealed;
}

Result<Bytes> open_recording(const SealedRecording& recording, GcmKey& key,
                             const PublicKey& signer) {
  if (auto signed_by =
          signer.verify(SignatureScheme::kEcdsaP256Sha256, recording.manifest, recording.signature);
      !signed_by) {
    return std::unexpected(signed_by.error());
  }
  if (recording.ciphertext.size() < kGcmIvBytes) {
    return error(Errc::kBadCredential, "the recording is truncated");
  }
  const std::span<const std::uint8_t> all(recording.ciphertext);
  Bytes media;
  if (auto ok =
          key.open(all.first(kGcmIvBytes), recording.manifest, all.subspan(kGcmIvBytes), media);
      !ok) {
    return std::unexpected(ok.error());
  }
  // The manifest is the GCM's authenticated data, and names the digest too.
  const std::string text(recording.manifest.begin(), recording.manifest.end());
  const std::size_t first = text.find('\n');
  const std::size_t second = text.find('\n', first + 1);
  if (first == std::string::npos || second == std::string::npos ||
      manifest_for(text.substr(first + 1, second - first - 1), media) != recording.manifest) {
    return error(Errc::kBadCredential, "the recording does not match its manifest");
  }
  return media;
}

}  // namespace etauth
