#include "ledger/signer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

#include "core/digest.h"

namespace etguard::ledger {
namespace {

std::vector<unsigned char> from_hex(std::string_view hex) {
  std::vector<unsigned char> out;
  if (hex.size() % 2 != 0) {
    return out;
  }
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  };
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = nibble(hex[i]);
    const int low = nibble(hex[i + 1]);
    if (high < 0 || low < 0) {
      return {};
    }
    out.push_back(static_cast<unsigned char>(high * 16 + low));
  }
  return out;
}

std::unexpected<Error> key_error(std::string_view what, const std::filesystem::path& path) {
  return fail(ErrorKind::kIo, fmt::format("ledger key '{}': {}", path.string(), what),
              fmt::format("帳本金鑰 '{}'：{}", path.string(), what));
}

}  // namespace

std::string key_id_of(std::string_view public_key_hex) {
  return sha256_hex(public_key_hex).substr(0, 16);
}

SigningKey::SigningKey(EVP_PKEY* key) : key_(key, &EVP_PKEY_free) {
  unsigned char raw[32];
  std::size_t size = sizeof raw;
  EVP_PKEY_get_raw_public_key(key, raw, &size);
  public_key_hex_ = to_hex(raw, size);
  key_id_ = key_id_of(public_key_hex_);
}

SigningKey::SigningKey(std::shared_ptr<pkcs11::Token> token, std::string_view public_key_hex)
    : token_(std::move(token)),
      public_key_hex_(public_key_hex),
      key_id_(key_id_of(public_key_hex)) {}

Result<SigningKey> SigningKey::from_token(const std::string& uri) {
  auto token = pkcs11::Token::open(uri);
  if (!token) {
    return std::unexpected(token.error());
  }
  if (!token->has_private_key()) {
    if (Status generated = token->generate_ed25519(); !generated) {
      return std::unexpected(generated.error());
    }
  }
  auto public_key = token->ed25519_public_key();
  if (!public_key) {
    return std::unexpected(public_key.error());
  }
  const std::string hex = to_hex(public_key->data(), public_key->size());
  return SigningKey(std::make_shared<pkcs11::Token>(std::move(*token)), hex);
}

Result<SigningKey> SigningKey::generate(const std::filesystem::path& path, const Random& random) {
  std::array<std::uint8_t, 32> seed{};
  if (Status drawn = random.fill(seed); !drawn) {
    return std::unexpected(drawn.error());
  }
  EVP_PKEY* key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
  OPENSSL_cleanse(seed.data(), seed.size());
  if (key == nullptr) {
    return key_error("OpenSSL could not generate an Ed25519 key", path);
  }
  SigningKey signing(key);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return key_error("cannot create the key file (does it exist already?)", path);
  }
  std::FILE* file = ::fdopen(fd, "w");
  const bool written = file != nullptr &&
                       PEM_write_PrivateKey(file, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  const bool closed = file != nullptr ? std::fclose(file) == 0 : ::close(fd) == 0;
  if (!written || !closed) {
    return key_error("cannot write the key file", path);
  }
  return signing;
}

Result<SigningKey> SigningKey::load(const std::filesystem::path& path) {
  struct stat info{};
  if (::stat(path.c_str(), &info) != 0) {
    return key_error("cannot be read", path);
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return key_error("is readable by other users; run chmod 600 on it", path);
  }
  std::FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) {
    return key_error("cannot be read", path);
  }
  EVP_PKEY* key = PEM_read_PrivateKey(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  if (key == nullptr || EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(key);
    return key_error("is not an Ed25519 private key in PEM", path);
  }
  return SigningKey(key);
}

Result<std::string> SigningKey::sign(std::string_view message) const {
  if (token_) {
    auto signature = token_->sign_ed25519(
        std::span(reinterpret_cast<const std::uint8_t*>(message.data()), message.size()));
    if (!signature) {
      return std::unexpected(signature.error());
    }
    return to_hex(signature->data(), signature->size());
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  unsigned char signature[64];
  std::size_t size = sizeof signature;
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(context.get(), signature, &size,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    return fail(ErrorKind::kInternal, "OpenSSL could not sign a ledger checkpoint",
                "OpenSSL 無法簽署帳本檢查點");
  }
  return to_hex(signature, size);
}

bool verify_signature(std::string_view public_key_hex, std::string_view message,
                      std::string_view signature_hex) {
  const auto raw_key = from_hex(public_key_hex);
  const auto signature = from_hex(signature_hex);
  if (raw_key.size() != 32 || signature.size() != 64) {
    return false;
  }
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw_key.data(), raw_key.size()),
      &EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  return key && context &&
         EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
         EVP_DigestVerify(context.get(), signature.data(), signature.size(),
                          reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

std::string public_key_pem(std::string_view public_key_hex) {
  const auto raw_key = from_hex(public_key_hex);
  if (raw_key.size() != 32) {
    return {};
  }
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw_key.data(), raw_key.size()),
      &EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!key || !bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) {
    return {};
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

Result<std::string> parse_public_key(std::string_view text, std::string_view source) {
  std::string_view trimmed = text;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())) != 0) {
    trimmed.remove_suffix(1);
  }
  if (trimmed.size() == 64 && from_hex(trimmed).size() == 32) {
    return std::string(trimmed);
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
  std::array<unsigned char, 32> raw{};
  std::size_t size = raw.size();
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519 ||
      EVP_PKEY_get_raw_public_key(key.get(), raw.data(), &size) != 1 || size != raw.size()) {
    return fail(
        ErrorKind::kInput,
        fmt::format("{}: not a public key (64 hex digits, or an Ed25519 PEM public key)", source),
        fmt::format("{}：不是公鑰（64 位十六進位，或 Ed25519 PEM 公鑰）", source));
  }
  return to_hex(raw.data(), raw.size());
}

}  // namespace etguard::ledger
