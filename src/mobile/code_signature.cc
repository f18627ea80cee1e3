#include "mobile/code_signature.h"

#include <fmt/format.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>

#include "mobile/input_error.h"

namespace etguard::mobile {
namespace {

constexpr std::uint32_t kMachO64 = 0xfeedfacf;  // little-endian on disk, as read by LeReader
constexpr std::uint32_t kMachO32 = 0xfeedface;
constexpr std::uint32_t kFat = 0xcafebabe;  // big-endian on disk
constexpr std::uint32_t kFat64 = 0xcafebabf;
constexpr std::uint32_t kCodeSignatureCommand = 0x1d;  // LC_CODE_SIGNATURE
constexpr std::uint32_t kSuperBlob = 0xfade0cc0;
constexpr std::uint32_t kCodeDirectory = 0xfade0c02;
constexpr std::uint32_t kCmsWrapper = 0xfade0b01;
constexpr std::uint32_t kCodeDirectorySlot = 0;
constexpr std::uint32_t kCmsSlot = 0x10000;
constexpr std::uint32_t kMaxLoadCommands = 0x10000;
constexpr std::uint32_t kMaxBlobs = 0x1000;
constexpr FormatPart kSignaturePart{"code signature", "程式碼簽章"};

// A big-endian u32 at `at` of `bytes`; nothing past the end.
std::optional<std::uint32_t> be32(ByteSpan bytes, std::size_t at) {
  if (at > bytes.size() || bytes.size() - at < 4) {
    return std::nullopt;
  }
  return (std::uint32_t{bytes[at]} << 24U) | (std::uint32_t{bytes[at + 1]} << 16U) |
         (std::uint32_t{bytes[at + 2]} << 8U) | std::uint32_t{bytes[at + 3]};
}

std::optional<std::uint64_t> be64(ByteSpan bytes, std::size_t at) {
  const auto high = be32(bytes, at);
  const auto low = be32(bytes, at + 4);
  if (!high || !low) {
    return std::nullopt;
  }
  return (std::uint64_t{*high} << 32U) | *low;
}

// `size` bytes at `offset` of `bytes`, or nothing when they run past its end.
std::optional<ByteSpan> slice(ByteSpan bytes, std::uint64_t offset, std::uint64_t size) {
  if (offset > bytes.size() || size > bytes.size() - offset) {
    return std::nullopt;
  }
  return bytes.subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(size));
}

struct Hash {
  const char* name;
  const EVP_MD* (*md)();
};

// The CodeDirectory's hashType: 1 SHA-1, 2 SHA-256, 3 SHA-256 truncated to
// 20 bytes, 4 SHA-384.
std::optional<Hash> hash_of(std::uint32_t type) {
  switch (type) {
    case 1:
      return Hash{"SHA-1", &EVP_sha1};
    case 2:
    case 3:
      return Hash{"SHA-256", &EVP_sha256};
    case 4:
      return Hash{"SHA-384", &EVP_sha384};
    default:
      return std::nullopt;
  }
}

class SignatureReader {
 public:
  SignatureReader(ByteSpan file, std::string_view where) : file_(file), where_(where) {}

  Result<std::optional<CodeSignature>> read() {
    auto image = architecture();
    if (!image) {
      return std::unexpected(image.error());
    }
    image_ = *image;
    auto blob = signature_blob();
    if (!blob) {
      return std::unexpected(blob.error());
    }
    const std::optional<ByteSpan>& found = *blob;
    if (!found.has_value()) {
      return std::optional<CodeSignature>();
    }
    return super_blob(*found);
  }

 private:
  std::unexpected<Error> error(std::size_t at, std::string_view problem,
                               FormatPart part = {}) const {
    return std::unexpected(byte_error(where_, at, problem, part));
  }

  // The Mach-O image: the file, or the first architecture of a universal binary.
  Result<ByteSpan> architecture() const {
    const auto magic = be32(file_, 0);
    if (magic == kFat || magic == kFat64) {
      const bool wide = magic == kFat64;
      const auto count = be32(file_, 4);
      const std::optional<std::uint64_t> offset =
          wide ? be64(file_, 16) : std::optional<std::uint64_t>(be32(file_, 16));
      const std::optional<std::uint64_t> size =
          wide ? be64(file_, 24) : std::optional<std::uint64_t>(be32(file_, 20));
      if (!count || *count == 0 || !offset || !size) {
        return error(8, "a universal binary without a whole first architecture");
      }
      const auto image = slice(file_, *offset, *size);
      if (!image) {
        return error(8, fmt::format("the first architecture ({} bytes at {:#x}) runs past the end "
                                    "of the file",
                                    *size, *offset));
      }
      return *image;
    }
    return file_;
  }

