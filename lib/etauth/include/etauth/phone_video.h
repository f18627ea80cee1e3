// Chapter 7: telephone and video channels.
//
// Art. 39 — voice passwords for phone trading: the initial value is drawn
// from the CSPRNG, is stored like any password (Argon2id + HSM pepper),
// expires, and must be changed at its first use. The caller's number is
// recorded with the call (the audit trail) but never decides anything: it can
// be spoofed.
//
// Art. 40 — video verification (remote account opening, unlocks): a session
// can only be approved after a liveness challenge of questions drawn at
// random for that session, answered within a short time, and an extra check
// bound to the same session (an OTP to the registered device, a call-back to
// the registered number, or a comparison with the ID photo). The recorded
// media is kept encrypted with a signed manifest of its digest.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "etauth/audit.h"
#include "etauth/crypto.h"
#include "etauth/environment.h"
#include "etauth/error.h"
#include "etauth/password.h"

namespace etauth {

struct VoicePassword {
  std::string initial;  // to tell the customer once (letter, SMS); not stored
  std::string record;   // what the account store keeps
  std::chrono::sys_seconds expires{};
};

// `digits` from 6 to 12; `validity` how long the initial value may be used.
Result<VoicePassword> issue_voice_password(PasswordHasher& hasher, Random& random,
                                           std::chrono::sys_seconds now,
                                           std::chrono::days validity = std::chrono::days(7),
                                           int digits = 6);

struct VoicePasswordState {
  std::string record;
  std::chrono::sys_seconds expires{};
  bool initial = true;  // not changed since it was issued
};

struct VoiceCheck {
  bool matches = false;
  bool must_change = false;  // the initial value: the call may only change it
};

// kPolicy when the initial value has expired (a new one must be issued).
Result<VoiceCheck> check_voice_password(PasswordHasher& hasher, const VoicePasswordState& state,
                                        std::string_view spoken, std::chrono::sys_seconds now);

// Records a phone-trading call on the audit trail with the caller's number.
// The number is evidence for later review, never an authenticator: nothing in
// etauth accepts it as one.
Status record_phone_call(AuditLog& audit, std::string_view user, std::string_view caller_number,
                         std::chrono::sys_seconds at);

enum class ExtraCheck { kOtpToRegisteredDevice, kCallBack, kIdPhotoComparison };

class VideoSession {
 public:
  struct Settings {
    std::size_t questions = 3;                // drawn from the bank for each session
    std::chrono::seconds answer_within{120};  // liveness must be shown this soon
    double photo_match_threshold = 0.8;       // ID-photo comparison score to pass
  };

  // Starts a session with a random id and a random draw from `bank` (at least
  // twice `settings.questions` questions, so a draw cannot be guessed).
  static Result<VideoSession> start(Random& random, std::span<const std::string> bank,
                                    std::chrono::sys_seconds now, Settings settings);
  static Result<VideoSession> start(Random& random, std::span<const std::string> bank,
                                    std::chrono::sys_seconds now) {
    return start(random, bank, now, Settings{});
  }

  const std::string& id() const { return id_; }
  const std::vector<std::string>& questions() const { return questions_; }

  // The operator's record that every question was answered live; kPolicy
  // after the time allowed, or when the answers are for another session.
  Status record_liveness(std::string_view session_id, std::size_t answered,
                         std::chrono::sys_seconds now);
  // An extra check done for this session. `detail`: the OTP step, the number
  // called back (from the registered record, never the caller's), or the
  // comparison score as text; `score` for a photo comparison.
  Status record_extra_check(std::string_view session_id, ExtraCheck kind, std::string detail,
                            double score = 0);
  // kPolicy unless liveness and an extra check are both recorded.
  Status approve() const;

 private:
  VideoSession() = default;
  std::string id_;
  std::vector<std::string> questions_;
  std::chrono::sys_seconds started_{};
  Settings settings_;
  bool live_ = false;
  std::optional<ExtraCheck> extra_;
  std::string extra_detail_;
};

// Recorded media, encrypted, with the manifest signed by the firm.
struct SealedRecording {
  Bytes ciphertext;  // AES-256-GCM, IV first
  Bytes manifest;    // "etauth-recording-1\n<session id>\n<sha256 hex of the media>\n"
  Bytes signature;   // ECDSA P-256 over the manifest
};

Result<SealedRecording> seal_recording(std::string_view session_id,
                                       std::span<const std::uint8_t> media, GcmKey& key,
                                       const PrivateKey& signer, Random& random);
// The media back, after checking the signature, the decryption and the digest.
Result<Bytes> open_recording(const SealedRecording& recording, GcmKey& key,
                             const PublicKey& signer);

}  // namespace etauth
