#include "etauth/pkcs11_token.h"

#include <p11-kit/p11-kit.h>
#include <p11-kit/pkcs11.h>
#include <p11-kit/uri.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace etauth {
namespace {

// SoftHSM 2.6.1 (Debian 12) leaks a small ASN1 string in its EdDSA code on
// every key generation and signature, even after C_Finalize. Under
// LeakSanitizer the module's own allocations in those calls are not
// tracked; every allocation of the caller's stays checked.
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

std::unexpected<Error> device_error(const std::string& what, CK_RV code) {
  char hex[32];
  std::snprintf(hex, sizeof hex, "0x%lX", static_cast<unsigned long>(code));
  return error(Errc::kHsm, "PKCS#11: " + what + " (CKR " + hex + ")");
}

// How many open tokens use each module: the last one to close finalizes and
// releases it, so the module frees everything it allocated.
std::mutex& modules_lock() {
  static std::mutex lock;
  return lock;
}

std::map<CK_FUNCTION_LIST*, int>& module_users() {
  static std::map<CK_FUNCTION_LIST*, int> users;
  return users;
}

CK_UTF8CHAR* label_bytes(std::string_view label) {
  return reinterpret_cast<CK_UTF8CHAR*>(const_cast<char*>(label.data()));
}

// The attributes of a 256-bit secret key of `type` to generate, plus flags.
class SecretTemplate {
 public:
  explicit SecretTemplate(CK_KEY_TYPE type) : type_(type) {
    attributes_ = {{CKA_CLASS, &class_, sizeof class_},
                   {CKA_KEY_TYPE, &type_, sizeof type_},
                   {CKA_VALUE_LEN, &length_, sizeof length_}};
  }
  SecretTemplate(const SecretTemplate&) = delete;
  SecretTemplate& operator=(const SecretTemplate&) = delete;

  SecretTemplate& flag(CK_ATTRIBUTE_TYPE attribute, bool value) {
    attributes_.push_back({attribute, value ? &yes_ : &no_, sizeof yes_});
    return *this;
  }
  SecretTemplate& label(std::string_view text) {
    attributes_.push_back({CKA_LABEL, label_bytes(text), text.size()});
    return *this;
  }
  CK_ATTRIBUTE* data() { return attributes_.data(); }
  CK_ULONG size() const { return attributes_.size(); }

 private:
  CK_OBJECT_CLASS class_ = CKO_SECRET_KEY;
  CK_KEY_TYPE type_;
  CK_ULONG length_ = 32;
  CK_BBOOL yes_ = CK_TRUE;
  CK_BBOOL no_ = CK_FALSE;
  std::vector<CK_ATTRIBUTE> attributes_;
};

}  // namespace

struct Pkcs11Token::State {
  CK_FUNCTION_LIST* module = nullptr;
  bool initialised = false;
  CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
  mutable std::mutex lock;  // one session: calls are serialised

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  State(State&&) = delete;
  State& operator=(State&&) = delete;
  ~State() {
    if (module == nullptr) {
      return;
    }
    if (session != CK_INVALID_HANDLE) {
      module->C_CloseSession(session);
    }
    const std::lock_guard guard(modules_lock());
    if (initialised && --module_users()[module] == 0) {
      module_users().erase(module);
      p11_kit_module_finalize(module);
    }
    p11_kit_module_release(module);
  }

