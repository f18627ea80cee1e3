// The login flow of lib/etauth/README.md, run: throttle and lock first, the
// password (Argon2id + HSM pepper), the second factor (TOTP, single use),
// two factor types, then the count reset. The README's example is this code.
#include <gtest/gtest.h>

#include "etauth/factors.h"
#include "etauth/lockout.h"
#include "etauth/otp.h"
#include "etauth/password.h"
#include "test_support.h"

namespace etauth {
namespace {

using testing::SoftwareHsm;

// What the firm's account store holds for one user.
struct Account {
  std::string password_record;
  Bytes totp_seed;
  std::optional<std::uint64_t> last_totp_step;
};

// --- the README's example ---
Status login(Lockout& lockout, PasswordHasher& passwords, Account* account, std::string_view user,
             std::string_view source, std::string_view password, std::string_view totp_code,
             std::chrono::sys_seconds now) {
  if (auto allowed = lockout.before_password(user, source); !allowed) {
    return allowed;  // kThrottled (not counted) or kLocked
  }
  if (account == nullptr) {
    (void)passwords.verify_unknown_user(password);  // same cost as a real check
    return lockout.after_password(user, false);     // counted like any wrong password
  }
  auto checked = passwords.verify(password, account->password_record);
  if (!checked) {
    return std::unexpected(checked.error());
  }
  if (auto counted = lockout.after_password(user, checked->matches); !counted) {
    return counted;  // kBadCredential, or kLocked on the fifth failure
  }
  auto step = verify_totp(account->totp_seed, totp_code, now, account->last_totp_step);
  if (!step) {
    (void)lockout.after_second_factor(user, false);  // a wrong code counts like a wrong password
    return std::unexpected(step.error());
  }
  account->last_totp_step = *step;  // single use
  const VerifiedFactor factors[] = {{FactorType::kKnowledge, "password"},
                                    {FactorType::kPossession, "totp"}};
  if (auto two_types = require_two_factor_types(factors); !two_types) {
    return two_types;
  }
  if (auto done = lockout.after_second_factor(user, true); !done) {
    return done;  // kLocked: locked by a concurrent attempt meanwhile
  }
  if (checked->needs_rehash) {
    account->password_record = passwords.hash(password).value();  // new parameters or pepper
  }
  return {};
}
// --- end of the example ---

class FixedClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  }
};

TEST(LoginFlow, PasswordAndTotpOnceThenLockAfterFiveWrong) {
  SoftwareHsm hsm;
  SystemRandom random;
  FixedClock clock;
  MemoryLockoutStore store;
  Lockout lockout(store, clock);
  auto passwords = PasswordHasher::create(hsm, random, Argon2Params{64, 1, 1}, "pepper-1").value();
  Account account{passwords.hash("tr4de-Bridge").value(), Bytes(20, 0x17), std::nullopt};
  const auto now = std::chrono::floor<std::chrono::seconds>(clock.now());
  const std::string code = totp(account.totp_seed, now).value();

  EXPECT_TRUE(login(lockout, passwords, &account, "A1", "10.0.0.1", "tr4de-Bridge", code, now));
  // The same code again is a replay, even with the right password.
  EXPECT_EQ(
      login(lockout, passwords, &account, "A1", "10.0.0.1", "tr4de-Bridge", code, now).error().code,
      Errc::kReplay);
  EXPECT_EQ(login(lockout, passwords, nullptr, "nobody", "10.0.0.1", "x", code, now).error().code,
            Errc::kBadCredential);
  // The replayed code was the first failure in a row; three wrong passwords
  // more, and the fifth failure locks.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(
        login(lockout, passwords, &account, "A1", "10.0.0.1", "wrong-1", code, now).error().code,
        Errc::kBadCredential);
  }
  EXPECT_EQ(
      login(lockout, passwords, &account, "A1", "10.0.0.1", "wrong-1", code, now).error().code,
      Errc::kLocked);
  EXPECT_EQ(
      login(lockout, passwords, &account, "A1", "10.0.0.1", "tr4de-Bridge", code, now).error().code,
      Errc::kLocked);
}

TEST(Factors, TwoTypesNotTwoFactors) {
  const VerifiedFactor password_and_pin[] = {{FactorType::kKnowledge, "password"},
                                             {FactorType::kKnowledge, "pin"}};
  EXPECT_EQ(require_two_factor_types(password_and_pin).error().code, Errc::kPolicy);
  const VerifiedFactor password_and_face[] = {{FactorType::kKnowledge, "password"},
                                              {FactorType::kInherence, "face"}};
  EXPECT_TRUE(require_two_factor_types(password_and_face).has_value());
  EXPECT_FALSE(require_two_factor_types({}).has_value());
}

}  // namespace
}  // namespace etauth
