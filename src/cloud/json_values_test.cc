#include "cloud/json_values.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace etguard::cloud {
namespace {

struct Seen {
  std::string text;
  std::uint64_t offset;
};

class JsonValuesTest : public ::testing::Test {
 protected:
  std::string write(const std::string& content) {
    const auto path =
        std::filesystem::temp_directory_path() / ("etg-json-values-" + std::to_string(::getpid()) +
                                                  "-" + std::to_string(files_++) + ".json");
    std::ofstream(path, std::ios::binary) << content;
    paths_.push_back(path);
    return path.string();
  }
  void TearDown() override {
    for (const auto& path : paths_) {
      std::filesystem::remove(path);
    }
  }
  Result<std::vector<Seen>> values(const std::string& content, JsonReadOptions limits = {}) {
    std::vector<Seen> seen;
    auto read = for_each_json_value(
        write(content),
        [&](const JsonValue& value) -> Status {
          seen.push_back({std::string(value.text), value.offset});
          return {};
        },
        limits);
    if (!read) {
      return std::unexpected(read.error());
    }
    return seen;
  }

 private:
  int files_ = 0;
  std::vector<std::filesystem::path> paths_;
};

TEST_F(JsonValuesTest, SplitsAnArrayWithStringsThatHoldBracketsAndEscapes) {
  const auto seen = values("[\n{\"a\": \"}]\\\"{\"},\n  {\"b\": [1, {\"c\": 2}]}\n]\n");
  ASSERT_TRUE(seen) << seen.error().message;
  ASSERT_EQ(seen->size(), 2U);
  EXPECT_EQ((*seen)[0].text, "{\"a\": \"}]\\\"{\"}");
  EXPECT_EQ((*seen)[1].text, "{\"b\": [1, {\"c\": 2}]}");
  EXPECT_EQ((*seen)[1].offset, 20U);
}

TEST_F(JsonValuesTest, ReadsJsonLinesAndAnEmptyArray) {
  const auto lines = values("{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}");
  ASSERT_TRUE(lines) << lines.error().message;
  ASSERT_EQ(lines->size(), 3U);
  EXPECT_EQ((*lines)[2].offset, 17U);
  const auto empty = values(" [ ] ");
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_TRUE(empty->empty());
}

TEST_F(JsonValuesTest, AValueSpanningManyBlocksIsWhole) {
  std::string big = "[{\"k\": \"" + std::string(100'000, 'x') + "\"}, {\"k\": 1}]";
  const auto seen = values(big, {.largest = 1U << 20U, .block = 4096});
  ASSERT_TRUE(seen) << seen.error().message;
  ASSERT_EQ(seen->size(), 2U);
  EXPECT_EQ((*seen)[0].text.size(), 100'009U);
  EXPECT_EQ((*seen)[1].text, "{\"k\": 1}");
}

TEST_F(JsonValuesTest, ReturnsTheFilesSha256) {
  std::vector<Seen> ignored;
  const auto digest =
      for_each_json_value(write("[]"), [](const JsonValue&) -> Status { return {}; });
  ASSERT_TRUE(digest) << digest.error().message;
  // printf '[]' | sha256sum
  EXPECT_EQ(*digest, "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945");
}

TEST_F(JsonValuesTest, LocatesEveryKindOfBadInput) {
  const auto message = [&](const std::string& content, JsonReadOptions limits = {}) {
    const auto seen = values(content, limits);
    return seen ? std::string("accepted") : seen.error().message;
  };
  EXPECT_NE(message("[{\"a\":1},\n{\"a\":").find(":2: (byte 10) the file ends inside this value"),
            std::string::npos);
  EXPECT_NE(message("[{\"a\":1}").find("ends before the array's closing ']'"), std::string::npos);
  EXPECT_NE(message("[{\"a\":1} {\"a\":2}]").find("expected ',' or ']' after value 1, found '{'"),
            std::string::npos);
  EXPECT_NE(message("[{\"a\":1},]").find("expected an object '{' after value 1, found ']'"),
            std::string::npos);
  EXPECT_NE(message("[1, 2]").find("expected an object '{' or ']' after value 0, found '1'"),
            std::string::npos);
  EXPECT_NE(message("[]\n[]").find(":2: (byte 3) text after the array's closing ']'"),
            std::string::npos);
  EXPECT_NE(message("\"text\"").find("expected a JSON array '[' or object '{', found '\"'"),
            std::string::npos);
  EXPECT_NE(
      message("[{\"k\": \"" + std::string(5000, 'x') + "\"}]", {.largest = 1024, .block = 512})
          .find("a value larger than the limit of 1024 bytes"),
      std::string::npos);
}

TEST_F(JsonValuesTest, AnErrorFromTheCallerStopsTheRead) {
  int calls = 0;
  const auto read = for_each_json_value(write("[{},{},{}]"), [&](const JsonValue&) -> Status {
    ++calls;
    return fail(ErrorKind::kInput, "stop", "停止");
  });
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message, "stop");
  EXPECT_EQ(calls, 1);
}

TEST_F(JsonValuesTest, AMissingFileIsNotFound) {
  const auto read = for_each_json_value("/nonexistent/prowler.json",
                                        [](const JsonValue&) -> Status { return {}; });
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace etguard::cloud
