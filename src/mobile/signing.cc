#include "mobile/signing.h"

#include <fmt/format.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include <cstring>
#include <memory>
#include <optional>
#include <tuple>

#include "mobile/input_error.h"

namespace etguard::mobile {
namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::size_t kMaxCommentSize = 0xFFFF;
constexpr std::string_view kBlockMagic = "APK Sig Block 42";
constexpr std::uint32_t kProofOfRotation = 0x3ba06f8c;

constexpr FormatPart kBlock{"APK Signing Block", "APK 簽署區塊"};

Error bad_block(std::string_view where, std::size_t at, std::string_view problem) {
  return byte_error(where, at, problem, kBlock);
}

// The offset of the end-of-central-directory record, searched back from the end.
std::optional<std::size_t> end_record(ByteSpan package) {
  if (package.size() < kEndRecordSize) {
    return std::nullopt;
  }
  const std::size_t lowest = package.size() > kEndRecordSize + kMaxCommentSize
                                 ? package.size() - kEndRecordSize - kMaxCommentSize
                                 : 0;
  for (std::size_t at = package.size() - kEndRecordSize + 1; at-- > lowest;) {
    LeReader in(package, at);
    if (in.u32() == kEndOfCentralDirectory) {
      LeReader comment(package, at + 20);
      if (at + kEndRecordSize + comment.u16() == package.size()) {
        return at;
      }
    }
  }
  return std::nullopt;
}

class SignerReader {
 public:
  SignerReader(std::string_view where, ByteSpan package) : where_(where), package_(package) {}

  std::size_t offset_of(ByteSpan part) const {
    return static_cast<std::size_t>(part.data() - package_.data());
  }

  Error bad(ByteSpan part, std::string_view problem) const {
    return bad_block(where_, offset_of(part), problem);
  }

  // One scheme's signers: each one's certificates (the first is the signer's),
  // and with `v3` its proof-of-rotation lineage.
  Status read_scheme(ByteSpan value, bool v3, ApkSigning& out) {
    LeReader scheme(value);
    LeReader signers(scheme.block32());
    if (!scheme.ok()) {
      return std::unexpected(bad(value, "the signer list runs past its block"));
    }
    while (signers.remaining() > 0) {
      LeReader signer(signers.block32());
      LeReader signed_data(signer.block32());
      signed_data.block32();  // digests
      LeReader certificates(signed_data.block32());
      if (v3) {
        signed_data.u32();  // min SDK
        signed_data.u32();  // max SDK
      }
      const ByteSpan attributes = signed_data.block32();
      if (!signers.ok() || !signer.ok() || !signed_data.ok() || !certificates.ok()) {
        return std::unexpected(bad(value, "a signer runs past its block"));
      }
      bool first = true;
      while (certificates.remaining() > 0) {
        const ByteSpan der = certificates.block32();
        if (!certificates.ok()) {
          return std::unexpected(bad(value, "a certificate runs past its signer"));
        }
        auto summary =
            summarize_x509_der(der, fmt::format("{}: byte {:#x}", where_, offset_of(der)));
        if (!summary) {
          return std::unexpected(summary.error());
        }
        if (first) {
          out.signers.push_back(std::move(*summary));
          first = false;
        }
      }
      if (v3) {
        if (Status lineage = read_attributes(attributes, out); !lineage) {
          return lineage;
        }
      }
    }
    return {};
  }

 private:
  // Errors point at the start of the structure that overruns (a reader's
  // position is within its own span, not the package).
  Status read_attributes(ByteSpan bytes, ApkSigning& out) {
    LeReader attributes(bytes);
    while (attributes.remaining() > 0) {
      const ByteSpan attribute_bytes = attributes.block32();
      LeReader attribute(attribute_bytes);
      const std::uint32_t id = attribute.u32();
      if (!attributes.ok() || !attribute.ok()) {
        return std::unexpected(bad(bytes, "an attribute runs past its signer"));
      }
      if (id != kProofOfRotation) {
        continue;
      }
      attribute.u32();  // version
      out.lineage.clear();
      while (attribute.remaining() > 0) {
        LeReader node(attribute.block32());
        LeReader node_signed(node.block32());
        const ByteSpan der = node_signed.block32();
        if (!attribute.ok() || !node.ok() || !node_signed.ok()) {
          return std::unexpected(bad(attribute_bytes, "a rotation node runs past its attribute"));
        }
        auto summary =
            summarize_x509_der(der, fmt::format("{}: byte {:#x}", where_, offset_of(der)));
        if (!summary) {
          return std::unexpected(summary.error());
        }
        out.lineage.push_back(std::move(*summary));
      }
    }
    return {};
  }

