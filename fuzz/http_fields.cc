// Fuzz target: what etguard serve reads from a request itself (Boost.Beast
// parses the HTTP framing): form bodies and query strings, and Cookie headers.
// Property: any bytes survive a round trip through url_encode and form_fields.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/http.h"

// The entry point libFuzzer calls; its name is fixed by libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)etguard::server::form_fields(input);
  (void)etguard::server::cookie_value(input, "etg_session");
  const auto fields = etguard::server::form_fields("value=" + etguard::server::url_encode(input));
  const auto found = fields.find("value");
  if (found == fields.end() || found->second != input) {
    std::abort();  // a value the server encodes comes back changed
  }
  return 0;
}
