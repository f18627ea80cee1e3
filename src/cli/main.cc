// etguard: the command line. Parses options, picks the language, runs the
// chosen subcommand and maps its outcome to the exit codes of
// docs/exit-codes.md (0 ok, 1 findings, 2 usage or input error, 3 internal).
#include <fmt/format.h>

#include <exception>

#include "cli/app.h"

namespace {

int run(int argc, char** argv) {
  using etguard::cli::Context;
  const etguard::cli::Help help(etguard::cli::help_language(argc, argv));
  etguard::cli::Invocation invocation;
  const auto app = etguard::cli::make_app(help, invocation);
  Context context;
  context.lang = etguard::lang_from_environment();
  try {
    app->parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app->exit(error);
    return code == 0 ? etguard::kExitOk : etguard::kExitUsage;
  }
  if (!invocation.lang_name.empty()) {
    const auto lang = etguard::parse_lang(invocation.lang_name);
    if (!lang) {
      fmt::print(stderr, "etguard: {}\n",
                 help(fmt::format("unknown --lang '{}'; use zh-TW or en", invocation.lang_name),
                      fmt::format("不明之 --lang '{}'；請使用 zh-TW 或 en", invocation.lang_name)));
      return etguard::kExitUsage;
    }
    context.lang = *lang;
  }
  context.json = invocation.json;
  if (!invocation.workspace.empty()) {
    context.workspace = invocation.workspace;
  }
  context.actor = invocation.actor;
  const auto outcome = invocation.selected(context);
  if (!outcome) {
    etguard::cli::print_error(context, outcome.error());
    return etguard::exit_code(outcome.error());
  }
  return *outcome;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int code = run(argc, argv);
    std::fflush(stdout);
    return code;
  } catch (const std::exception& error) {
    fmt::print(stderr, "etguard: internal error: {}\n", error.what());
    return etguard::kExitInternal;
  }
}
