#include "core/atomic_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <future>

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

// A rename over a device or a pipe would replace it with a regular file
// (as root, `--summary /dev/null` once replaced the machine's /dev/null).
TEST_F(AtomicFileTest, ACharacterDeviceIsWrittenInPlaceAndStaysADevice) {
  const auto node = dir_ / "null";
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    GTEST_SKIP() << "mknod needs root: " << std::strerror(errno);
  }
  ASSERT_TRUE(write_file_atomically(node, "discarded"));
  ASSERT_TRUE(produce_file_atomically(node, [](const std::filesystem::path& temporary) {
    return write_file_atomically(temporary, "produced");
  }));
  EXPECT_TRUE(std::filesystem::is_character_file(node));
  EXPECT_EQ(entries(), 1U);  // no temporary left beside it
}

TEST_F(AtomicFileTest, AFifoIsWrittenInPlaceAndStaysAFifo) {
  const auto fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto reader = std::async(std::launch::async, [&fifo] { return read_file(fifo).value(); });
  ASSERT_TRUE(write_file_atomically(fifo, "through the pipe"));
  EXPECT_EQ(reader.get(), "through the pipe");
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  EXPECT_EQ(entries(), 1U);
}

TEST_F(AtomicFileTest, ASymlinkStaysAndItsTargetIsReplaced) {
  const auto target = dir_ / "report.html";
  const auto link = dir_ / "latest.html";
  ASSERT_TRUE(write_file_atomically(target, "old"));
  std::filesystem::create_symlink(target, link);
  ASSERT_TRUE(write_file_atomically(link, "new"));
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_EQ(read_file(target).value(), "new");
}

TEST_F(AtomicFileTest, ADirectoryIsRefusedAndKept) {
  const auto directory = dir_ / "reports";
  std::filesystem::create_directories(directory);
  const Status refused = write_file_atomically(directory, "x");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("is a directory"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_directory(directory));
}

}  // namespace
}  // namespace etguard