  std::string_view where_;
  ByteSpan package_;
};

}  // namespace

Result<ApkSigning> read_signing_block(ByteSpan package, std::string_view where) {
  ApkSigning out;
  const std::optional<std::size_t> end = end_record(package);
  if (!end) {
    return std::unexpected(
        bad_block(where, package.size(), "no end of central directory: not a zip"));
  }
  LeReader record(package, *end + 16);
  const std::uint64_t directory = record.u32();
  if (directory < 24 || directory > *end) {
    return out;  // no room for a block before the central directory
  }
  LeReader footer(package, directory - 24);
  const std::uint64_t size = footer.u64();
  const ByteSpan magic = footer.take(16);
  if (!footer.ok() || std::memcmp(magic.data(), kBlockMagic.data(), kBlockMagic.size()) != 0) {
    return out;  // no APK Signing Block: v1 at most
  }
  if (size < 24 || size > directory - 8) {
    return std::unexpected(
        bad_block(where, directory - 24,
                  fmt::format("size {} does not fit before the central directory", size)));
  }
  const std::uint64_t start = directory - size - 8;
  LeReader block(package, start);
  if (block.u64() != size) {
    return std::unexpected(bad_block(where, start, "its two size fields differ"));
  }
  LeReader pairs(block.take(size - 24));
  ByteSpan v2;
  ByteSpan v3;
  ByteSpan v31;
  while (pairs.remaining() > 0) {
    const std::uint64_t length = pairs.u64();
    const std::uint32_t id = pairs.u32();
    const ByteSpan value = length >= 4 ? pairs.take(length - 4) : ByteSpan{};
    if (!pairs.ok() || length < 4) {
      return std::unexpected(
          bad_block(where, start + 8 + pairs.position(), "an entry runs past the block"));
    }
    if (id == kSchemeV2Block) {
      v2 = value;
    } else if (id == kSchemeV3Block) {
      v3 = value;
    } else if (id == kSchemeV31Block) {
      v31 = value;
    }
  }
  out.v2 = !v2.empty();
  out.v3 = !v3.empty();
  out.v31 = !v31.empty();
  SignerReader reader(where, package);
  const PackageLayout layout{package, static_cast<std::size_t>(start),
                             static_cast<std::size_t>(directory), *end};
  DigestCache digests;
  out.signatures = {SignatureState::kVerified, {}, {}};
  for (const auto& [value, v3_layout, name] :
       {std::tuple{v2, false, "v2"}, std::tuple{v3, true, "v3"}, std::tuple{v31, true, "v3.1"}}) {
    if (value.empty()) {
      continue;
    }
    SignatureCheck scheme = check_scheme_signatures(value, v3_layout, layout, digests);
    scheme.problem =
        scheme.problem.empty() ? scheme.problem : fmt::format("{} {}", name, scheme.problem);
    if (scheme.state == SignatureState::kInvalid ||
        (scheme.state == SignatureState::kNotChecked &&
         out.signatures.state == SignatureState::kVerified)) {
      out.signatures = std::move(scheme);
    }
    if (out.signatures.state == SignatureState::kInvalid) {
      break;
    }
  }
  if (!out.v2 && !out.v3 && !out.v31) {
    out.signatures = {SignatureState::kNotChecked, "no APK Signature Scheme v2 or v3 block",
                      "沒有 APK 簽章配置 v2 或 v3 區塊"};
  }
  const ByteSpan newest = out.v31 ? v31 : out.v3 ? v3 : v2;
  if (!newest.empty()) {
    if (Status read = reader.read_scheme(newest, out.v31 || out.v3, out); !read) {
      return std::unexpected(read.error());
    }
  }
  return out;
}

Result<std::vector<X509Summary>> read_jar_signature(ByteSpan pkcs7, std::string_view where) {
  const unsigned char* cursor = pkcs7.data();
  const std::unique_ptr<PKCS7, decltype(&PKCS7_free)> parsed(
      d2i_PKCS7(nullptr, &cursor, static_cast<long>(pkcs7.size())), &PKCS7_free);
  if (!parsed || PKCS7_type_is_signed(parsed.get()) == 0 || parsed->d.sign == nullptr) {
    return fail(ErrorKind::kInput, fmt::format("{}: not a PKCS#7 SignedData signature", where),
                fmt::format("{}：不是 PKCS#7 SignedData 簽章", where));
  }
  std::vector<X509Summary> certificates;
  const STACK_OF(X509)* stack = parsed->d.sign->cert;
  for (int i = 0; stack != nullptr && i < sk_X509_num(stack); ++i) {
    certificates.push_back(summarize_x509(sk_X509_value(stack, i)));
  }
  return certificates;
}

}  // namespace etguard::mobile
