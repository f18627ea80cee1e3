// Who acts: every ledger, evidence and cycle entry names a person, never
// "unknown" (issue 14.5). At a terminal, in this order: --actor,
// $ETGUARD_ACTOR, the user's etguard configuration (`etguard config set
// user.name` and `user.email`: "Name <email>"), the operating-system
// account. The server names its logged-in user instead.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/result.h"

namespace etguard::app {

// The keys a user may set.
inline constexpr std::string_view kUserName = "user.name";
inline constexpr std::string_view kUserEmail = "user.email";

// The user's configuration file: $ETGUARD_CONFIG, else
// $XDG_CONFIG_HOME/etguard/config.yaml, else ~/.config/etguard/config.yaml.
std::filesystem::path user_config_path();

// The settings of the user's configuration (none when the file is absent).
[[nodiscard]] Result<std::map<std::string, std::string>> user_config();
// Sets (or, with an empty value, removes) `key`, keeping the others.
[[nodiscard]] Status set_user_config(const std::string& key, const std::string& value);

// The terminal's actor: --actor, $ETGUARD_ACTOR, the configured user, the
// system account; empty only when nothing names anyone. A configuration file
// that cannot be read is an error naming it (never silently skipped).
[[nodiscard]] Result<std::string> terminal_actor(const std::string& actor_option);

}  // namespace etguard::app
