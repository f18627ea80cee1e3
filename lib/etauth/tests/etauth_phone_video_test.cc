// Chapter 7: voice passwords (random, stored like passwords, changed at first
// use, expiring) and video verification (random liveness questions in time,
// an extra check bound to the session, media sealed under a signed manifest).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "etauth/phone_video.h"
#include "test_support.h"

namespace etauth {
namespace {

using testing::SoftwareHsm;

using std::chrono::days;
using std::chrono::seconds;

const std::chrono::sys_seconds kNow{seconds(1'800'000'000)};

TEST(VoicePassword, RandomStoredLikeAPasswordChangedAtFirstUseAndExpiring) {
  SoftwareHsm hsm;
  SystemRandom random;
  auto hasher = PasswordHasher::create(hsm, random, Argon2Params{64, 1, 1}, "pepper-1").value();
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    const VoicePassword issued = issue_voice_password(hasher, random, kNow).value();
    EXPECT_EQ(issued.initial.size(), 6U);
    EXPECT_TRUE(std::ranges::all_of(issued.initial, [](char c) { return c >= '0' && c <= '9'; }));
    EXPECT_EQ(issued.record.find(issued.initial), std::string::npos);  // not stored as is
    seen.insert(issued.initial);
  }
  EXPECT_GT(seen.size(), 15U);  // random, not a fixed initial value
  const VoicePassword issued = issue_voice_password(hasher, random, kNow, days(7), 8).value();
  VoicePasswordState state{issued.record, issued.expires, true};
  const auto first = check_voice_password(hasher, state, issued.initial, kNow + days(1)).value();
  EXPECT_TRUE(first.matches);
  EXPECT_TRUE(first.must_change);
  EXPECT_FALSE(check_voice_password(hasher, state, "00000000", kNow)->matches);
  EXPECT_EQ(check_voice_password(hasher, state, issued.initial, kNow + days(8)).error().code,
            Errc::kPolicy);
  state = {hasher.hash("73915226").value(), {}, false};  // the customer's own, after the change
  const auto later = check_voice_password(hasher, state, "73915226", kNow + days(400)).value();
  EXPECT_TRUE(later.matches);
  EXPECT_FALSE(later.must_change);
  EXPECT_EQ(issue_voice_password(hasher, random, kNow, days(7), 4).error().code,
            Errc::kInvalidArgument);
}

std::vector<std::string> bank() {
  return {"turn your head left",
          "blink twice",
          "read these digits: 4 7 1",
          "raise your right hand",
          "say today's date",
          "look up",
          "smile",
          "cover one eye"};
}

TEST(VideoSession, ApprovedOnlyWithLivenessInTimeAndAnExtraCheckOfThisSession) {
  SystemRandom random;
  const auto questions = bank();
  VideoSession session = VideoSession::start(random, questions, kNow).value();
  ASSERT_EQ(session.questions().size(), 3U);
  const std::set<std::string> distinct(session.questions().begin(), session.questions().end());
  EXPECT_EQ(distinct.size(), 3U);
  EXPECT_EQ(session.approve().error().code, Errc::kPolicy);  // video alone

  EXPECT_EQ(session.record_liveness("another-session", 3, kNow + seconds(30)).error().code,
            Errc::kPolicy);
  EXPECT_EQ(session.record_liveness(session.id(), 2, kNow + seconds(30)).error().code,
            Errc::kPolicy);
  ASSERT_TRUE(session.record_liveness(session.id(), 3, kNow + seconds(30)).has_value());
  EXPECT_EQ(session.approve().error().code, Errc::kPolicy);  // liveness is not enough either

  EXPECT_EQ(session.record_extra_check(session.id(), ExtraCheck::kIdPhotoComparison, "score", 0.55)
                .error()
                .code,
            Errc::kPolicy);
  EXPECT_EQ(session.record_extra_check("another-session", ExtraCheck::kCallBack, "+886-2-1234")
                .error()
                .code,
            Errc::kPolicy);
  ASSERT_TRUE(
      session.record_extra_check(session.id(), ExtraCheck::kOtpToRegisteredDevice, "step 600001")
          .has_value());
  EXPECT_TRUE(session.approve().has_value());

  VideoSession late = VideoSession::start(random, questions, kNow).value();
  EXPECT_EQ(late.record_liveness(late.id(), 3, kNow + seconds(121)).error().code, Errc::kPolicy);
  EXPECT_NE(late.id(), session.id());
  const std::vector<std::string> small{"a", "b", "c"};
  EXPECT_EQ(VideoSession::start(random, small, kNow).error().code, Errc::kInvalidArgument);
}

TEST(VideoSession, QuestionsAreDrawnAtRandom) {
  SystemRandom random;
  const auto questions = bank();
  std::set<std::vector<std::string>> draws;
  for (int i = 0; i < 30; ++i) {
    draws.insert(VideoSession::start(random, questions, kNow)->questions());
  }
  EXPECT_GT(draws.size(), 10U);  // 336 ordered draws of 3 from 8
}

TEST(PhoneCall, TheCallerNumberIsRecordedNotTrusted) {
  class FixedClock final : public Clock {
   public:
    std::chrono::system_clock::time_point now() const override { return kNow; }
  } clock;
  const auto path = std::filesystem::temp_directory_path() /
                    ("etauth-phone-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  const PrivateKey key = PrivateKey::generate_p256().value();
  {
    auto audit = AuditLog::open(path.string(), key, clock).value();
    ASSERT_TRUE(record_phone_call(*audit, "A123456789", "+886-2-2345-6789", kNow));
    ASSERT_TRUE(audit->checkpoint());
    EXPECT_TRUE(audit->verify(PublicKey::from_der(key.public_der().value()).value()));
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
}

TEST(Recording, SealedUnderASignedManifest) {
  SystemRandom random;
  auto key = GcmKey::create(Bytes(32, 9)).value();
  const PrivateKey firm = PrivateKey::generate_p256().value();
  const PublicKey firm_public = PublicKey::from_der(firm.public_der().value()).value();
  const Bytes media(5000, 0x42);
  const SealedRecording sealed = seal_recording("session-7", media, key, firm, random).value();
  EXPECT_EQ(open_recording(sealed, key, firm_public).value(), media);
  EXPECT_EQ(std::search(sealed.ciphertext.begin(), sealed.ciphertext.end(), media.begin(),
                        media.begin() + 64),
            sealed.ciphertext.end());  // encrypted

  SealedRecording tampered = sealed;
  tampered.ciphertext[100] ^= 1;
  EXPECT_EQ(open_recording(tampered, key, firm_public).error().code, Errc::kBadCredential);
  SealedRecording renamed = sealed;
  renamed.manifest[20] ^= 1;  // another session id
  EXPECT_EQ(open_recording(renamed, key, firm_public).error().code, Errc::kBadCredential);
  const PrivateKey other = PrivateKey::generate_p256().value();
  SealedRecording resigned = sealed;
  resigned.signature = other.sign(SignatureScheme::kEcdsaP256Sha256, sealed.manifest).value();
  EXPECT_EQ(open_recording(resigned, key, firm_public).error().code, Errc::kBadCredential);
}

}  // namespace
}  // namespace etauth
