// The rules file: what --print-rules writes reads back to the same rules, a
// subset overrides only what it names, and mistakes are located.
#include "authlog/rules.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace etguard::authlog {
namespace {

class RulesFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("etg-rules-" + std::to_string(::getpid()) + ".yaml");
  }
  void TearDown() override { std::filesystem::remove(path_); }
  Result<Policy> load(const std::string& text) {
    std::ofstream(path_) << text;
    return load_rules(path_.string());
  }
  std::filesystem::path path_;
};

TEST_F(RulesFile, WhatPrintRulesWritesReadsBackUnchanged) {
  Policy changed;
  changed.lock_threshold = 3;
  changed.password_max_age_ms = 30LL * 86'400'000;
  changed.attacks.spray_failure_ratio = 0.75;
  changed.attacks.bucket_ms = 15LL * 60'000;
  changed.customer_channels = {"web", "app"};
  const std::string written = rules_yaml(changed);
  const auto loaded = load(written);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(rules_yaml(*loaded), written);
  EXPECT_EQ(loaded->lock_threshold, 3);
  EXPECT_EQ(loaded->password_max_age_ms, 30LL * 86'400'000);
  EXPECT_DOUBLE_EQ(loaded->attacks.spray_failure_ratio, 0.75);
  EXPECT_EQ(loaded->attacks.bucket_ms, 15LL * 60'000);
  EXPECT_EQ(loaded->customer_channels, (std::vector<std::string>{"web", "app"}));
  EXPECT_NE(rules_yaml(Policy{}), written);
}

TEST_F(RulesFile, ASubsetOverridesOnlyWhatItNames) {
  const auto loaded = load("lockout:\n  threshold: 3\nbrute_force:\n  short_minutes: 5\n");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->lock_threshold, 3);
  EXPECT_EQ(loaded->attacks.brute_short_ms, 5LL * 60'000);
  const Policy defaults;
  EXPECT_EQ(loaded->notification_window_ms, defaults.notification_window_ms);
  EXPECT_EQ(loaded->attacks.brute_short, defaults.attacks.brute_short);
  EXPECT_EQ(loaded->customer_channels, defaults.customer_channels);
}

TEST_F(RulesFile, MistakesNameTheFileLineAndSetting) {
  const auto unknown = load("lockout:\n  treshold: 3\n");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(
      unknown.error().message.find(path_.string() + ":2:3: unknown setting 'lockout.treshold'"),
      std::string::npos)
      << unknown.error().message;
  const auto negative = load("notification:\n  window_seconds: -5\n");
  ASSERT_FALSE(negative.has_value());
  EXPECT_NE(
      negative.error().message.find(":2:19: 'notification.window_seconds' must be a positive"),
      std::string::npos)
      << negative.error().message;
  const auto ratio = load("password_spray:\n  min_failure_ratio: 1.5\n");
  ASSERT_FALSE(ratio.has_value());
  EXPECT_NE(ratio.error().message.find("a ratio in (0, 1]"), std::string::npos);
  EXPECT_FALSE(load("channels:\n  customer: []\n").has_value());
  EXPECT_FALSE(load("lockout: 5\n").has_value());
  EXPECT_FALSE(load("lockout:\n  threshold: many\n").has_value());
}

}  // namespace
}  // namespace etguard::authlog
