#include "auth/key_file_hsm.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "core/atomic_file.h"
#include "core/text.h"

namespace etguard::auth {
namespace {

std::unexpected<Error> key_error(std::string_view problem_en, std::string_view problem_zh,
                                 const std::filesystem::path& path) {
  return fail(ErrorKind::kInput, fmt::format("the auth key {}: {}", path.string(), problem_en),
              fmt::format("驗證金鑰 {}：{}", path.string(), problem_zh));
}

Status create_key(const std::filesystem::path& path, const Random& random) {
  std::array<std::uint8_t, 32> secret{};
  if (Status drawn = random.fill(secret); !drawn) {
    return drawn;
  }
  std::string hex = to_hex(secret.data(), secret.size()) + "\n";
  OPENSSL_cleanse(secret.data(), secret.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    OPENSSL_cleanse(hex.data(), hex.size());
    return key_error("cannot be created", "無法建立", path);
  }
  const bool written =
      ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  OPENSSL_cleanse(hex.data(), hex.size());
  if (::close(fd) != 0 || !written) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return key_error("cannot be written", "無法寫入", path);
  }
  return {};
}

}  // namespace

Result<KeyFileHsm> KeyFileHsm::open_or_create(const std::filesystem::path& path,
                                              const Random& random) {
  struct stat info{};
  if (::lstat(path.c_str(), &info) != 0) {
    if (Status created = create_key(path, random); !created) {
      return std::unexpected(created.error());
    }
  } else if (!S_ISREG(info.st_mode)) {
    return key_error("is not a regular file", "不是一般檔案", path);
  } else if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return key_error("is readable by other users; run chmod 600 on it",
                     "其他使用者可讀取；請執行 chmod 600", path);
  }
  auto text = read_file(path);
  if (!text) {
    return std::unexpected(text.error());
  }
  const std::string_view hex = trim(*text);
  std::array<std::uint8_t, 32> secret{};
  const bool parsed = hex.size() == 64 && from_hex(hex, secret);
  OPENSSL_cleanse(text->data(), text->size());
  if (!parsed) {
    return key_error("is not 64 hexadecimal digits", "不是 64 位十六進位數字", path);
  }
  KeyFileHsm hsm(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  return hsm;
}

KeyFileHsm::~KeyFileHsm() {
  OPENSSL_cleanse(secret_.data(), secret_.size());
}

etauth::Result<std::array<std::uint8_t, 32>> KeyFileHsm::hmac_sha256(
    std::string_view key_id, std::span<const std::uint8_t> data) {
  // The named key: HMAC(secret, "etguard auth key " + key_id).
  const std::string label = "etguard auth key " + std::string(key_id);
  std::array<std::uint8_t, 32> derived{};
  std::array<std::uint8_t, 32> out{};
  unsigned int size = 0;
  const bool ok = HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
                       reinterpret_cast<const unsigned char*>(label.data()), label.size(),
                       derived.data(), &size) != nullptr &&
                  HMAC(EVP_sha256(), derived.data(), static_cast<int>(derived.size()), data.data(),
                       data.size(), out.data(), &size) != nullptr;
  OPENSSL_cleanse(derived.data(), derived.size());
  if (!ok) {
    return etauth::error(etauth::Errc::kCrypto, "HMAC-SHA256 failed");
  }
  return out;
}

}  // namespace etguard::auth
