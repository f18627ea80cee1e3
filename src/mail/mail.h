// Mail out of etguard (issue 18: reminders and login notices): a plain-text
// UTF-8 message sent over SMTP, always inside TLS 1.2 or newer — STARTTLS
// required on the submission port, or TLS from the first byte — with the
// relay's certificate verified. libcurl carries SMTP
// (docs/decisions/0011-smtp-client-libcurl.md). Passwords never reach an
// error message or a log.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.h"

namespace etguard::mail {

struct Relay {
  std::string host;
  int port = 587;
  bool implicit_tls = false;      // true: TLS from the start (465); else STARTTLS, required
  std::string username;           // empty: the relay takes mail without a login
  std::string password;           // read from a file by the caller
  std::filesystem::path ca_file;  // empty: the system's trusted CAs
  std::string from;               // the sender's address
};

struct Message {
  std::string to;  // one address
  std::string subject;
  std::string body;  // UTF-8 text, LF line ends
};

// Whether `address` is one mailbox (local@domain, no spaces, brackets or
// line breaks: nothing that could add a header or a recipient).
bool is_address(std::string_view address);

// The message as RFC 5322 text: From, To, Subject (RFC 2047 when not ASCII),
// Date (`date`, RFC 5322 form), MIME headers and the body in base64.
std::string compose(const Relay& relay, const Message& message, std::string_view date);

// Something that sends a message: the relay, or a test's recorder.
class Sender {
 public:
  virtual ~Sender() = default;
  [[nodiscard]] virtual Status send(const Message& message) = 0;
};

class SmtpSender final : public Sender {
 public:
  explicit SmtpSender(Relay relay) : relay_(std::move(relay)) {}
  [[nodiscard]] Status send(const Message& message) override;

 private:
  Relay relay_;
};

}  // namespace etguard::mail
