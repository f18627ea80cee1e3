// The command tree: every subcommand with its options and help, built in the
// language the help is to be read in. main() parses with it; tests walk it.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/help.h"

namespace etguard::cli {

// What the top-level options hold once the command line is parsed, and the
// action of the chosen subcommand.
struct Invocation {
  std::string lang_name;  // --lang
  bool json = false;      // --json
  std::string workspace;  // --workspace
  std::string actor;      // --actor
  Action selected;
};

std::unique_ptr<CLI::App> make_app(const Help& help, Invocation& invocation);

}  // namespace etguard::cli
