// Every option that names an output file, pointed at a FIFO and at a
// character device made with mknod in a scratch directory (never the real
// /dev/null): the command writes through them and both are still what they
// were afterwards — an atomic rename once replaced /dev/null itself.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "run_etguard.h"

namespace etguard::testing {
namespace {

namespace fs = std::filesystem;

class OutputTargets : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("etg-outputs-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ASSERT_EQ(run_etguard("init " + (dir_ / "ws").string()).exit_code, 0);
    ASSERT_EQ(run(workspace() + "registers import " + examples("registers.yaml")).exit_code, 0);
    pii_input_ = dir_ / "customers.txt";
    std::ofstream(pii_input_) << "客戶 A123456789 電話 0912345678\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string examples(const std::string& name) {
    return std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/" + name;
  }
  std::string workspace() const { return "--workspace " + (dir_ / "ws").string() + " "; }
  static RunOutcome run(const std::string& arguments) { return run_etguard(arguments); }

  // Each command with {} where the output path goes.
  std::vector<std::string> commands() const {
    const std::string day =
        examples("logs/auth-events.jsonl") + " --accounts " + examples("logs/accounts.jsonl");
    return {
        "catalog export --format json --out {}",
        "catalog export --format xlsx --out {}",
        workspace() + "registers export --format xlsx --out {}",
        workspace() + "registers export --format csv --out {}",
        workspace() + "soa --format html --out {}",
        workspace() + "soa --format xlsx --out {}",
        workspace() + "answers export --format yaml --out {}",
        workspace() + "report --format html --out {}",
        workspace() + "report --format xlsx --out {}",
        workspace() + "ledger export --out {}",
        "scan pii " + pii_input_.string() + " --summary {}",
        "scan pii " + pii_input_.string() + " --mask {}",
        "scan authlog " + day + " --report {}",
        "scan authlog " + day + " --report-json {}",
    };
  }

  // Runs every command against `target`; `drain` reads a FIFO meanwhile
  // (non-blocking, so a command that never opens it cannot hang the test).
  void run_all(const fs::path& target, bool drain) {
    for (std::string command : commands()) {
      command.replace(command.find("{}"), 2, target.string());
      std::atomic<bool> finished{false};
      std::future<void> reader;
      if (drain) {
        const int fd = ::open(target.c_str(), O_RDONLY | O_NONBLOCK);
        ASSERT_GE(fd, 0) << std::strerror(errno);
        reader = std::async(std::launch::async, [fd, &finished] {
          char buffer[4096];
          for (;;) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n > 0) {
              continue;
            }
            if (finished.load()) {
              break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
          ::close(fd);
        });
      }
      const RunOutcome outcome = run(command);
      finished.store(true);
      if (drain) {
        reader.wait();
      }
      EXPECT_LE(outcome.exit_code, 1) << command << "\n" << outcome.err;
    }
  }

  fs::path dir_;
  fs::path pii_input_;
};

TEST_F(OutputTargets, AFifoStaysAFifo) {
  const fs::path fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  run_all(fifo, true);
  EXPECT_TRUE(fs::is_fifo(fifo));
}

TEST_F(OutputTargets, ACharacterDeviceStaysADevice) {
  const fs::path node = dir_ / "null";
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    GTEST_SKIP() << "mknod needs root: " << std::strerror(errno);
  }
  run_all(node, false);
  EXPECT_TRUE(fs::is_character_file(node));
  struct stat info{};
  ASSERT_EQ(::stat(node.c_str(), &info), 0);
  EXPECT_EQ(major(info.st_rdev), 1U);
  EXPECT_EQ(minor(info.st_rdev), 3U);
  // Nothing was left beside it.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) {
    ++entries;
  }
  EXPECT_EQ(entries, 3U);  // ws, customers.txt, null
}

TEST_F(OutputTargets, ADashIsStandardOutput) {
  const RunOutcome outcome = run(workspace() + "ledger export --out -");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("etguard.ledger"), std::string::npos);
  EXPECT_FALSE(fs::exists("-"));
}

// Issue 15.25: scratch files live in a private directory (0700) under
// TMPDIR and are gone afterwards; an export is verified in memory, so it
// needs no scratch space at all.
TEST_F(OutputTargets, ScratchFilesAreNeverLeftBehind) {
  const fs::path scratch = dir_ / "tmp";
  fs::create_directories(scratch);
  const fs::path device = dir_ / "null";
  ASSERT_EQ(::mknod(device.c_str(), S_IFCHR | 0666, ::makedev(1, 3)), 0) << std::strerror(errno);
  for (const std::string& command :
       {std::string("catalog export --format xlsx | wc -c"),
        workspace() + "report --format xlsx --out " + device.string()}) {
    const auto outcome = run_etguard(command, "LANG=C.UTF-8 TMPDIR=" + scratch.string());
    EXPECT_EQ(outcome.exit_code, 0) << command << "\n" << outcome.err;
    EXPECT_TRUE(fs::is_empty(scratch)) << command;
  }
  const fs::path exported = dir_ / "ledger.jsonl";
  ASSERT_EQ(run(workspace() + "ledger export --out " + exported.string()).exit_code, 0);
  const auto verified = run_etguard(workspace() + "ledger verify --file " + exported.string(),
                                    "LANG=C.UTF-8 TMPDIR=" + (dir_ / "absent").string());
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
}

}  // namespace
}  // namespace etguard::testing
