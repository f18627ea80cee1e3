// Fuzz target: WebAuthn authenticatorData and clientDataJSON from a browser
// (outside input) through etauth's parser and assertion check. The first
// byte splits the input into the two; nothing random ever verifies.
#include <cstdint>
#include <span>
#include <string_view>

#include "etauth/webauthn.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::size_t split = std::min<std::size_t>(data[0], size - 1);
  const std::span<const std::uint8_t> authenticator(data + 1, split);
  const std::string_view client(reinterpret_cast<const char*>(data + 1 + split), size - 1 - split);
  const auto parsed = etauth::parse_authenticator_data(authenticator);
  if (parsed && authenticator.size() < 37) {
    __builtin_trap();
  }
  static const etauth::StoredCredential credential{
      etauth::PrivateKey::generate_p256().value().public_der().value(), 0,
      etauth::CoseAlgorithm::kEs256, etauth::UserVerificationMethod::kBiometric};
  const etauth::AssertionExpectation expected{"rp.example", "https://rp.example",
                                              etauth::Bytes(16, 1), true};
  if (etauth::verify_assertion(authenticator, client, etauth::Bytes(70, 0x30), credential,
                               expected)) {
    __builtin_trap();
  }
  return 0;
}
