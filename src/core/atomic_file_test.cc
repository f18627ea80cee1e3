#include "core/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace etguard {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-atomic-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir_), {}));
  }

  std::filesystem::path dir_;
};

TEST_F(AtomicFileTest, WritesAndReplacesWithoutLeavingTemporaries) {
  const auto path = dir_ / "out.json";
  ASSERT_TRUE(write_file_atomically(path, "first"));
  ASSERT_TRUE(write_file_atomically(path, "second, longer"));
  EXPECT_EQ(read_file(path).value(), "second, longer");
  EXPECT_EQ(entries(), 1U);
}

TEST_F(AtomicFileTest, AFailedProducerLeavesTheTargetUntouched) {
  const auto path = dir_ / "out.xlsx";
  ASSERT_TRUE(write_file_atomically(path, "original"));
  const Status failed =
      produce_file_atomically(path, [](const std::filesystem::path& temporary) -> Status {
        EXPECT_TRUE(write_file_atomically(temporary, "partial"));
        return fail(ErrorKind::kIo, "simulated failure");
      });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "simulated failure");
  EXPECT_EQ(read_file(path).value(), "original");
  EXPECT_EQ(entries(), 1U);
}

TEST_F(AtomicFileTest, WritingIntoAMissingDirectoryFailsWithTheName) {
  const auto path = dir_ / "missing" / "out.csv";
  const Status written = write_file_atomically(path, "x");
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message.find("missing"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(AtomicFileTest, ReadingAMissingFileIsNotFound) {
  const auto read = read_file(dir_ / "absent.txt");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(exit_code(read.error()), kExitUsage);
}

}  // namespace
}  // namespace etguard
