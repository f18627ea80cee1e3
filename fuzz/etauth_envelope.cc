// Fuzz target: envelopes from the network (outside input) through etauth's
// parser and opener with a fixed key. Nothing but a genuine envelope opens:
// a random input never authenticates, and a header that parses says where
// its ciphertext starts, within the input.
#include <cstdint>
#include <span>

#include "etauth/envelope.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  const auto parsed = etauth::parse_envelope_header(input);
  if (parsed && (parsed->second > size || size - parsed->second < etauth::kGcmTagBytes)) {
    __builtin_trap();
  }
  static etauth::GcmKey key = etauth::GcmKey::create(etauth::Bytes(32, 0x5A)).value();
  etauth::ReplayGuard guard;
  const auto opened =
      etauth::open_envelope(input, [](const std::string&) { return &key; }, guard, 0);
  if (opened) {
    __builtin_trap();  // a forgery under an unknown key authenticated
  }
  return 0;
}
