#include "push/push.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/crypto.h>

#include <array>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>

namespace etguard::push {
namespace {

constexpr std::size_t kMaxAnswerBytes = std::size_t{1} << 20U;
constexpr std::size_t kMaxTokenFileBytes = 4096;

struct Received {
  std::string body;
  bool too_large = false;
};

std::size_t receive(char* data, std::size_t size, std::size_t count, void* user) {
  auto* received = static_cast<Received*>(user);
  const std::size_t n = size * count;
  if (received->body.size() + n > kMaxAnswerBytes) {
    received->too_large = true;
    return 0;  // stops the transfer
  }
  received->body.append(data, n);
  return n;
}

// The Authorization header, wiped when the request is done.
class BearerHeader {
 public:
  explicit BearerHeader(std::string_view token) : line_("Authorization: Bearer ") {
    line_ += token;
  }
  BearerHeader(const BearerHeader&) = delete;
  BearerHeader& operator=(const BearerHeader&) = delete;
  ~BearerHeader() { OPENSSL_cleanse(line_.data(), line_.size()); }
  const char* c_str() const { return line_.c_str(); }

 private:
  std::string line_;
};

bool https_url(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  return url.starts_with(kScheme) && url.size() > kScheme.size() &&
         url.find_first_of(" \t\r\n@?#") == std::string_view::npos;
}

}  // namespace

Result<Answer> post_json(const Server& server, std::string_view path, std::string_view body) {
  if (!https_url(server.url)) {
    return fail(ErrorKind::kUsage,
                fmt::format("'{}' is not a server to push to: give https://HOST[:PORT] "
                            "(HTTPS only, no credentials in the URL)",
                            server.url),
                fmt::format("「{}」不是可上傳之伺服器：請給 https://主機[:埠]（僅限 HTTPS，"
                            "網址中不得含帳密）",
                            server.url));
  }
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                                 &curl_easy_cleanup);
  if (!curl) {
    return fail(ErrorKind::kInternal, "cannot start an HTTPS client", "無法啟動 HTTPS 用戶端");
  }
  std::string url = server.url;
  while (url.ends_with('/')) {
    url.pop_back();
  }
  url += path;
  const BearerHeader bearer(server.token);
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Accept: application/json");
  headers = curl_slist_append(headers, bearer.c_str());
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(
      headers, &curl_slist_free_all);
  Received received;
  std::array<char, CURL_ERROR_SIZE> problem{};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(handle, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  const std::string ca_file = server.ca_file.string();
  if (!ca_file.empty()) {
    curl_easy_setopt(handle, CURLOPT_CAINFO, ca_file.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  // Its size is given below: the body need not end with a NUL.
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS,
                   body.data());  // NOLINT(bugprone-suspicious-stringview-data-usage)
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, receive);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &received);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 15L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, server.timeout_seconds);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, problem.data());
  const CURLcode done = curl_easy_perform(handle);
  if (received.too_large) {
    return fail(
        ErrorKind::kIo,
        fmt::format("{} answered with more than 1 MiB; is it an etguard server?", server.url),
        fmt::format("{} 之回應超過 1 MiB；它是 etguard 伺服器嗎？", server.url));
  }
  if (done != CURLE_OK) {
    const std::string why = problem[0] != '\0' ? problem.data() : curl_easy_strerror(done);
    return fail(ErrorKind::kIo, fmt::format("cannot push to {}: {}", server.url, why),
                fmt::format("無法上傳至 {}：{}", server.url, why));
  }
  Answer answer;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &answer.status);
  char* type = nullptr;
  curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &type);
  answer.content_type = type == nullptr ? "" : type;
  answer.body = std::move(received.body);
  return answer;
}

Result<std::string> read_token_file(const std::filesystem::path& path) {
  const auto unreadable = [&](std::string_view en, std::string_view zh) {
    return fail(ErrorKind::kUsage, fmt::format("token file {}: {}", path.string(), en),
                fmt::format("權杖檔 {}：{}", path.string(), zh));
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return unreadable("cannot be read", "無法讀取");
  }
  std::string text;
  text.resize(kMaxTokenFileBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxTokenFileBytes) {
    OPENSSL_cleanse(text.data(), text.size());
    return unreadable("larger than a token", "大於權杖");
  }
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  std::string token = first == std::string::npos ? "" : text.substr(first, last - first + 1);
  OPENSSL_cleanse(text.data(), text.size());
  if (token.empty() || token.find_first_of(" \t\r\n") != std::string::npos) {
    return unreadable("holds no token (one line, as `etguard token add` printed it)",
                      "未含權杖（一行，即 `etguard token add` 所印出者）");
  }
  return token;
}

}  // namespace etguard::push
