#include "unicode.h"

#include <openssl/crypto.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <vector>

namespace etauth::detail {
namespace {

// A UTF-16 buffer that is wiped when it goes.
struct Units {
  std::vector<UChar> data;
  explicit Units(std::size_t size) : data(size) {}
  ~Units() { OPENSSL_cleanse(data.data(), data.size() * sizeof(UChar)); }
  Units(const Units&) = delete;
  Units& operator=(const Units&) = delete;
  Units(Units&&) = delete;
  Units& operator=(Units&&) = delete;
  int32_t size() const { return static_cast<int32_t>(data.size()); }
};

}  // namespace

Result<std::string> normalize_utf8(std::string_view text, Normalization form, std::size_t max_bytes,
                                   std::string_view what) {
  const std::string name(what);
  if (text.size() > max_bytes) {
    return error(Errc::kInvalidArgument,
                 name + " is longer than " + std::to_string(max_bytes) + " bytes");
  }
  UErrorCode status = U_ZERO_ERROR;
  // UTF-8 never needs more UTF-16 units than bytes.
  Units input(text.size() + 1);
  int32_t units = 0;
  u_strFromUTF8(input.data.data(), input.size(), &units, text.data(),
                static_cast<int32_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    return error(Errc::kInvalidArgument, name + " is not UTF-8");
  }
  const UNormalizer2* normalizer = form == Normalization::kNfkc
                                       ? unorm2_getNFKCInstance(&status)
                                       : unorm2_getNFKCCasefoldInstance(&status);
  // Ask for the size first, then normalise into exactly that.
  const int32_t needed =
      unorm2_normalize(normalizer, input.data.data(), units, nullptr, 0, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    return error(Errc::kInvalidArgument, name + " cannot be normalised");
  }
  status = U_ZERO_ERROR;
  Units normal(static_cast<std::size_t>(needed) + 1);
  const int32_t length = unorm2_normalize(normalizer, input.data.data(), units, normal.data.data(),
                                          normal.size(), &status);
  int32_t bytes = 0;
  if (U_SUCCESS(status)) {
    u_strToUTF8(nullptr, 0, &bytes, normal.data.data(), length, &status);
    status = status == U_BUFFER_OVERFLOW_ERROR ? U_ZERO_ERROR : status;
  }
  std::string out(static_cast<std::size_t>(bytes), '\0');
  if (U_SUCCESS(status)) {
    u_strToUTF8(out.data(), bytes, &bytes, normal.data.data(), length, &status);
  }
  if (U_FAILURE(status)) {
    OPENSSL_cleanse(out.data(), out.size());
    return error(Errc::kInvalidArgument, name + " cannot be normalised");
  }
  return out;
}

}  // namespace etauth::detail
