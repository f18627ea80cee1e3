#include "auth/otpauth.h"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>

namespace etguard::auth {
namespace {

std::string percent_encoded(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

constexpr int kQuietZone = 4;

}  // namespace

std::string base32(std::span<const std::uint8_t> bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const std::uint8_t byte : bytes) {
    buffer = (buffer << 8U) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU];
    }
  }
  if (bits > 0) {
    out += kAlphabet[(buffer << static_cast<unsigned>(5 - bits)) & 0x1FU];
  }
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::span<const std::uint8_t> seed) {
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
                     percent_encoded(issuer), percent_encoded(account), base32(seed),
                     percent_encoded(issuer));
}

Result<std::vector<std::vector<bool>>> qr_modules(std::string_view text) {
  const std::string input(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) {
    return fail(ErrorKind::kInternal, "the QR code could not be made (text too long?)",
                "無法產生 QR 碼（文字過長？）");
  }
  const auto width = static_cast<std::size_t>(code->width);
  std::vector<std::vector<bool>> rows(width, std::vector<bool>(width));
  for (std::size_t y = 0; y < width; ++y) {
    for (std::size_t x = 0; x < width; ++x) {
      rows[y][x] = (code->data[y * width + x] & 1U) != 0;
    }
  }
  return rows;
}

Result<std::string> qr_text(std::string_view text) {
  auto modules = qr_modules(text);
  if (!modules) {
    return std::unexpected(modules.error());
  }
  const int width = static_cast<int>(modules->size());
  const auto dark = [&](int x, int y) {
    return x >= 0 && y >= 0 && x < width && y < width &&
           (*modules)[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)];
  };
  std::string out;
  for (int y = -kQuietZone; y < width + kQuietZone; y += 2) {
    for (int x = -kQuietZone; x < width + kQuietZone; ++x) {
      const bool top = dark(x, y);
      const bool bottom = dark(x, y + 1);
      // Light modules are drawn (the terminal's background is taken as dark).
      out += !top && !bottom ? "\u2588" : !top ? "\u2580" : !bottom ? "\u2584" : " ";
    }
    out += '\n';
  }
  return out;
}

Result<std::string> qr_svg(std::string_view text) {
  auto modules = qr_modules(text);
  if (!modules) {
    return std::unexpected(modules.error());
  }
  const std::size_t width = modules->size();
  const std::size_t size = width + std::size_t{2} * kQuietZone;
  std::string path;
  for (std::size_t y = 0; y < width; ++y) {
    for (std::size_t x = 0; x < width; ++x) {
      if ((*modules)[y][x]) {
        path += fmt::format("M{} {}h1v1h-1z", x + kQuietZone, y + kQuietZone);
      }
    }
  }
  return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {0}" role="img" )"
                     R"(shape-rendering="crispEdges"><rect width="{0}" height="{0}" fill="#fff"/>)"
                     R"(<path d="{1}" fill="#000"/></svg>)",
                     size, path);
}

}  // namespace etguard::auth