  // The LC_CODE_SIGNATURE's bytes; nullopt without one.
  Result<std::optional<ByteSpan>> signature_blob() const {
    LeReader header(image_);
    const std::uint32_t magic = header.u32();
    if (!header.ok() || (magic != kMachO64 && magic != kMachO32)) {
      return error(0, "not a Mach-O executable");
    }
    header.seek(16);
    const std::uint32_t commands = header.u32();
    const std::uint32_t commands_size = header.u32();
    const std::size_t first = magic == kMachO64 ? 32 : 28;
    if (!header.ok() || commands > kMaxLoadCommands ||
        commands_size > image_.size() - std::min(image_.size(), first)) {
      return error(16, fmt::format("{} load commands of {} bytes run past the end of the file",
                                   commands, commands_size));
    }
    LeReader reader(image_.subspan(0, first + commands_size), first);
    for (std::uint32_t i = 0; i < commands; ++i) {
      const std::size_t at = reader.position();
      const std::uint32_t command = reader.u32();
      const std::uint32_t size = reader.u32();
      if (!reader.ok() || size < 8 || size - 8 > reader.remaining()) {
        return error(at, fmt::format("load command {} runs past the load commands", i));
      }
      if (command == kCodeSignatureCommand) {
        const std::uint32_t offset = reader.u32();
        const std::uint32_t length = reader.u32();
        const auto blob = slice(image_, offset, length);
        if (!reader.ok() || !blob) {
          return error(at, fmt::format("LC_CODE_SIGNATURE: {} bytes at {:#x} run past the end of "
                                       "the file",
                                       length, offset));
        }
        return blob;
      }
      reader.seek(at + size);
    }
    return std::optional<ByteSpan>();
  }

  Result<std::optional<CodeSignature>> super_blob(ByteSpan blob) {
    const auto base = static_cast<std::size_t>(blob.data() - image_.data());
    const auto magic = be32(blob, 0);
    const auto count = be32(blob, 8);
    if (magic != kSuperBlob || !count || *count > kMaxBlobs || *count > (blob.size() - 12) / 8) {
      return error(base, "not a code signature SuperBlob, or more blobs than it holds",
                   kSignaturePart);
    }
    std::optional<ByteSpan> directory;
    std::optional<ByteSpan> cms;
    for (std::uint32_t i = 0; i < *count; ++i) {
      const std::uint32_t type = be32(blob, 12 + (8 * std::size_t{i})).value_or(0);
      const std::uint32_t offset = be32(blob, 16 + (8 * std::size_t{i})).value_or(0);
      const auto length = be32(blob, offset + std::size_t{4});
      const auto inner = length ? slice(blob, offset, *length) : std::nullopt;
      if (!inner || *length < 8) {
        return error(base + offset, fmt::format("blob {} runs past the SuperBlob", i),
                     kSignaturePart);
      }
      if (type == kCodeDirectorySlot) {
        directory = inner;
      } else if (type == kCmsSlot) {
        cms = inner;
      }
    }
    if (!directory || be32(*directory, 0) != kCodeDirectory) {
      return error(base, "no CodeDirectory", kSignaturePart);
    }
    CodeSignature signature;
    if (Status read = code_directory(*directory, signature); !read) {
      return std::unexpected(read.error());
    }
    if (cms && be32(*cms, 0) == kCmsWrapper && cms->size() > 8) {
      signature.signed_cms = true;
      verify_cms(cms->subspan(8), *directory, signature);
    }
    return std::optional<CodeSignature>(std::move(signature));
  }

