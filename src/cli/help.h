// The words of --help in the user's language. CLI11 prints help while it
// parses, so the language is chosen from the raw command line (--lang) and
// the environment before the commands are built, and every description is
// given in both languages: a description without its zh-TW form does not
// compile, and tests/cli/help_test.cc walks the whole tree in both.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

#include "core/lang.h"

namespace etguard::cli {

class Help {
 public:
  explicit Help(Lang lang) : lang_(lang) {}

  Lang lang() const { return lang_; }

  // `en` or `zh`, whichever the user reads.
  std::string operator()(std::string_view en, std::string_view zh) const {
    return std::string(lang_ == Lang::kZhTw ? zh : en);
  }

  // A footer: the explanation in the user's language, then the examples
  // (command lines read the same in both languages). Either may be empty.
  std::string footer(std::string_view en, std::string_view zh, std::string_view examples) const;

  // CLI11's own words (Usage, Options, the help flag) in the user's language.
  void apply_to(CLI::App& app) const;

 private:
  Lang lang_;
};

// The language --help is written in: `--lang X` or `--lang=X` on the command
// line when it names a language, else the environment's.
Lang help_language(int argc, const char* const* argv);

}  // namespace etguard::cli
