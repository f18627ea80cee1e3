#include "mail/mail.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <mutex>

#include "core/digest.h"

namespace etguard::mail {
namespace {

bool ascii_printable(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return c >= 0x20 && c < 0x7f; });
}

// A header's text: as it is when plain ASCII, else an RFC 2047 encoded word.
std::string header_text(std::string_view text) {
  return ascii_printable(text) ? std::string(text) : "=?UTF-8?B?" + to_base64(text) + "?=";
}

struct Payload {
  std::string_view text;
  std::size_t sent = 0;
};

std::size_t read_payload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* payload = static_cast<Payload*>(user);
  const std::size_t n = std::min(size * count, payload->text.size() - payload->sent);
  std::copy_n(payload->text.data() + payload->sent, n, buffer);
  payload->sent += n;
  return n;
}

}  // namespace

bool is_address(std::string_view address) {
  const auto at = address.find('@');
  if (address.empty() || address.size() > 254 || at == 0 || at == std::string_view::npos ||
      at + 1 == address.size() || address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return std::ranges::none_of(address, [](char c) {
    return c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
           c == '\\' || c == '(' || c == ')';
  });
}

std::string compose(const Relay& relay, const Message& message, std::string_view date) {
  std::string body;  // CR LF line ends on the wire
  body.reserve(message.body.size() + message.body.size() / 16);
  for (const char c : message.body) {
    if (c == '\n') {
      body += '\r';
    }
    body += c;
  }
  std::string encoded = to_base64(body);
  std::string lines;
  for (std::size_t at = 0; at < encoded.size(); at += 76) {
    lines += encoded.substr(at, 76) + "\r\n";
  }
  return fmt::format(
      "Date: {}\r\nFrom: etguard <{}>\r\nTo: <{}>\r\nSubject: {}\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n"
      "Auto-Submitted: auto-generated\r\n\r\n{}",
      date, relay.from, message.to, header_text(message.subject), lines);
}

Status SmtpSender::send(const Message& message) {
  for (const std::string_view address :
       {std::string_view(relay_.from), std::string_view(message.to)}) {
    if (!is_address(address)) {
      return fail(ErrorKind::kUsage, fmt::format("'{}' is not an e-mail address", address),
                  fmt::format("'{}' 不是電子郵件地址", address));
    }
  }
  if (message.subject.find_first_of("\r\n") != std::string::npos) {
    return fail(ErrorKind::kUsage, "a subject is one line", "主旨須為單行");
  }
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::array<char, 64> date_text{};
  const std::size_t date_size =
      std::strftime(date_text.data(), date_text.size(), "%a, %d %b %Y %H:%M:%S +0000", &utc);
  const std::string date(date_text.data(), date_size);
  Payload payload{.text = {}, .sent = 0};
  const std::string text = compose(relay_, message, date);
  payload.text = text;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    return fail(ErrorKind::kInternal, "cannot start an SMTP client", "無法啟動 SMTP 用戶端");
  }
  const std::string url =
      fmt::format("{}://{}:{}", relay_.implicit_tls ? "smtps" : "smtp", relay_.host, relay_.port);
  const std::string from = "<" + relay_.from + ">";
  const std::string to = "<" + message.to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  char problem[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!relay_.ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, relay_.ca_file.c_str());
  }
  if (!relay_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, relay_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, relay_.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_payload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, problem);
  const CURLcode sent = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (sent != CURLE_OK) {
    const std::string why = problem[0] != '\0' ? problem : curl_easy_strerror(sent);
    return fail(
        ErrorKind::kIo,
        fmt::format("cannot send mail to {} through {}:{}: {}", message.to, relay_.host,
                    relay_.port, why),
        fmt::format("無法經 {}:{} 寄信給 {}：{}", relay_.host, relay_.port, message.to, why));
  }
  return {};
}

}  // namespace etguard::mail
