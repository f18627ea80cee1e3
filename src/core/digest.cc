#include "core/digest.h"

#include <fmt/format.h>

#include <fstream>

namespace etguard {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[data[i] >> 4U];
    out[2 * i + 1] = kDigits[data[i] & 0x0FU];
  }
  return out;
}

Sha256Hasher::Sha256Hasher() : context_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
  EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr);
}

void Sha256Hasher::update(std::string_view data) {
  EVP_DigestUpdate(context_.get(), data.data(), data.size());
}

Sha256 Sha256Hasher::finish() {
  Sha256 digest{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(context_.get(), digest.data(), &size);
  EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr);
  return digest;
}

Sha256 sha256(std::string_view data) {
  Sha256 digest{};
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr);
  return digest;
}

std::string sha256_hex(std::string_view data) {
  return to_hex(sha256(data));
}

Result<Sha256> sha256_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorKind::kNotFound, fmt::format("cannot read '{}'", path.string()),
                fmt::format("無法讀取 '{}'", path.string()));
  }
  Sha256Hasher hasher;
  std::string buffer(1 << 16, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hasher.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  return hasher.finish();
}

}  // namespace etguard
