// The workspace's settings: each change a ledger entry (setting.set) with
// the value before and after.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "workspace/states.h"
#include "workspace/transaction.h"
#include "workspace/workspace.h"

namespace etguard::workspace {

Result<std::map<std::string, std::string>> Workspace::settings() {
  std::map<std::string, std::string> all;
  for (const std::string_view prefix : kConfigurable) {
    auto under = records_->settings_under(prefix);
    if (!under) {
      return std::unexpected(under.error());
    }
    all.merge(*under);
  }
  return all;
}

Status Workspace::check_setting(const std::string& key, const std::string& value) const {
  constexpr std::size_t kLongest = 1000;
  if (std::ranges::none_of(kConfigurable,
                           [&](std::string_view prefix) { return key.starts_with(prefix); })) {
    return fail(ErrorKind::kUsage,
                fmt::format("setting '{}' is not one a user sets (they start with {})", key,
                            fmt::join(kConfigurable, " or ")),
                fmt::format("設定 '{}' 非使用者可設定者（須以 {} 開頭）", key,
                            fmt::join(kConfigurable, " 或 ")));
  }
  if (key.size() > 100 || value.size() > kLongest) {
    return fail(ErrorKind::kUsage,
                fmt::format("setting '{}': a key of 1 to 100 bytes and a value of at most {}", key,
                            kLongest),
                fmt::format("設定 '{}'：鍵長 1 至 100 位元組，值至多 {} 位元組", key, kLongest));
  }
  for (const std::string* text : {&key, &value}) {
    if (const auto unsafe = unsafe_character_in(*text);
        unsafe || text->find_first_of("\r\n") != std::string::npos) {
      return fail(ErrorKind::kUsage,
                  fmt::format("bad-character: setting '{}' holds {}", key,
                              unsafe ? describe(*unsafe, Lang::kEn) : "a line break"),
                  fmt::format("bad-character：設定 '{}' 含 {}", key,
                              unsafe ? describe(*unsafe, Lang::kZhTw) : "換行"));
    }
  }
  return {};
}

Status Workspace::put_setting(ledger::Writer& writer, const std::string& key,
                              const std::string& before, const std::string& value,
                              const std::string& actor) {
  if (before == value) {
    return {};  // nothing changes, nothing is recorded
  }
  if (Status set =
          value.empty() ? records_->remove_setting(key) : records_->set_setting(key, value);
      !set) {
    return set;
  }
  auto entry =
      writer.append({actor, "setting.set", key, before.empty() ? "" : setting_state(key, before),
                     value.empty() ? "" : setting_state(key, value)},
                    clock_->utc_now());
  if (!entry) {
    return std::unexpected(entry.error());
  }
  return {};
}

Status Workspace::set_setting(const std::string& key, const std::string& value,
                              const std::string& actor) {
  if (Status valid = check_setting(key, value); !valid) {
    return valid;
  }
  return in_transaction([&](ledger::Writer& writer) -> Status {
    auto current = records_->setting(key);
    if (!current) {
      return std::unexpected(current.error());
    }
    return put_setting(writer, key, *current, value, actor);
  });
}

Result<std::optional<std::string>> Workspace::claim_setting(const std::string& key,
                                                            const std::string& value,
                                                            const std::string& actor) {
  if (Status valid = check_setting(key, value); !valid) {
    return std::unexpected(valid.error());
  }
  return in_transaction([&](ledger::Writer& writer) -> Result<std::optional<std::string>> {
    auto current = records_->setting(key);
    if (!current) {
      return std::unexpected(current.error());
    }
    if (*current == value) {
      return std::optional<std::string>();  // claimed already
    }
    if (Status put = put_setting(writer, key, *current, value, actor); !put) {
      return std::unexpected(put.error());
    }
    return std::optional<std::string>(*current);
  });
}

Status Workspace::record_mail(const std::string& kind, const std::string& recipient,
                              const std::string& state, const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Status {
    auto entry = writer.append({actor, "mail." + kind, recipient, "", state}, clock_->utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return {};
  });
}

}  // namespace etguard::workspace
