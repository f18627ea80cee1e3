#include "pkcs11/token.h"

#include <fmt/format.h>
#include <p11-kit/p11-kit.h>
#include <p11-kit/pkcs11.h>
#include <p11-kit/uri.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace etguard::pkcs11 {
namespace {

// SoftHSM 2.6.1 (Debian 12) leaks a small ASN1 string in its EdDSA code on
// every key generation and signature, even after C_Finalize. Under
// LeakSanitizer the module's own allocations in those calls are not
// tracked; every allocation of etguard's stays checked.
class ModuleAllocations {
 public:
#if defined(__SANITIZE_ADDRESS__)
  ModuleAllocations() { __lsan_disable(); }
  ~ModuleAllocations() { __lsan_enable(); }
#else
  ModuleAllocations() = default;
#endif
  ModuleAllocations(const ModuleAllocations&) = delete;
  ModuleAllocations& operator=(const ModuleAllocations&) = delete;
};

// DER of the Ed25519 curve name as CKA_EC_PARAMS: PrintableString "edwards25519".
constexpr std::array<std::uint8_t, 14> kEd25519Params = {0x13, 0x0C, 'e', 'd', 'w', 'a', 'r',
                                                         'd',  's',  '2', '5', '5', '1', '9'};

std::unexpected<Error> token_error(std::string_view what, CK_RV code) {
  return fail(ErrorKind::kIo, fmt::format("PKCS#11: {} (CKR 0x{:X})", what, code),
              fmt::format("PKCS#11：{}（CKR 0x{:X}）", what, code));
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

// How many open tokens use each module: the last one to close finalizes
// and releases it, so the module frees everything it allocated.
std::mutex& modules_lock() {
  static std::mutex lock;
  return lock;
}

std::map<CK_FUNCTION_LIST*, int>& module_users() {
  static std::map<CK_FUNCTION_LIST*, int> users;
  return users;
}

struct Token::State {
  CK_FUNCTION_LIST* module = nullptr;
  bool initialised = false;
  CK_SESSION_HANDLE session = CK_INVALID_HANDLE;

  ~State() {
    if (module == nullptr) {
      return;
    }
    if (session != CK_INVALID_HANDLE) {
      module->C_CloseSession(session);
    }
    const std::lock_guard lock(modules_lock());
    if (initialised && --module_users()[module] == 0) {
      module_users().erase(module);
      p11_kit_module_finalize(module);
    }
    p11_kit_module_release(module);
  }

  CK_OBJECT_HANDLE find(CK_OBJECT_CLASS object_class, const std::string& label) const {
    CK_ATTRIBUTE query[] = {
        {CKA_CLASS, &object_class, sizeof object_class},
        {CKA_LABEL, const_cast<char*>(label.data()), label.size()},
    };
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    CK_ULONG found = 0;
    if (module->C_FindObjectsInit(session, query, 2) != CKR_OK) {
      return CK_INVALID_HANDLE;
    }
    module->C_FindObjects(session, &handle, 1, &found);
    module->C_FindObjectsFinal(session);
    return found == 1 ? handle : CK_INVALID_HANDLE;
  }
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

  auto state = std::make_unique<State>();
  char* error = nullptr;
  state->module = p11_kit_module_load(module_path, 0);
  if (state->module == nullptr) {
    return fail(ErrorKind::kNotFound,
                fmt::format("cannot load the PKCS#11 module '{}'", module_path),
                fmt::format("無法載入 PKCS#11 模組 '{}'", module_path));
  }
  (void)error;
  {
    const std::lock_guard lock(modules_lock());
    if (module_users()[state->module]++ == 0) {
      const CK_RV initialised = p11_kit_module_initialize(state->module);
      if (initialised != CKR_OK && initialised != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        module_users().erase(state->module);
        return token_error("the module would not initialise", initialised);
      }
    }
    state->initialised = true;
  }
  CK_ULONG count = 0;
  state->module->C_GetSlotList(CK_TRUE, nullptr, &count);
  std::vector<CK_SLOT_ID> slots(count);
  state->module->C_GetSlotList(CK_TRUE, slots.data(), &count);
  CK_SLOT_ID chosen = 0;
  bool matched = false;
  for (CK_SLOT_ID slot : slots) {
    CK_TOKEN_INFO info{};
    if (state->module->C_GetTokenInfo(slot, &info) == CKR_OK &&
        p11_kit_uri_match_token_info(uri.get(), &info) == 1) {
      chosen = slot;
      matched = true;
      break;
    }
  }
  if (!matched) {
    const std::string name = wanted_token != nullptr
                                 ? blank_padded(wanted_token->label, sizeof wanted_token->label)
                                 : "";
    return fail(ErrorKind::kNotFound,
                fmt::format("no PKCS#11 token matches '{}' (token '{}')", public_uri, name),
                fmt::format("沒有符合 '{}' 的 PKCS#11 權杖", public_uri));
  }
  CK_RV rv = state->module->C_OpenSession(chosen, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr,
                                          nullptr, &state->session);
  if (rv != CKR_OK) {
    return token_error("cannot open a session", rv);
  }
  rv = state->module->C_Login(state->session, CKU_USER,
                              reinterpret_cast<CK_UTF8CHAR_PTR>(pin.data()), pin.size());
  if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) {
    return token_error("login refused (set ETGUARD_PKCS11_PIN)", rv);
  }
  return Token(std::move(state), std::move(public_uri), std::move(label));
}

bool Token::has_private_key() const {
  return state_->find(CKO_PRIVATE_KEY, label_) != CK_INVALID_HANDLE;
}

Status Token::generate_ed25519() {
  CK_MECHANISM mechanism{CKM_EC_EDWARDS_KEY_PAIR_GEN, nullptr, 0};
  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  CK_ATTRIBUTE public_template[] = {
      {CKA_TOKEN, &yes, sizeof yes},
      {CKA_VERIFY, &yes, sizeof yes},
      {CKA_LABEL, label_.data(), label_.size()},
      {CKA_EC_PARAMS, const_cast<std::uint8_t*>(kEd25519Params.data()), kEd25519Params.size()},
  };
  CK_ATTRIBUTE private_template[] = {
      {CKA_TOKEN, &yes, sizeof yes},     {CKA_PRIVATE, &yes, sizeof yes},
      {CKA_SENSITIVE, &yes, sizeof yes}, {CKA_EXTRACTABLE, &no, sizeof no},
      {CKA_SIGN, &yes, sizeof yes},      {CKA_LABEL, label_.data(), label_.size()},
  };
  CK_OBJECT_HANDLE public_key = CK_INVALID_HANDLE;
  CK_OBJECT_HANDLE private_key = CK_INVALID_HANDLE;
  [[maybe_unused]] const ModuleAllocations untracked;
  const CK_RV rv =
      state_->module->C_GenerateKeyPair(state_->session, &mechanism, public_template, 4,
                                        private_template, 6, &public_key, &private_key);
  if (rv != CKR_OK) {
    return token_error("cannot generate an Ed25519 key pair on the token", rv);
  }
  return {};
}

Result<Bytes> Token::ed25519_public_key() const {
  const CK_OBJECT_HANDLE key = state_->find(CKO_PUBLIC_KEY, label_);
  if (key == CK_INVALID_HANDLE) {
    return fail(ErrorKind::kNotFound,
                fmt::format("PKCS#11: no public key labelled '{}' on the token", label_));
  }
  std::array<std::uint8_t, 64> point{};
  CK_ATTRIBUTE attribute{CKA_EC_POINT, point.data(), point.size()};
  const CK_RV rv = state_->module->C_GetAttributeValue(state_->session, key, &attribute, 1);
  if (rv != CKR_OK) {
    return token_error("cannot read the public key", rv);
  }
  // CKA_EC_POINT is a DER OCTET STRING (04 20 <32 bytes>) or the raw 32 bytes.
  if (attribute.ulValueLen == 34 && point[0] == 0x04 && point[1] == 0x20) {
    return Bytes(point.begin() + 2, point.begin() + 34);
  }
  if (attribute.ulValueLen == 32) {
    return Bytes(point.begin(), point.begin() + 32);
  }
  return fail(ErrorKind::kInput, "PKCS#11: the public key is not an Ed25519 point");
}

Result<Bytes> Token::sign_ed25519(std::span<const std::uint8_t> message) const {
  const CK_OBJECT_HANDLE key = state_->find(CKO_PRIVATE_KEY, label_);
  if (key == CK_INVALID_HANDLE) {
    return fail(ErrorKind::kNotFound,
                fmt::format("PKCS#11: no private key labelled '{}' on the token", label_));
  }
  CK_MECHANISM mechanism{CKM_EDDSA, nullptr, 0};
  [[maybe_unused]] const ModuleAllocations untracked;
  CK_RV rv = state_->module->C_SignInit(state_->session, &mechanism, key);
  if (rv != CKR_OK) {
    return token_error("cannot start signing", rv);
  }
  Bytes signature(64);
  CK_ULONG size = signature.size();
  rv = state_->module->C_Sign(state_->session, const_cast<std::uint8_t*>(message.data()),
                              message.size(), signature.data(), &size);
  if (rv != CKR_OK || size != 64) {
    return token_error("signing failed", rv);
  }
  return signature;
}

bool Token::has_secret_key() const {
  return state_->find(CKO_SECRET_KEY, label_) != CK_INVALID_HANDLE;
}

Status Token::generate_hmac_key() {
  CK_MECHANISM mechanism{CKM_GENERIC_SECRET_KEY_GEN, nullptr, 0};
  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  CK_OBJECT_CLASS key_class = CKO_SECRET_KEY;
  CK_KEY_TYPE key_type = CKK_GENERIC_SECRET;
  CK_ULONG length = 32;
  CK_ATTRIBUTE key_template[] = {
      {CKA_CLASS, &key_class, sizeof key_class},
      {CKA_KEY_TYPE, &key_type, sizeof key_type},
      {CKA_TOKEN, &yes, sizeof yes},
      {CKA_PRIVATE, &yes, sizeof yes},
      {CKA_SENSITIVE, &yes, sizeof yes},
      {CKA_EXTRACTABLE, &no, sizeof no},
      {CKA_SIGN, &yes, sizeof yes},
      {CKA_VALUE_LEN, &length, sizeof length},
      {CKA_LABEL, label_.data(), label_.size()},
  };
  CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
  [[maybe_unused]] const ModuleAllocations untracked;
  const CK_RV rv = state_->module->C_GenerateKey(state_->session, &mechanism, key_template,
                                                 std::size(key_template), &key);
  if (rv != CKR_OK) {
    return token_error("cannot generate an HMAC key on the token", rv);
  }
  return {};
}

Result<Bytes> Token::hmac_sha256(std::span<const std::uint8_t> message) const {
  const CK_OBJECT_HANDLE key = state_->find(CKO_SECRET_KEY, label_);
  if (key == CK_INVALID_HANDLE) {
    return fail(ErrorKind::kNotFound,
                fmt::format("PKCS#11: no secret key labelled '{}' on the token", label_));
  }
  CK_MECHANISM mechanism{CKM_SHA256_HMAC, nullptr, 0};
  [[maybe_unused]] const ModuleAllocations untracked;
  CK_RV rv = state_->module->C_SignInit(state_->session, &mechanism, key);
  if (rv != CKR_OK) {
    return token_error("cannot start HMAC", rv);
  }
  Bytes mac(32);
  CK_ULONG size = mac.size();
  rv = state_->module->C_Sign(state_->session, const_cast<std::uint8_t*>(message.data()),
                              message.size(), mac.data(), &size);
  if (rv != CKR_OK || size != 32) {
    return token_error("HMAC failed", rv);
  }
  return mac;
}

}  // namespace etguard::pkcs11