  Status code_directory(ByteSpan directory, CodeSignature& out) const {
    const auto base = static_cast<std::size_t>(directory.data() - image_.data());
    const auto version = be32(directory, 8);
    const auto hash_offset = be32(directory, 16);
    const auto ident_offset = be32(directory, 20);
    const auto code_slots = be32(directory, 28);
    const auto code_limit = be32(directory, 32);
    if (!version || !hash_offset || !ident_offset || !code_slots || !code_limit ||
        directory.size() < 44) {
      return error(base, "a CodeDirectory shorter than its header", kSignaturePart);
    }
    const std::uint32_t hash_size = directory[36];
    const auto hash = hash_of(directory[37]);
    const std::uint32_t page_shift = directory[39];
    // Pages of 512 bytes to 1 GiB (codesign writes 4 KiB or 16 KiB), or one page (0).
    if (!hash || hash_size == 0 || hash_size > EVP_MAX_MD_SIZE ||
        (page_shift != 0 && (page_shift < 9 || page_shift > 30))) {
      return error(base + 36, "an unknown hash type or page size", kSignaturePart);
    }
    out.hash = hash->name;
    out.identifier = text_at(directory, *ident_offset);
    if (*version >= 0x20200) {
      const auto team = be32(directory, 48);
      out.team = team && *team != 0 ? text_at(directory, *team) : std::string();
    }
    const std::uint64_t page = page_shift == 0 ? std::uint64_t{*code_limit} : 1ULL << page_shift;
    const std::uint64_t pages = page == 0 ? 0 : (*code_limit + page - 1) / page;
    const auto hashes = slice(directory, *hash_offset, std::uint64_t{*code_slots} * hash_size);
    if (*code_limit > image_.size() || pages != *code_slots || !hashes) {
      return error(base + 28,
                   fmt::format("{} code slots for {} bytes of code in pages of {}: not the "
                               "executable's",
                               *code_slots, *code_limit, page),
                   kSignaturePart);
    }
    out.pages = *code_slots;
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                          &EVP_MD_CTX_free);
    std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
    for (std::uint64_t i = 0; i < pages; ++i) {
      const std::uint64_t start = i * page;
      const ByteSpan code = image_.subspan(
          static_cast<std::size_t>(start),
          static_cast<std::size_t>(std::min<std::uint64_t>(page, *code_limit - start)));
      unsigned int size = 0;
      if (EVP_DigestInit_ex(context.get(), hash->md(), nullptr) != 1 ||
          EVP_DigestUpdate(context.get(), code.data(), code.size()) != 1 ||
          EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1 || size < hash_size ||
          !std::ranges::equal(
              std::span(digest).first(hash_size),
              hashes->subspan(static_cast<std::size_t>(i) * hash_size, hash_size))) {
        ++out.altered;
      }
    }
    return {};
  }

  // The NUL-terminated text at `offset` of `blob`; empty when none ends inside it.
  static std::string text_at(ByteSpan blob, std::uint32_t offset) {
    if (offset >= blob.size()) {
      return {};
    }
    const ByteSpan rest = blob.subspan(offset);
    const auto end = std::ranges::find(rest, std::uint8_t{0});
    return end == rest.end() ? std::string()
                             : std::string(reinterpret_cast<const char*>(rest.data()),
                                           static_cast<std::size_t>(end - rest.begin()));
  }

  // The CMS signature over the CodeDirectory, checked with the key of the
  // certificate it carries; its chain to Apple's CA is not what is checked.
  static void verify_cms(ByteSpan der, ByteSpan directory, CodeSignature& out) {
    const unsigned char* cursor = der.data();
    const std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
        d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(der.size())),
        &CMS_ContentInfo_free);
    // The CodeDirectory behind a buffering filter: OpenSSL 3.0's CMS_verify
    // copies a bare memory BIO and leaks the copy when the signature's
    // content cannot be set up (found by the fuzz target).
    const std::unique_ptr<BIO, decltype(&BIO_free_all)> content(BIO_new(BIO_f_buffer()),
                                                                &BIO_free_all);
    BIO* bytes = BIO_new_mem_buf(directory.data(), static_cast<int>(directory.size()));
    if (!cms || !content || bytes == nullptr) {
      BIO_free(bytes);
      return;
    }
    BIO_push(content.get(), bytes);
    out.cms_verified = CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr,
                                  CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;
    STACK_OF(X509)* signers = CMS_get0_signers(cms.get());
    for (int i = 0; signers != nullptr && i < sk_X509_num(signers); ++i) {
      out.signers.push_back(summarize_x509(sk_X509_value(signers, i)));
    }
    sk_X509_free(signers);
  }

  ByteSpan file_;
  std::string_view where_;
  ByteSpan image_;
};

}  // namespace

Result<std::optional<CodeSignature>> read_code_signature(ByteSpan executable,
                                                         std::string_view where) {
  return SignatureReader(executable, where).read();
}

}  // namespace etguard::mobile
