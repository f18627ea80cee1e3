// Reminders by e-mail (issue 18): each user's daily digest of what comes due
// in 30, 7 and 1 days and what is overdue (the "my tasks" of their
// dashboard), sent once a day through the mail relay configured in the
// workspace (mail.* settings); each mail sent is a ledger entry (mail.digest).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/session.h"
#include "mail/mail.h"

namespace etguard::app {

// The keys `etguard mail set` takes, with what each means.
struct MailKey {
  std::string_view key;
  std::string_view en;
  std::string_view zh;
};
std::span<const MailKey> mail_keys();

// Sets one mail.* setting after checking its value (a port is a number, an
// address is one mailbox, a file exists); an empty value removes it.
[[nodiscard]] Status configure_mail(Session& session, const std::string& key,
                                    const std::string& value);
[[nodiscard]] Result<std::map<std::string, std::string>> mail_settings(Session& session);

// The relay as configured, its password read from mail.password_file;
// kUsage naming what is missing when mail is not configured.
[[nodiscard]] Result<std::unique_ptr<mail::Sender>> mail_sender(Session& session);

// One user's digest.
struct Digest {
  std::string user;
  std::string address;  // from the display name "Name <address>"; empty: none
  int overdue = 0;
  int due_in_1 = 0;
  int due_in_7 = 0;
  int due_in_30 = 0;
  mail::Message message = {};  // empty `to` when there is no address
  bool sent = false;
};

struct DigestRun {
  std::string day;
  bool already_sent = false;    // today's digests went out before (not forced)
  std::vector<Digest> digests;  // every user with something due, by name
};

// Today's digests; sent through `sender` unless it is null (a preview) or
// they went out today already (unless `force`). A user without an address
// is listed, not mailed. Stops at the first mail the relay refuses.
[[nodiscard]] Result<DigestRun> send_digests(Session& session, mail::Sender* sender, bool force);

// Whether `now` is at or after `digest_hour` (UTC) of its day.
bool digest_due(int digest_hour, TimePoint now);

// etguard serve's daily run, each minute: today's digests once
// mail.digest_hour (UTC) has come and they have not gone out today (by the
// server or by `etguard remind --send`); nullopt when there is nothing to do
// (no relay or hour configured, the hour not come, sent already).
[[nodiscard]] Result<std::optional<DigestRun>> send_digests_when_due(Session& session);

// A login, as the notice to its user tells it.
struct LoginNotice {
  std::string user;
  std::string display;  // "Name <address>": where the notice goes
  std::string source;   // the address the login came from
  std::string at;       // UTC, as the ledger records it
};
// Mails the user that they logged in (so a login they did not make is seen),
// when mail is configured and their display name holds an address; each
// notice sent is a ledger entry mail.login_notice. Whether one was sent.
[[nodiscard]] Result<bool> send_login_notice(Session& session, const LoginNotice& notice);

}  // namespace etguard::app
