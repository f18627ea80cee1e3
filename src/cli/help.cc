#include "cli/help.h"

#include <fmt/format.h>

namespace etguard::cli {

namespace {

// Moves options and subcommands out of CLI11's English default groups, all
// the way down the tree (a subcommand's own help flag is created before it
// inherits the option defaults, so the groups are set here, once, at the end).
void translate_groups(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    if (option->get_group() == "Options") {
      option->group("選項");
    }
  }
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group() == "Subcommands") {
      sub->group("子命令");
    }
    translate_groups(*sub);
  }
}

}  // namespace

std::string Help::footer(std::string_view en, std::string_view zh,
                         std::string_view examples) const {
  std::string text = (*this)(en, zh);
  if (!examples.empty()) {
    if (!text.empty()) {
      text += "\n\n";
    }
    text += fmt::format("{}\n{}", (*this)("Examples:", "範例："), examples);
  }
  return text;
}

void Help::apply_to(CLI::App& app) const {
  if (lang_ != Lang::kZhTw) {
    return;
  }
  auto formatter = app.get_formatter();
  formatter->label("Usage", "用法");
  formatter->label("OPTIONS", "選項");
  formatter->label("SUBCOMMAND", "子命令");
  formatter->label("SUBCOMMANDS", "子命令");
  formatter->label("Positionals", "位置參數");
  // Value types (TEXT, INT) and REQUIRED stay as they are: CLI11 pads the
  // option column by bytes, and a CJK word there would misalign the column.
  translate_groups(app);
}

Lang help_language(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::optional<Lang> lang;
    if (arg == "--lang" && i + 1 < argc) {
      lang = parse_lang(argv[i + 1]);
    } else if (arg.starts_with("--lang=")) {
      lang = parse_lang(arg.substr(7));
    }
    if (lang) {
      return *lang;
    }
  }
  return lang_from_environment();
}

}  // namespace etguard::cli
