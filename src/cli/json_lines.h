// JSON Lines to standard output through one buffer: a million records are not
// a million writes. flush() when a followed input goes idle, and at the end.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace etguard::cli {

class JsonLinesWriter {
 public:
  JsonLinesWriter() = default;
  JsonLinesWriter(const JsonLinesWriter&) = delete;
  JsonLinesWriter& operator=(const JsonLinesWriter&) = delete;
  ~JsonLinesWriter() { flush(); }

  void line(const nlohmann::ordered_json& record);
  void flush();

 private:
  std::string buffer_;
};

}  // namespace etguard::cli
