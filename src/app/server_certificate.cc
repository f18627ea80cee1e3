#include "app/server_certificate.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <memory>

#include "core/atomic_file.h"
#include "core/digest.h"

namespace etguard::app {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* pointer) const { Free(pointer); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

// Certificates a browser accepts live at most 398 days.
constexpr long kValidSeconds = 397L * 24 * 60 * 60;

Error openssl_error(std::string_view what, std::string_view what_zh) {
  return {ErrorKind::kInternal, fmt::format("cannot {}: OpenSSL refused", what),
          fmt::format("無法{}：OpenSSL 拒絕", what_zh)};
}

std::string pem_of(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

bool add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  if (extension == nullptr) {
    return false;
  }
  const bool added = X509_add_ext(cert, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  return added;
}

bool is_address(const std::string& host) {
  return host.find(':') != std::string::npos ||
         host.find_first_not_of("0123456789.") == std::string::npos;
}

Result<std::pair<std::string, std::string>> make_self_signed(
    const Session& session, const std::vector<std::string>& hosts) {
  // EVP_EC_gen, without its macro's cast of a const string (-Wcast-qual).
  std::array<char, 6> curve{"P-256"};
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve.data()));
  Cert cert(X509_new());
  if (!key || !cert) {
    return std::unexpected(openssl_error("make a key", "產生金鑰"));
  }
  std::array<std::uint8_t, 16> serial{};
  if (Status filled = session.random().fill(serial); !filled) {
    return std::unexpected(filled.error());
  }
  serial[0] &= 0x7FU;  // positive
  BIGNUM* number = BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr);
  const std::string subject = hosts.empty() ? std::string("localhost") : hosts.front();
  std::string names;
  for (const std::string& host : hosts) {
    names +=
        fmt::format("{}{}:{}", names.empty() ? "" : ",", is_address(host) ? "IP" : "DNS", host);
  }
  std::time_t now = std::chrono::system_clock::to_time_t(session.clock().now());
  const bool built =
      number != nullptr &&
      BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get())) != nullptr &&
      X509_set_version(cert.get(), 2) == 1 &&
      X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, -300, &now) != nullptr &&
      X509_time_adj_ex(X509_getm_notAfter(cert.get()), 0, kValidSeconds, &now) != nullptr &&
      X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "O", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>("etguard serve"), -1, -1,
                                 0) == 1 &&
      X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(subject.c_str()), -1, -1,
                                 0) == 1 &&
      X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) == 1 &&
      X509_set_pubkey(cert.get(), key.get()) == 1 &&
      add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") &&
      add_extension(cert.get(), NID_key_usage, "critical,digitalSignature") &&
      add_extension(cert.get(), NID_ext_key_usage, "serverAuth") &&
      add_extension(cert.get(), NID_subject_key_identifier, "hash") &&
      (names.empty() || add_extension(cert.get(), NID_subject_alt_name, names)) &&
      X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
  BN_free(number);
  if (!built) {
    return std::unexpected(openssl_error("make the server certificate", "產生伺服器憑證"));
  }
  Bio cert_pem(BIO_new(BIO_s_mem()));
  Bio key_pem(BIO_new(BIO_s_mem()));
  if (!cert_pem || !key_pem || PEM_write_bio_X509(cert_pem.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1) {
    return std::unexpected(openssl_error("write the server certificate", "寫入伺服器憑證"));
  }
  return std::pair{pem_of(cert_pem.get()), pem_of(key_pem.get())};
}

// The private key goes to disk readable by its owner only, atomically.
Status write_private(const std::filesystem::path& path, const std::string& pem) {
  return produce_file_atomically(path, [&pem](const std::filesystem::path& temporary) -> Status {
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    const bool written =
        fd >= 0 && ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size());
    if (fd >= 0) {
      ::close(fd);
    }
    if (!written) {
      return fail(ErrorKind::kIo, fmt::format("cannot write {}", temporary.string()),
                  fmt::format("無法寫入 {}", temporary.string()));
    }
    return {};
  });
}

Result<ServerCertificate> load(const std::filesystem::path& cert_path,
                               const std::filesystem::path& key_path, bool created) {
  auto cert_text = read_file(cert_path);
  if (!cert_text) {
    return std::unexpected(cert_text.error());
  }
  auto key_text = read_file(key_path);
  if (!key_text) {
    return std::unexpected(key_text.error());
  }
  Bio cert_bio(BIO_new_mem_buf(cert_text->data(), static_cast<int>(cert_text->size())));
  Bio key_bio(BIO_new_mem_buf(key_text->data(), static_cast<int>(key_text->size())));
  Cert cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    return fail(ErrorKind::kInput, fmt::format("{}: not a PEM certificate", cert_path.string()),
                fmt::format("{}：不是 PEM 格式之憑證", cert_path.string()));
  }
  Key key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!key) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: not an unencrypted PEM private key", key_path.string()),
                fmt::format("{}：不是未加密之 PEM 私鑰", key_path.string()));
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return fail(ErrorKind::kInput,
                fmt::format("{} is not the key of {}", key_path.string(), cert_path.string()),
                fmt::format("{} 不是 {} 之私鑰", key_path.string(), cert_path.string()));
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  X509_digest(cert.get(), EVP_sha256(), digest.data(), &size);
  return ServerCertificate{.cert = cert_path,
                           .key = key_path,
                           .sha256 = to_hex(digest.data(), size),
                           .created = created};
}

}  // namespace

Result<ServerCertificate> server_certificate(Session& session,
                                             const std::optional<std::filesystem::path>& cert,
                                             const std::optional<std::filesystem::path>& key,
                                             const std::vector<std::string>& hosts) {
  if (cert.has_value() != key.has_value()) {
    return fail(ErrorKind::kUsage, "--cert and --key go together", "--cert 與 --key 須一併提供");
  }
  if (cert && key) {
    return load(*cert, *key, false);
  }
  const std::filesystem::path dir = session.root() / "server";
  const std::filesystem::path cert_path = dir / "cert.pem";
  const std::filesystem::path key_path = dir / "key.pem";
  std::error_code error;
  if (std::filesystem::exists(cert_path, error) && std::filesystem::exists(key_path, error)) {
    return load(cert_path, key_path, false);
  }
  std::filesystem::create_directories(dir, error);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, error);
  auto made = make_self_signed(session, hosts);
  if (!made) {
    return std::unexpected(made.error());
  }
  if (Status written = write_private(key_path, made->second); !written) {
    return std::unexpected(written.error());
  }
  if (Status written = write_file_atomically(cert_path, made->first); !written) {
    return std::unexpected(written.error());
  }
  return load(cert_path, key_path, true);
}

}  // namespace etguard::app