  CK_OBJECT_HANDLE find(CK_OBJECT_CLASS object_class, std::string_view label) const {
    CK_ATTRIBUTE query[] = {
        {CKA_CLASS, &object_class, sizeof object_class},
        {CKA_LABEL, label_bytes(label), label.size()},
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

  // C_SignInit + C_Sign of `data` with `key` under `mechanism` into `out`.
  Status sign(CK_MECHANISM_TYPE mechanism_type, CK_OBJECT_HANDLE key,
              std::span<const std::uint8_t> data, std::span<std::uint8_t> out,
              const std::string& what) const {
    CK_MECHANISM mechanism{mechanism_type, nullptr, 0};
    [[maybe_unused]] const ModuleAllocations untracked;
    if (const CK_RV rv = module->C_SignInit(session, &mechanism, key); rv != CKR_OK) {
      return device_error("cannot start " + what, rv);
    }
    CK_ULONG size = out.size();
    if (const CK_RV rv = module->C_Sign(session, const_cast<std::uint8_t*>(data.data()),
                                        data.size(), out.data(), &size);
        rv != CKR_OK || size != out.size()) {
      return device_error(what + " failed", rv);
    }
    return {};
  }
};

Pkcs11Token::Pkcs11Token(std::unique_ptr<State> state) : state_(std::move(state)) {}
Pkcs11Token::~Pkcs11Token() = default;

Result<std::unique_ptr<Pkcs11Token>> Pkcs11Token::open(const std::string& uri_text,
                                                       const std::string& pin) {
  std::unique_ptr<P11KitUri, decltype(&p11_kit_uri_free)> uri(p11_kit_uri_new(), &p11_kit_uri_free);
  if (p11_kit_uri_parse(uri_text.c_str(), P11_KIT_URI_FOR_ANY, uri.get()) != P11_KIT_URI_OK) {
    return error(Errc::kInvalidArgument, "not a PKCS#11 URI (RFC 7512)");
  }
  const char* module_path = p11_kit_uri_get_module_path(uri.get());
  if (module_path == nullptr) {
    return error(Errc::kInvalidArgument, "the PKCS#11 URI names no module-path");
  }
  auto state = std::make_unique<State>();
  state->module = p11_kit_module_load(module_path, 0);
  if (state->module == nullptr) {
    return error(Errc::kHsm, std::string("cannot load the PKCS#11 module ") + module_path);
  }
  {
    const std::lock_guard guard(modules_lock());
    if (module_users()[state->module]++ == 0) {
      const CK_RV rv = p11_kit_module_initialize(state->module);
      if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        module_users().erase(state->module);
        return device_error("the module would not initialise", rv);
      }
    }
    state->initialised = true;
  }
  CK_ULONG count = 0;
  state->module->C_GetSlotList(CK_TRUE, nullptr, &count);
  std::vector<CK_SLOT_ID> slots(count);
  state->module->C_GetSlotList(CK_TRUE, slots.data(), &count);
  CK_SLOT_ID chosen = 0;
  bool found = false;
  for (CK_ULONG i = 0; i < count && !found; ++i) {
    CK_TOKEN_INFO info{};
    if (state->module->C_GetTokenInfo(slots[i], &info) == CKR_OK &&
        p11_kit_uri_match_token_info(uri.get(), &info) == 1) {
      chosen = slots[i];
      found = true;
    }
  }
  if (!found) {
    return error(Errc::kHsm, "no PKCS#11 token matches the URI");
  }
  if (const CK_RV rv = state->module->C_OpenSession(chosen, CKF_SERIAL_SESSION | CKF_RW_SESSION,
                                                    nullptr, nullptr, &state->session);
      rv != CKR_OK) {
    return device_error("cannot open a session", rv);
  }
  if (const CK_RV rv = state->module->C_Login(
          state->session, CKU_USER, reinterpret_cast<CK_UTF8CHAR*>(const_cast<char*>(pin.data())),
          pin.size());
      rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) {
    return device_error("login refused", rv);
  }
  return std::unique_ptr<Pkcs11Token>(new Pkcs11Token(std::move(state)));
}

bool Pkcs11Token::has_private_key(std::string_view label) const {
  const std::lock_guard guard(state_->lock);
  return state_->find(CKO_PRIVATE_KEY, label) != CK_INVALID_HANDLE;
}

bool Pkcs11Token::has_secret_key(std::string_view label) const {
  const std::lock_guard guard(state_->lock);
  return state_->find(CKO_SECRET_KEY, label) != CK_INVALID_HANDLE;
}

Status Pkcs11Token::generate_ed25519(std::string_view label) {
  const std::lock_guard guard(state_->lock);
  CK_MECHANISM mechanism{CKM_EC_EDWARDS_KEY_PAIR_GEN, nullptr, 0};
  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  CK_ATTRIBUTE public_template[] = {
      {CKA_TOKEN, &yes, sizeof yes},
      {CKA_VERIFY, &yes, sizeof yes},
      {CKA_LABEL, label_bytes(label), label.size()},
      {CKA_EC_PARAMS, const_cast<std::uint8_t*>(kEd25519Params.data()), kEd25519Params.size()},
  };
  CK_ATTRIBUTE private_template[] = {
      {CKA_TOKEN, &yes, sizeof yes},     {CKA_PRIVATE, &yes, sizeof yes},
      {CKA_SENSITIVE, &yes, sizeof yes}, {CKA_EXTRACTABLE, &no, sizeof no},
      {CKA_SIGN, &yes, sizeof yes},      {CKA_LABEL, label_bytes(label), label.size()},
  };
  CK_OBJECT_HANDLE public_key = CK_INVALID_HANDLE;
  CK_OBJECT_HANDLE private_key = CK_INVALID_HANDLE;
  [[maybe_unused]] const ModuleAllocations untracked;
  if (const CK_RV rv = state_->module->C_GenerateKeyPair(
          state_->session, &mechanism, public_template, std::size(public_template),
          private_template, std::size(private_template), &public_key, &private_key);
      rv != CKR_OK) {
    return device_error("cannot generate an Ed25519 key pair on the token", rv);
  }
  return {};
}

Result<Bytes> Pkcs11Token::ed25519_public_key(std::string_view label) const {
  const std::lock_guard guard(state_->lock);
  const CK_OBJECT_HANDLE key = state_->find(CKO_PUBLIC_KEY, label);
  if (key == CK_INVALID_HANDLE) {
    return error(Errc::kNotFound,
                 "PKCS#11: no public key labelled '" + std::string(label) + "' on the token");
  }
  std::array<std::uint8_t, 64> point{};
  CK_ATTRIBUTE attribute{CKA_EC_POINT, point.data(), point.size()};
  if (const CK_RV rv = state_->module->C_GetAttributeValue(state_->session, key, &attribute, 1);
      rv != CKR_OK) {
    return device_error("cannot read the public key", rv);
  }
  // CKA_EC_POINT is a DER OCTET STRING (04 20 <32 bytes>) or the raw 32 bytes.
  if (attribute.ulValueLen == 34 && point[0] == 0x04 && point[1] == 0x20) {
    return Bytes(point.begin() + 2, point.begin() + 34);
  }
  if (attribute.ulValueLen == 32) {
    return Bytes(point.begin(), point.begin() + 32);
  }
  return error(Errc::kHsm, "PKCS#11: the public key is not an Ed25519 point");
}

Result<Bytes> Pkcs11Token::sign_ed25519(std::string_view label,
                                        std::span<const std::uint8_t> message) const {
  const std::lock_guard guard(state_->lock);
  const CK_OBJECT_HANDLE key = state_->find(CKO_PRIVATE_KEY, label);
  if (key == CK_INVALID_HANDLE) {
    return error(Errc::kNotFound,
                 "PKCS#11: no private key labelled '" + std::string(label) + "' on the token");
  }
  Bytes signature(64, 0);
  if (Status signed_now = state_->sign(CKM_EDDSA, key, message, signature, "signing");
      !signed_now) {
    return std::unexpected(signed_now.error());
  }
  return signature;
}

Status Pkcs11Token::generate_hmac_key(std::string_view label) {
  const std::lock_guard guard(state_->lock);
  if (state_->find(CKO_SECRET_KEY, label) != CK_INVALID_HANDLE) {
    return error(Errc::kInvalidArgument, "a key with this label exists on the token");
  }
  CK_MECHANISM mechanism{CKM_GENERIC_SECRET_KEY_GEN, nullptr, 0};
  SecretTemplate attributes(CKK_GENERIC_SECRET);
  attributes.label(label)
      .flag(CKA_TOKEN, true)
      .flag(CKA_PRIVATE, true)
      .flag(CKA_SENSITIVE, true)
      .flag(CKA_EXTRACTABLE, false)
      .flag(CKA_SIGN, true)
      .flag(CKA_VERIFY, true)
      .flag(CKA_WRAP, false)
      .flag(CKA_ENCRYPT, false)
      .flag(CKA_DECRYPT, false);
  CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
  [[maybe_unused]] const ModuleAllocations untracked;
  if (const CK_RV rv = state_->module->C_GenerateKey(state_->session, &mechanism, attributes.data(),
                                                     attributes.size(), &key);
      rv != CKR_OK) {
    return device_error("cannot generate an HMAC key on the token", rv);
  }
  return {};
}

Result<std::array<std::uint8_t, 32>> Pkcs11Token::hmac_sha256(
    std::string_view label, std::span<const std::uint8_t> data) const {
  const std::lock_guard guard(state_->lock);
  const CK_OBJECT_HANDLE key = state_->find(CKO_SECRET_KEY, label);
  if (key == CK_INVALID_HANDLE) {
    return error(Errc::kNotFound,
                 "PKCS#11: no secret key labelled '" + std::string(label) + "' on the token");
  }
  std::array<std::uint8_t, 32> mac{};
  if (Status signed_now = state_->sign(CKM_SHA256_HMAC, key, data, mac, "HMAC"); !signed_now) {
    return std::unexpected(signed_now.error());
  }
  return mac;
}

bool Pkcs11Token::key_value_readable(std::string_view label) const {
  const std::lock_guard guard(state_->lock);
  const CK_OBJECT_HANDLE key = state_->find(CKO_SECRET_KEY, label);
  std::array<std::uint8_t, 64> value{};
  CK_ATTRIBUTE attribute{CKA_VALUE, value.data(), value.size()};
  return key != CK_INVALID_HANDLE &&
         state_->module->C_GetAttributeValue(state_->session, key, &attribute, 1) == CKR_OK &&
         attribute.ulValueLen != CK_UNAVAILABLE_INFORMATION;
}

bool Pkcs11Token::key_wrappable(std::string_view label) const {
  const std::lock_guard guard(state_->lock);
  const CK_OBJECT_HANDLE key = state_->find(CKO_SECRET_KEY, label);
  if (key == CK_INVALID_HANDLE) {
    return false;
  }
  // A session AES key that may wrap: the most a caller could try.
  CK_MECHANISM generate{CKM_AES_KEY_GEN, nullptr, 0};
  SecretTemplate attributes(CKK_AES);
  attributes.flag(CKA_TOKEN, false).flag(CKA_WRAP, true);
  CK_OBJECT_HANDLE wrapper = CK_INVALID_HANDLE;
  if (state_->module->C_GenerateKey(state_->session, &generate, attributes.data(),
                                    attributes.size(), &wrapper) != CKR_OK) {
    return false;
  }
  CK_MECHANISM wrap{CKM_AES_KEY_WRAP_PAD, nullptr, 0};
  std::array<std::uint8_t, 128> wrapped{};
  CK_ULONG size = wrapped.size();
  const bool wrapped_out = state_->module->C_WrapKey(state_->session, &wrap, wrapper, key,
                                                     wrapped.data(), &size) == CKR_OK;
  state_->module->C_DestroyObject(state_->session, wrapper);
  return wrapped_out;
}

}  // namespace etauth
