// The daily digests on a real workspace with a fixed clock and a recording
// sender: of two senders at once (the server's mail thread and `remind
// --send` from cron), only one sends; a relay that fails gives the day back.
#include "app/reminders.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <functional>

#include "app/cycles.h"
#include "app/registers.h"
#include "app/users.h"

namespace etguard::app {
namespace {

class Recorder final : public mail::Sender {
 public:
  std::function<Status()> before_send = [] { return Status{}; };
  std::vector<std::string> sent_to;
  Status send(const mail::Message& message) override {
    if (Status go = before_send(); !go) {
      return go;
    }
    sent_to.push_back(message.to);
    return {};
  }
};

class DigestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-digest-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    session_.emplace(Session::create(dir_, "", {&clock_, "admin-on-terminal"}).value());
    ASSERT_TRUE(import_registers_file(
        *session_, std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml"));
    ASSERT_TRUE(start_cycle(*session_, {.name = "2027", .today = {}, .due_on = "2027-03-05"}));
    auto users = Users::open(*session_).value();
    ASSERT_TRUE(users.add({"mei", "Mei <mei@firm.example>", "officer", {}}, kPassword));
    ASSERT_TRUE(
        users.add({"lee", "Lee <lee@firm.example>", "owner", {"cloud/core-dr"}}, kPassword));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Session another() { return Session::open(dir_, {&clock_, "etguard serve"}).value(); }

  static constexpr std::string_view kPassword = "correct horse 42 battery";
  FixedClock clock_ = FixedClock::at("2027-03-01T09:00:00Z");
  std::filesystem::path dir_;
  std::optional<Session> session_;
};

TEST_F(DigestTest, OfTwoSendersAtOnceOnlyOneSends) {
  Recorder cron;
  Recorder server;
  std::optional<DigestRun> server_run;
  // The server's run starts while cron is sending its first digest.
  cron.before_send = [&]() -> Status {
    if (!server_run) {
      Session other = another();
      server_run = send_digests(other, &server, false).value();
    }
    return {};
  };
  const DigestRun run = send_digests(*session_, &cron, false).value();
  EXPECT_EQ(cron.sent_to, (std::vector<std::string>{"lee@firm.example", "mei@firm.example"}));
  ASSERT_TRUE(server_run);
  EXPECT_TRUE(server_run->already_sent);
  EXPECT_TRUE(server.sent_to.empty());
  EXPECT_FALSE(run.already_sent);
  // And the day is done for everyone, unless forced.
  Recorder later;
  EXPECT_TRUE(send_digests(*session_, &later, false).value().already_sent);
  EXPECT_TRUE(later.sent_to.empty());
  EXPECT_EQ(send_digests(*session_, &later, true).value().digests.size(), 2U);
  EXPECT_EQ(later.sent_to.size(), 2U);
}

TEST_F(DigestTest, ARelayThatFailsGivesTheDayBack) {
  Recorder failing;
  failing.before_send = [] {
    return Status(fail(ErrorKind::kIo, "the relay is down", "郵件伺服器無回應"));
  };
  const auto refused = send_digests(*session_, &failing, false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "the relay is down");
  Recorder working;
  const DigestRun run = send_digests(*session_, &working, false).value();
  EXPECT_FALSE(run.already_sent);
  EXPECT_EQ(working.sent_to.size(), 2U);
}

}  // namespace
}  // namespace etguard::app
