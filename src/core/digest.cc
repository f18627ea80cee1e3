#include "core/digest.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace etguard {

void to_hex(const unsigned char* data, std::size_t size, char* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[data[i] >> 4U];
    out[2 * i + 1] = kDigits[data[i] & 0x0FU];
  }
}

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2, '0');
  to_hex(data, size, out.data());
  return out;
}

std::string to_base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(data.data()),
                                      static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::string> hex_to_bytes(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  if (hex.size() % 2 != 0 ||
      !from_hex(hex, {reinterpret_cast<std::uint8_t*>(out.data()), out.size()})) {
    return std::nullopt;
  }
  return out;
}

std::string to_base64url(std::string_view data) {
  std::string text = to_base64(data);
  std::erase(text, '=');
  std::ranges::replace(text, '+', '-');
  std::ranges::replace(text, '/', '_');
  return text;
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

bool from_hex(std::string_view hex, std::span<std::uint8_t> out) {
  if (hex.size() != 2 * out.size()) {
    return false;
  }
  const auto digit = hex_digit_value;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = digit(hex[2 * i]);
    const int low = digit(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      return false;
    }
    out[i] = static_cast<std::uint8_t>((high << 4) | low);
  }
  return true;
}

namespace {

const EVP_MD* fetched_sha256() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(
      EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free);
  return md.get();
}

}  // namespace

Sha256Hasher::Sha256Hasher() : context_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
  EVP_DigestInit_ex2(context_.get(), fetched_sha256(), nullptr);
}

void Sha256Hasher::update(std::string_view data) {
  EVP_DigestUpdate(context_.get(), data.data(), data.size());
}

Sha256 Sha256Hasher::finish() {
  Sha256 digest{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(context_.get(), digest.data(), &size);
  EVP_DigestInit_ex2(context_.get(), fetched_sha256(), nullptr);
  return digest;
}

Sha256 sha256(std::string_view data) {
  thread_local Sha256Hasher hasher;
  hasher.update(data);
  return hasher.finish();
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
