// Enrolling an authenticator app: the seed in Base32 (RFC 4648) inside an
// otpauth:// URI (the Key Uri Format authenticator apps read), and that URI as
// a QR code to print on a terminal or draw on a page.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::auth {

// RFC 4648 Base32, upper case, without padding (as authenticator apps expect).
std::string base32(std::span<const std::uint8_t> bytes);

// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30,
// issuer and account percent-encoded.
std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::span<const std::uint8_t> seed);

// The QR code of `text` (error correction M): rows of modules, true = dark.
[[nodiscard]] Result<std::vector<std::vector<bool>>> qr_modules(std::string_view text);
// The same for a terminal: two module rows per text line in half blocks,
// with the quiet zone, dark on light.
[[nodiscard]] Result<std::string> qr_text(std::string_view text);
// The same as an SVG image (for the web page).
[[nodiscard]] Result<std::string> qr_svg(std::string_view text);

}  // namespace etguard::auth
