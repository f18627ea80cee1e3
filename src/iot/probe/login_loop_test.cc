#include "iot/probe/login_loop.h"

#include <gtest/gtest.h>

namespace etguard::iot::probe {
namespace {

const Target kTarget{.address = "192.0.2.7", .port = {.protocol = "tcp", .number = 21}};

std::vector<Credential> listed() {
  return {{.service = "ftp", .user = "admin", .password = "admin", .listed_at = "built-in:12"},
          {.service = "ftp", .user = "root", .password = "root", .listed_at = "built-in:13"},
          {.service = "ftp", .user = "op", .password = "op", .listed_at = "extra.yaml:3"}};
}

std::vector<const Credential*> pointers(const std::vector<Credential>& credentials) {
  std::vector<const Credential*> out;
  for (const Credential& credential : credentials) {
    out.push_back(&credential);
  }
  return out;
}

TEST(LoginLoop, StopsAtTheFirstCredentialAcceptedAndNamesItByPlaceNotPassword) {
  const auto credentials = listed();
  Pacer pacer(1000);
  std::vector<std::string> tried;
  const ProbeOutcome outcome =
      run_logins("ftp", kTarget, pointers(credentials), pacer, false, [&](const Credential* used) {
        tried.push_back(used->user);
        return used->user == "root" ? LoginResult{Login::kAccepted, "230 in"}
                                    : LoginResult{Login::kRefused, "530 no"};
      });
  EXPECT_EQ(tried, (std::vector<std::string>{"admin", "root"}));
  EXPECT_EQ(outcome.access, ProbeAccess::kDefaultAccepted);
  EXPECT_EQ(outcome.user, "root");
  EXPECT_EQ(outcome.listed_at, "built-in:13");
  EXPECT_EQ(outcome.attempts, 2);
  EXPECT_EQ(outcome.port.number, 21);
}

TEST(LoginLoop, EveryRefusalIsARefusalAndNoAccountIsNamed) {
  const auto credentials = listed();
  Pacer pacer(1000);
  const ProbeOutcome outcome =
      run_logins("ftp", kTarget, pointers(credentials), pacer, true,
                 [](const Credential*) { return LoginResult{Login::kRefused, "530 no"}; });
  EXPECT_EQ(outcome.access, ProbeAccess::kRefused);
  EXPECT_EQ(outcome.attempts, 4);  // without a credential, then three
  EXPECT_TRUE(outcome.user.empty());
  EXPECT_TRUE(outcome.listed_at.empty());
}

TEST(LoginLoop, InWithoutACredentialIsOpenAndNothingElseIsTried) {
  const auto credentials = listed();
  Pacer pacer(1000);
  int calls = 0;
  const ProbeOutcome outcome =
      run_logins("mqtt", kTarget, pointers(credentials), pacer, true, [&](const Credential* used) {
        ++calls;
        return used == nullptr ? LoginResult{Login::kAccepted, "CONNACK 0"}
                               : LoginResult{Login::kRefused, ""};
      });
  EXPECT_EQ(outcome.access, ProbeAccess::kOpen);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(outcome.user.empty());
}

TEST(LoginLoop, AnUnreachableOrUnclearAnswerEndsTheProbeWithItsNote) {
  const auto credentials = listed();
  Pacer pacer(1000);
  const ProbeOutcome unreachable = run_logins(
      "ftp", kTarget, pointers(credentials), pacer, false,
      [](const Credential*) { return LoginResult{Login::kUnreachable, "Connection refused"}; });
  EXPECT_EQ(unreachable.access, ProbeAccess::kUnreachable);
  EXPECT_EQ(unreachable.attempts, 1);
  EXPECT_EQ(unreachable.note, "Connection refused");
  const ProbeOutcome unclear =
      run_logins("http", kTarget, pointers(credentials), pacer, true, [](const Credential*) {
        return LoginResult{Login::kUnclear, "200 without HTTP authentication"};
      });
  EXPECT_EQ(unclear.access, ProbeAccess::kUnclear);
  EXPECT_EQ(unclear.attempts, 1);
}

}  // namespace
}  // namespace etguard::iot::probe
