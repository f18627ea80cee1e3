// etguard config set KEY VALUE | get KEY | list: the user's own settings
// (who they are, as recorded in the ledger), kept outside any workspace.
#include <fmt/format.h>

#include "app/identity.h"
#include "cli/command.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct ConfigOptions {
  std::string key;
  std::string value;
};

Result<int> run_config_set(const Context& context, const ConfigOptions& options) {
  if (Status stored = app::set_user_config(options.key, options.value); !stored) {
    return std::unexpected(stored.error());
  }
  if (!context.json) {
    print(fmt::format(
        fmt::runtime(context.lang == Lang::kZhTw ? "已設定 {}（{}）\n" : "set {} ({})\n"),
        options.key, app::user_config_path().string()));
  }
  return kExitOk;
}

Result<int> run_config_list(const Context& context, const std::string& only) {
  auto settings = app::user_config();
  if (!settings) {
    return std::unexpected(settings.error());
  }
  if (context.json) {
    Json out{{"format", "etguard.config"},
             {"format_version", "1.0"},
             {"file", app::user_config_path().string()}};
    Json values = Json::object();
    for (const auto& [key, value] : *settings) {
      if (only.empty() || key == only) {
        values[key] = value;
      }
    }
    out["settings"] = values;
    out["actor"] = app::terminal_actor(context.actor).value_or(std::string());
    print_json(out);
    return kExitOk;
  }
  if (!only.empty()) {
    const auto found = settings->find(only);
    if (found == settings->end()) {
      return kExitFindings;  // like git config: not set
    }
    print(found->second + "\n");
    return kExitOk;
  }
  std::string out;
  for (const auto& [key, value] : *settings) {
    out += fmt::format("{}={}\n", key, value);
  }
  out += fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw ? "# 目前的操作者：{}\n" : "# acting as: {}\n"),
      app::terminal_actor(context.actor).value_or(std::string()));
  print(out);
  return kExitOk;
}

}  // namespace

void add_config_command(CLI::App& app, Action& selected, const Help& help) {
  CLI::App* config =
      app.add_subcommand("config", help("Your own settings: who you are", "個人設定：您的身分"));
  config->require_subcommand(1);
  auto options = std::make_shared<ConfigOptions>();
  CLI::App* set = config->add_subcommand(
      "set",
      help("Set (or, with an empty value, remove) a setting", "設定（值為空白時移除）一項設定"));
  set->add_option("key", options->key, "user.name | user.email")->required();
  set->add_option("value", options->value, help("the value", "設定值"))->required();
  set->footer(help.footer("Every change in a workspace is recorded under this name.",
                          "工作區之每項變更均以此名稱記錄。",
                          "  etguard config set user.name \"王小明\"\n"
                          "  etguard config set user.email ming.wang@example.com.tw"));
  set->callback([&selected, options] {
    selected = [options](const Context& context) { return run_config_set(context, *options); };
  });
  CLI::App* get = config->add_subcommand(
      "get",
      help("Print one setting (exit 1 when it is not set)", "顯示一項設定（未設定時結束碼為 1）"));
  get->add_option("key", options->key, "user.name | user.email")->required();
  get->callback([&selected, options] {
    selected = [options](const Context& context) { return run_config_list(context, options->key); };
  });
  CLI::App* list = config->add_subcommand(
      "list", help("Every setting, and who you act as", "所有設定，以及您目前的操作者身分"));
  list->callback([&selected] {
    selected = [](const Context& context) { return run_config_list(context, {}); };
  });
}

}  // namespace etguard::cli
