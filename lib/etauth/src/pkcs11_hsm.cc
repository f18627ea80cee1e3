#include "etauth/pkcs11_hsm.h"

#include <p11-kit/p11-kit.h>
#include <p11-kit/pkcs11.h>
#include <p11-kit/uri.h>

#include <mutex>
#include <vector>

namespace etauth {
namespace {

std::unexpected<Error> device_error(const std::string& what, CK_RV code) {
  char hex[32];
  std::snprintf(hex, sizeof hex, "0x%lX", static_cast<unsigned long>(code));
  return error(Errc::kHsm, "PKCS#11: " + what + " (CKR " + hex + ")");
}

}  // namespace

struct Pkcs11Hsm::State {
  CK_FUNCTION_LIST* module = nullptr;
  bool initialised = false;
  CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
  std::mutex lock;  // one session: calls are serialised

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
    if (initialised) {
      p11_kit_module_finalize(module);
    }
    p11_kit_module_release(module);
  }

  CK_OBJECT_HANDLE find_secret(const std::string& label) const {
    CK_OBJECT_CLASS secret = CKO_SECRET_KEY;
    CK_ATTRIBUTE query[] = {
        {CKA_CLASS, &secret, sizeof secret},
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

Pkcs11Hsm::Pkcs11Hsm(std::unique_ptr<State> state) : state_(std::move(state)) {}
Pkcs11Hsm::~Pkcs11Hsm() = default;

Result<std::unique_ptr<Pkcs11Hsm>> Pkcs11Hsm::open(const std::string& uri_text,
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
  if (const CK_RV rv = p11_kit_module_initialize(state->module); rv != CKR_OK) {
    return device_error("initialise", rv);
  }
  state->initialised = true;
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
    return device_error("open a session", rv);
  }
  if (const CK_RV rv = state->module->C_Login(
          state->session, CKU_USER, reinterpret_cast<CK_UTF8CHAR*>(const_cast<char*>(pin.data())),
          pin.size());
      rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) {
    return device_error("log in", rv);
  }
  return std::unique_ptr<Pkcs11Hsm>(new Pkcs11Hsm(std::move(state)));
}

Status Pkcs11Hsm::generate_pepper_key(const std::string& key_id) {
  const std::lock_guard guard(state_->lock);
  if (state_->find_secret(key_id) != CK_INVALID_HANDLE) {
    return error(Errc::kInvalidArgument, "a key with this id exists on the device");
  }
  CK_MECHANISM mechanism{CKM_GENERIC_SECRET_KEY_GEN, nullptr, 0};
  CK_OBJECT_CLASS secret = CKO_SECRET_KEY;
  CK_KEY_TYPE type = CKK_GENERIC_SECRET;
  CK_ULONG length = 32;
  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  CK_ATTRIBUTE attributes[] = {
      {CKA_CLASS, &secret, sizeof secret},
      {CKA_KEY_TYPE, &type, sizeof type},
      {CKA_VALUE_LEN, &length, sizeof length},
      {CKA_LABEL, const_cast<char*>(key_id.data()), key_id.size()},
      {CKA_TOKEN, &yes, sizeof yes},
      {CKA_PRIVATE, &yes, sizeof yes},
      {CKA_SENSITIVE, &yes, sizeof yes},
      {CKA_EXTRACTABLE, &no, sizeof no},
      {CKA_SIGN, &yes, sizeof yes},
      {CKA_VERIFY, &yes, sizeof yes},
      {CKA_WRAP, &no, sizeof no},
      {CKA_ENCRYPT, &no, sizeof no},
      {CKA_DECRYPT, &no, sizeof no},
  };
  CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
  if (const CK_RV rv = state_->module->C_GenerateKey(state_->session, &mechanism, attributes,
                                                     std::size(attributes), &key);
      rv != CKR_OK) {
    return device_error("generate the pepper key", rv);
  }
  return {};
}

Result<std::array<std::uint8_t, 32>> Pkcs11Hsm::hmac_sha256(std::string_view key_id,
                                                            std::span<const std::uint8_t> data) {
  const std::lock_guard guard(state_->lock);
  const CK_OBJECT_HANDLE key = state_->find_secret(std::string(key_id));
  if (key == CK_INVALID_HANDLE) {
    return error(Errc::kNotFound, "no pepper key with this id on the device");
  }
  CK_MECHANISM mechanism{CKM_SHA256_HMAC, nullptr, 0};
  if (const CK_RV rv = state_->module->C_SignInit(state_->session, &mechanism, key); rv != CKR_OK) {
    return device_error("start HMAC", rv);
  }
  std::array<std::uint8_t, 32> mac{};
  CK_ULONG length = mac.size();
  if (const CK_RV rv =
          state_->module->C_Sign(state_->session, const_cast<std::uint8_t*>(data.data()),
                                 data.size(), mac.data(), &length);
      rv != CKR_OK || length != mac.size()) {
    return device_error("HMAC", rv);
  }
  return mac;
}

bool Pkcs11Hsm::key_value_readable(const std::string& key_id) {
  const std::lock_guard guard(state_->lock);
  const CK_OBJECT_HANDLE key = state_->find_secret(key_id);
  std::array<std::uint8_t, 64> value{};
  CK_ATTRIBUTE attribute{CKA_VALUE, value.data(), value.size()};
  return key != CK_INVALID_HANDLE &&
         state_->module->C_GetAttributeValue(state_->session, key, &attribute, 1) == CKR_OK &&
         attribute.ulValueLen != CK_UNAVAILABLE_INFORMATION;
}

bool Pkcs11Hsm::key_wrappable(const std::string& key_id) {
  const std::lock_guard guard(state_->lock);
  const CK_OBJECT_HANDLE key = state_->find_secret(key_id);
  if (key == CK_INVALID_HANDLE) {
    return false;
  }
  // A session AES key that may wrap: the most a caller could try.
  CK_MECHANISM generate{CKM_AES_KEY_GEN, nullptr, 0};
  CK_OBJECT_CLASS secret = CKO_SECRET_KEY;
  CK_KEY_TYPE type = CKK_AES;
  CK_ULONG length = 32;
  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  CK_ATTRIBUTE attributes[] = {
      {CKA_CLASS, &secret, sizeof secret},
      {CKA_KEY_TYPE, &type, sizeof type},
      {CKA_VALUE_LEN, &length, sizeof length},
      {CKA_TOKEN, &no, sizeof no},
      {CKA_WRAP, &yes, sizeof yes},
  };
  CK_OBJECT_HANDLE wrapper = CK_INVALID_HANDLE;
  if (state_->module->C_GenerateKey(state_->session, &generate, attributes, std::size(attributes),
                                    &wrapper) != CKR_OK) {
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
