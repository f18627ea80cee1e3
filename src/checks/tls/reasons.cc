#include "checks/tls/reasons.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace etguard::tls_checks {
namespace {

constexpr std::array kCodes = {
    ReasonCode{"UNREACHABLE", false, "the endpoint could not be reached", "無法連線至此端點"},
    ReasonCode{"SCAN_INCOMPLETE", false, "the scan did not complete", "掃描未完成"},
    ReasonCode{"NO_TLS", false, "the endpoint accepts no SSL/TLS version",
               "此端點不接受任何 SSL/TLS 版本"},
    ReasonCode{"PROTO_SSL", false, "SSL 2.0/3.0 accepted", "接受 SSL 2.0/3.0"},
    ReasonCode{"PROTO_LEGACY", false, "TLS 1.0/1.1 accepted (TLS 1.2 or above required)",
               "接受 TLS 1.0/1.1（應使用 TLS 1.2 以上）"},
    ReasonCode{"KX_NOT_ECDHE", false, "key exchange other than ECDHE accepted",
               "接受非 ECDHE 之金鑰交換"},
    ReasonCode{"KX_TLS13_FFDHE", false, "TLS 1.3 finite-field DH groups accepted (ECDHE required)",
               "TLS 1.3 接受有限體 DH 群組（應使用 ECDHE）"},
    ReasonCode{"KX_GROUP_WEAK", false, "key-exchange group below the policy floor accepted",
               "接受低於政策下限之金鑰交換群組"},
    ReasonCode{"KX_ANON", false, "anonymous (unauthenticated) key exchange accepted",
               "接受匿名（無鑑別）金鑰交換"},
    ReasonCode{"CIPHER_WEAK", false,
               "cipher below AES-128 strength (or with a 64-bit tag) accepted",
               "接受強度低於 AES-128（或 64 位元驗證標籤）之加密演算法"},
    ReasonCode{"MAC_SHA1", false, "HMAC-SHA1/MD5 record MAC accepted (SHA-256 floor)",
               "接受 HMAC-SHA1/MD5 訊息鑑別碼（下限為 SHA-256）"},
    ReasonCode{"PREFERS_WEAK", false, "the server's own first choice is a non-compliant suite",
               "伺服器優先選用不符規定之加密套件"},
    ReasonCode{"CERT_RSA_WEAK", false, "RSA/DSA certificate key below 2048 bits",
               "憑證 RSA/DSA 金鑰長度低於 2048 位元"},
    ReasonCode{"CERT_EC_WEAK", false, "elliptic-curve certificate key below 256 bits",
               "憑證橢圓曲線金鑰低於 256 位元"},
    ReasonCode{"CERT_SIG_WEAK", false, "certificate signed with SHA-1/MD5",
               "憑證以 SHA-1/MD5 簽章"},
    ReasonCode{"CERT_EXPIRED", false, "certificate expired", "憑證已過期"},
    ReasonCode{"CERT_NOT_YET_VALID", false, "certificate not yet valid", "憑證尚未生效"},
    ReasonCode{"CERT_UNTRUSTED", false, "certificate chain not trusted", "憑證鏈不受信任"},
    ReasonCode{"CERT_MISSING", false, "no certificate could be obtained", "無法取得憑證"},
    ReasonCode{"SIG_SHA1", false,
               "handshake signed with SHA-1/MD5 although the client offered SHA-256",
               "用戶端提供 SHA-256 時伺服器仍以 SHA-1/MD5 簽署交握"},
    ReasonCode{"SIG_WEAK", false, "handshake signed with a hash below SHA-256",
               "交握簽章雜湊低於 SHA-256"},
    ReasonCode{"W_UNTRUSTED", true, "certificate chain not trusted by the given trust store",
               "憑證鏈不受指定之信任儲存區信任"},
    ReasonCode{"W_NAME_MISMATCH", true, "certificate does not name the host",
               "憑證未涵蓋此主機名稱"},
    ReasonCode{"W_SIG_SHA1_ACCEPTED", true,
               "signs the handshake with SHA-1 when a client offers only SHA-1",
               "用戶端僅提供 SHA-1 時伺服器接受以 SHA-1 簽署交握"},
    ReasonCode{"W_SERVER_ORDER_UNKNOWN", true,
               "the server's preference order could not be determined", "無法判定伺服器之偏好順序"},
};

}  // namespace

std::span<const ReasonCode> reason_codes() {
  return kCodes;
}

check::Reason reason(std::string_view code, const std::string& detail_en,
                     const std::string& detail_zh) {
  const auto* found = std::ranges::find(kCodes, code, &ReasonCode::code);
  if (found == kCodes.end()) {
    std::abort();  // a check used a code that is not in the table: a bug caught by the tests
  }
  check::Reason result;
  result.code = std::string(code);
  result.warning = found->warning;
  result.en =
      detail_en.empty() ? std::string(found->en) : fmt::format("{}: {}", found->en, detail_en);
  result.zh =
      detail_zh.empty() ? std::string(found->zh) : fmt::format("{}：{}", found->zh, detail_zh);
  return result;
}

}  // namespace etguard::tls_checks
