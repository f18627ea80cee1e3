#include "pkcs11/token.h"

#include <fmt/format.h>
#include <p11-kit/p11-kit.h>
#include <p11-kit/uri.h>

#include <cstdlib>
#include <fstream>

#include "etauth/pkcs11_token.h"

namespace etguard::pkcs11 {
namespace {

// etauth's error as etguard's: a missing token or key is kNotFound, a
// malformed URI a usage error, anything the device refused an I/O error.
Error from_etauth(const etauth::Error& error) {
  const bool missing = error.code == etauth::Errc::kNotFound ||
                       error.message.starts_with("cannot load the PKCS#11 module");
  const ErrorKind kind = missing                                        ? ErrorKind::kNotFound
                         : error.code == etauth::Errc::kInvalidArgument ? ErrorKind::kUsage
                                                                        : ErrorKind::kIo;
  return Error{kind, error.message, {}};
}

std::string read_pin_source(const char* source) {
  std::string path = source;
  if (path.starts_with("file:")) {
    path = path.substr(5);
  }
  std::ifstream in(path);
  std::string pin;
  std::getline(in, pin);
  return pin;
}

std::string blank_padded(const unsigned char* field, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(field), size);
  while (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  return text;
}

}  // namespace

struct Token::State {
  std::unique_ptr<etauth::Pkcs11Token> token;
};

Token::Token(std::unique_ptr<State> state, std::string public_uri, std::string label)
    : state_(std::move(state)), public_uri_(std::move(public_uri)), label_(std::move(label)) {}
Token::Token(Token&&) noexcept = default;
Token& Token::operator=(Token&&) noexcept = default;
Token::~Token() = default;

Result<Token> Token::open(const std::string& uri_text) {
  std::unique_ptr<P11KitUri, decltype(&p11_kit_uri_free)> uri(p11_kit_uri_new(), &p11_kit_uri_free);
  if (p11_kit_uri_parse(uri_text.c_str(), P11_KIT_URI_FOR_ANY, uri.get()) != P11_KIT_URI_OK) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a PKCS#11 URI (RFC 7512)", uri_text),
                fmt::format("'{}' 不是 PKCS#11 URI（RFC 7512）", uri_text));
  }
  const char* module_path = p11_kit_uri_get_module_path(uri.get());
  CK_ATTRIBUTE* label_attribute = p11_kit_uri_get_attribute(uri.get(), CKA_LABEL);
  CK_TOKEN_INFO* wanted_token = p11_kit_uri_get_token_info(uri.get());
  if (module_path == nullptr || label_attribute == nullptr) {
    return fail(ErrorKind::kUsage, "the PKCS#11 URI needs module-path and object (the key's label)",
                "PKCS#11 URI 須含 module-path 與 object（金鑰標籤）");
  }
  std::string label(static_cast<const char*>(label_attribute->pValue), label_attribute->ulValueLen);
  std::string pin;
  if (const char* from_environment = std::getenv("ETGUARD_PKCS11_PIN")) {
    pin = from_environment;
  } else if (const char* source = p11_kit_uri_get_pin_source(uri.get())) {
    pin = read_pin_source(source);
  } else if (const char* value = p11_kit_uri_get_pin_value(uri.get())) {
    pin = value;
  }
  // The URI as it may be stored and shown: no PIN.
  p11_kit_uri_set_pin_value(uri.get(), nullptr);
  char* formatted = nullptr;
  p11_kit_uri_format(uri.get(), P11_KIT_URI_FOR_ANY, &formatted);
  std::string public_uri = formatted != nullptr ? formatted : "";
  std::free(formatted);
  if (!public_uri.empty() && public_uri.find("module-path") == std::string::npos) {
    public_uri += std::string(public_uri.find('?') == std::string::npos ? "?" : "&") +
                  "module-path=" + module_path;
  }
  auto opened = etauth::Pkcs11Token::open(public_uri, pin);
  if (!opened) {
    const etauth::Error& error = opened.error();
    if (error.message.starts_with("no PKCS#11 token matches")) {
      const std::string name = wanted_token != nullptr
                                   ? blank_padded(wanted_token->label, sizeof wanted_token->label)
                                   : "";
      return fail(ErrorKind::kNotFound,
                  fmt::format("no PKCS#11 token matches '{}' (token '{}')", public_uri, name),
                  fmt::format("沒有符合 '{}' 的 PKCS#11 權杖", public_uri));
    }
    if (error.message.find("login refused") != std::string::npos) {
      return fail(ErrorKind::kIo, error.message + "; set ETGUARD_PKCS11_PIN",
                  "PKCS#11 權杖拒絕登入；請設定 ETGUARD_PKCS11_PIN");
    }
    return std::unexpected(from_etauth(error));
  }
  auto state = std::make_unique<State>();
  state->token = std::move(*opened);
  return Token(std::move(state), std::move(public_uri), std::move(label));
}

bool Token::has_private_key() const {
  return state_->token->has_private_key(label_);
}

Status Token::generate_ed25519() {
  if (auto generated = state_->token->generate_ed25519(label_); !generated) {
    return std::unexpected(from_etauth(generated.error()));
  }
  return {};
}

Result<Bytes> Token::ed25519_public_key() const {
  auto key = state_->token->ed25519_public_key(label_);
  if (!key) {
    return std::unexpected(from_etauth(key.error()));
  }
  return Bytes(key->begin(), key->end());
}

Result<Bytes> Token::sign_ed25519(std::span<const std::uint8_t> message) const {
  auto signature = state_->token->sign_ed25519(label_, message);
  if (!signature) {
    return std::unexpected(from_etauth(signature.error()));
  }
  return Bytes(signature->begin(), signature->end());
}

bool Token::has_secret_key(std::string_view label) const {
  return state_->token->has_secret_key(label);
}

Status Token::generate_hmac_key(std::string_view label) {
  if (auto generated = state_->token->generate_hmac_key(label); !generated) {
    return std::unexpected(from_etauth(generated.error()));
  }
  return {};
}

Result<Bytes> Token::hmac_sha256(std::string_view label,
                                 std::span<const std::uint8_t> message) const {
  auto mac = state_->token->hmac_sha256(label, message);
  if (!mac) {
    return std::unexpected(from_etauth(mac.error()));
  }
  return Bytes(mac->begin(), mac->end());
}

}  // namespace etguard::pkcs11
