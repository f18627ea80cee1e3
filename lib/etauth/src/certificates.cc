#include "etauth/certificates.h"

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace etauth {
namespace {

using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

Certificate parse(std::span<const std::uint8_t> der) {
  const unsigned char* at = der.data();
  Certificate certificate(d2i_X509(nullptr, &at, static_cast<long>(der.size())), &X509_free);
  if (certificate && at != der.data() + der.size()) {
    certificate.reset();
  }
  return certificate;
}

}  // namespace

struct ApprovedAuthorities::State {
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store{X509_STORE_new(), &X509_STORE_free};
};

ApprovedAuthorities::ApprovedAuthorities(std::unique_ptr<State> state) : state_(std::move(state)) {}
ApprovedAuthorities::ApprovedAuthorities(ApprovedAuthorities&&) noexcept = default;
ApprovedAuthorities& ApprovedAuthorities::operator=(ApprovedAuthorities&&) noexcept = default;
ApprovedAuthorities::~ApprovedAuthorities() = default;

Result<ApprovedAuthorities> ApprovedAuthorities::create(std::span<const Bytes> ca_certificates) {
  auto state = std::make_unique<State>();
  if (!state->store) {
    return error(Errc::kCrypto, "certificate store");
  }
  for (const Bytes& der : ca_certificates) {
    Certificate ca = parse(der);
    if (!ca) {
      return error(Errc::kInvalidArgument, "an approved CA is not a DER certificate");
    }
    if (X509_check_ca(ca.get()) == 0) {
      return error(Errc::kInvalidArgument, "an approved certificate is not a CA");
    }
    if (X509_STORE_add_cert(state->store.get(), ca.get()) != 1) {
      return error(Errc::kCrypto, "could not add an approved CA");
    }
  }
  return ApprovedAuthorities(std::move(state));
}

Result<PublicKey> ApprovedAuthorities::verify(std::span<const std::uint8_t> leaf_der,
                                              std::span<const Bytes> intermediates,
                                              std::chrono::sys_seconds at) const {
  Certificate leaf = parse(leaf_der);
  if (!leaf) {
    return error(Errc::kInvalidArgument, "not a DER certificate");
  }
  std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> chain(
      sk_X509_new_null(), [](STACK_OF(X509) * stack) { sk_X509_pop_free(stack, X509_free); });
  for (const Bytes& der : intermediates) {
    Certificate intermediate = parse(der);
    if (!intermediate) {
      return error(Errc::kInvalidArgument, "an intermediate is not a DER certificate");
    }
    sk_X509_push(chain.get(), intermediate.release());
  }
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> context(X509_STORE_CTX_new(),
                                                                          &X509_STORE_CTX_free);
  if (!context ||
      X509_STORE_CTX_init(context.get(), state_->store.get(), leaf.get(), chain.get()) != 1) {
    return error(Errc::kCrypto, "certificate verification could not start");
  }
  X509_VERIFY_PARAM* params = X509_STORE_CTX_get0_param(context.get());
  X509_VERIFY_PARAM_set_time(params, at.time_since_epoch().count());
  X509_VERIFY_PARAM_set_flags(params, X509_V_FLAG_X509_STRICT);
  if (X509_verify_cert(context.get()) != 1) {
    return error(Errc::kBadCredential,
                 std::string("certificate: ") +
                     X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get())));
  }
  const std::uint32_t usage = X509_get_key_usage(leaf.get());
  if ((usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0) {
    return error(Errc::kBadCredential, "certificate: its key usage does not allow signing");
  }
  unsigned char* spki = nullptr;
  const int length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(leaf.get()), &spki);
  if (length <= 0) {
    return error(Errc::kCrypto, "certificate: its public key cannot be read");
  }
  const Bytes key_der(spki, static_cast<std::size_t>(length));
  OPENSSL_free(spki);
  return PublicKey::from_der(key_der);
}

Bytes renewal_message(std::span<const std::uint8_t> new_public_key) {
  Bytes message{'e', 't', 'a', 'u', 't', 'h', ' ', 'r', 'e',
                'n', 'e', 'w', 'a', 'l', ' ', '1', '\n'};
  message.append(new_public_key.begin(), new_public_key.end());
  return message;
}

Result<std::uint64_t> check_renewal(const RenewalRequest& request, const PublicKey& current_key,
                                    std::span<const std::uint8_t> otp_seed,
                                    std::chrono::sys_seconds now,
                                    std::optional<std::uint64_t> last_otp_step,
                                    const TotpSettings& settings) {
  if (auto acceptable = PublicKey::from_der(request.new_public_key); !acceptable) {
    return std::unexpected(acceptable.error());
  }
  if (auto signed_by = current_key.verify(request.scheme, renewal_message(request.new_public_key),
                                          request.signature);
      !signed_by) {
    return error(Errc::kBadCredential, "the renewal is not signed with the current key");
  }
  return verify_totp(otp_seed, request.otp_code, now, last_otp_step, settings);
}

}  // namespace etauth
