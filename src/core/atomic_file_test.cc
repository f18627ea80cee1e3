#include "core/atomic_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>

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
        return fail(ErrorKind::kIo, "simulated failure", "模擬失敗");
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
// Issue 15, item 17: /dev/zero, FIFOs and directories as inputs gave
// bad_alloc, a hang, or "must be a mapping".
TEST_F(AtomicFileTest, InputsThatAreNotRegularFilesAreRefusedByWhatTheyAre) {
  const auto fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto from_fifo = read_file(fifo);  // no writer: must not hang
  ASSERT_FALSE(from_fifo);
  EXPECT_EQ(from_fifo.error().kind, ErrorKind::kInput);
  EXPECT_NE(from_fifo.error().message.find("is a FIFO"), std::string::npos)
      << from_fifo.error().message;
  EXPECT_NE(read_file(dir_).error().message.find("is a directory"), std::string::npos);
  const auto from_device = read_file("/dev/zero");
  ASSERT_FALSE(from_device);
  EXPECT_NE(from_device.error().message.find("is a device"), std::string::npos);
  EXPECT_EQ(exit_code(from_device.error()), kExitUsage);
  EXPECT_NE(from_device.error().message_zh.find("裝置"), std::string::npos);
}

TEST_F(AtomicFileTest, AnInputOverTheSizeLimitIsRefusedBeforeReading) {
  const auto big = dir_ / "big.yaml";
  {
    std::ofstream out(big);
  }
  std::filesystem::resize_file(big, kMaxInputFileBytes + 1);  // sparse: no disk used
  const auto read = read_file(big);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().kind, ErrorKind::kInput);
  EXPECT_NE(read.error().message.find("inputs are read up to"), std::string::npos);
}

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
  auto reader = std::async(std::launch::async, [&fifo] {
    std::string text;
    const int fd = ::open(fifo.c_str(), O_RDONLY);  // blocks until the writer opens
    std::array<char, 256> chunk{};
    for (ssize_t got = 0; (got = ::read(fd, chunk.data(), chunk.size())) > 0;) {
      text.append(chunk.data(), static_cast<std::size_t>(got));
    }
    ::close(fd);
    return text;
  });
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
