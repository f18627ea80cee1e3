// Fuzz target: what a browser answers to navigator.credentials.create()
// (outside input, posted to /api/security-keys/add) through the checks of a
// registration. The input is [id length][id][client length, 2 bytes][client
// data][data length, 2 bytes][authenticator data][public key]; the first
// byte's low bits also choose the algorithm. A registration that passes must
// be the credential the authenticator data attests, for our RP ID.
#include "auth/webauthn_registration.h"

#include <cstdint>
#include <string>
#include <string_view>

#include "core/digest.h"

namespace {

// The next `size` bytes of `input`, or what is left.
std::string_view take(std::string_view& input, std::size_t size) {
  const std::string_view part = input.substr(0, size);
  input.remove_prefix(part.size());
  return part;
}

std::size_t length(std::string_view& input, std::size_t bytes) {
  std::size_t value = 0;
  for (const char c : take(input, bytes)) {
    value = (value << 8U) | static_cast<unsigned char>(c);
  }
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t id_size = length(input, 1);
  const std::string_view id = take(input, id_size);
  const std::string_view client = take(input, length(input, 2));
  const std::string_view authenticator = take(input, length(input, 2));
  constexpr int kAlgorithms[] = {-7, -8, -257};
  static const auto party = etguard::auth::relying_party("https://rp.example").value();
  static const std::string challenge(32, '\x01');
  const auto key = etguard::auth::verify_registration(
      {.credential_id = etguard::bytes_to_hex(id),
       .client_data = etguard::bytes_to_hex(client),
       .authenticator_data = etguard::bytes_to_hex(authenticator),
       .public_key = etguard::bytes_to_hex(input),
       .algorithm = kAlgorithms[id_size % 3]},
      challenge, party);
  if (key && (key->id != etguard::bytes_to_hex(id) || key->rp_id != "rp.example" ||
              key->public_key != etguard::bytes_to_hex(input))) {
    __builtin_trap();
  }
  return 0;
}
