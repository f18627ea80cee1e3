#include "mobile/signature_check.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>

namespace etguard::mobile {
namespace {

constexpr std::size_t kChunk = std::size_t{1} << 20U;
constexpr int kChunkedSha256 = 1;
constexpr int kChunkedSha512 = 2;

struct Algorithm {
  std::uint32_t id;
  const char* name;
  int content_digest;  // kChunkedSha256 / kChunkedSha512
  bool pss;
  int rank;  // the strongest present is checked, as Android does
};

// The APK Signature Scheme's signature algorithms etguard checks (the verity
// variants 0x0421/0x0423/0x0425 digest differently and are not checked).
constexpr std::array kAlgorithms{
    Algorithm{0x0101, "RSASSA-PSS with SHA2-256", kChunkedSha256, true, 3},
    Algorithm{0x0102, "RSASSA-PSS with SHA2-512", kChunkedSha512, true, 6},
    Algorithm{0x0103, "RSASSA-PKCS1-v1_5 with SHA2-256", kChunkedSha256, false, 2},
    Algorithm{0x0104, "RSASSA-PKCS1-v1_5 with SHA2-512", kChunkedSha512, false, 5},
    Algorithm{0x0201, "ECDSA with SHA2-256", kChunkedSha256, false, 4},
    Algorithm{0x0202, "ECDSA with SHA2-512", kChunkedSha512, false, 7},
    Algorithm{0x0301, "DSA with SHA2-256", kChunkedSha256, false, 1},
};

const Algorithm* algorithm(std::uint32_t id) {
  const auto found = std::ranges::find(kAlgorithms, id, &Algorithm::id);
  return found == kAlgorithms.end() ? nullptr : &*found;
}

const EVP_MD* md_of(int content_digest) {
  return content_digest == kChunkedSha512 ? EVP_sha512() : EVP_sha256();
}

using MdContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

// The scheme's content digest: every 1 MiB chunk of the entries, the central
// directory and the end record (its directory offset pointing at the
// signing block, as before signing) hashed with a 0xa5 prefix and its
// length, then the chunk digests with 0x5a and their count.
std::vector<std::uint8_t> content_digest(const PackageLayout& layout, int content_digest_id) {
  const EVP_MD* md = md_of(content_digest_id);
  const auto size = static_cast<std::size_t>(EVP_MD_get_size(md));
  std::vector<std::uint8_t> end_record(
      layout.package.begin() + static_cast<std::ptrdiff_t>(layout.end_record),
      layout.package.end());
  const auto offset = static_cast<std::uint32_t>(layout.block_start);
  for (std::size_t i = 0; i < 4; ++i) {
    end_record[16 + i] = static_cast<std::uint8_t>(offset >> (8U * i));
  }
  const std::array<ByteSpan, 3> sections{
      layout.package.subspan(0, layout.block_start),
      layout.package.subspan(layout.directory, layout.end_record - layout.directory),
      ByteSpan(end_record)};
  std::vector<std::uint8_t> chunk_digests;
  std::uint32_t chunks = 0;
  MdContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  const auto little = [](std::uint32_t value) {
    return std::array<std::uint8_t, 4>{
        static_cast<std::uint8_t>(value), static_cast<std::uint8_t>(value >> 8U),
        static_cast<std::uint8_t>(value >> 16U), static_cast<std::uint8_t>(value >> 24U)};
  };
  for (const ByteSpan section : sections) {
    for (std::size_t at = 0; at < section.size(); at += kChunk) {
      const ByteSpan chunk = section.subspan(at, std::min(kChunk, section.size() - at));
      const std::uint8_t prefix = 0xa5;
      const auto length = little(static_cast<std::uint32_t>(chunk.size()));
      chunk_digests.resize(chunk_digests.size() + size);
      EVP_DigestInit_ex(context.get(), md, nullptr);
      EVP_DigestUpdate(context.get(), &prefix, 1);
      EVP_DigestUpdate(context.get(), length.data(), length.size());
      EVP_DigestUpdate(context.get(), chunk.data(), chunk.size());
      EVP_DigestFinal_ex(context.get(), chunk_digests.data() + chunk_digests.size() - size,
                         nullptr);
      ++chunks;
    }
  }
  std::vector<std::uint8_t> top(size);
  const std::uint8_t prefix = 0x5a;
  const auto count = little(chunks);
  EVP_DigestInit_ex(context.get(), md, nullptr);
  EVP_DigestUpdate(context.get(), &prefix, 1);
  EVP_DigestUpdate(context.get(), count.data(), count.size());
  EVP_DigestUpdate(context.get(), chunk_digests.data(), chunk_digests.size());
  EVP_DigestFinal_ex(context.get(), top.data(), nullptr);
  return top;
}

bool signature_holds(const Algorithm& chosen, ByteSpan signed_data, ByteSpan signature,
                     EVP_PKEY* key) {
  MdContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_PKEY_CTX* key_context = nullptr;
  const EVP_MD* md = md_of(chosen.content_digest);
  if (EVP_DigestVerifyInit(context.get(), &key_context, md, nullptr, key) != 1) {
    return false;
  }
  if (chosen.pss && (EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PSS_PADDING) != 1 ||
                     EVP_PKEY_CTX_set_rsa_pss_saltlen(key_context, EVP_MD_get_size(md)) != 1 ||
                     EVP_PKEY_CTX_set_rsa_mgf1_md(key_context, md) != 1)) {
    return false;
  }
  return EVP_DigestVerify(context.get(), signature.data(), signature.size(), signed_data.data(),
                          signed_data.size()) == 1;
}

// One signer: nullopt when it holds, else the problem.
std::optional<SignatureCheck> check_signer(ByteSpan signer_bytes, bool v3, std::size_t number,
                                           const PackageLayout& layout, DigestCache& cache) {
  const auto invalid = [&](std::string_view en, std::string_view zh) {
    return SignatureCheck{SignatureState::kInvalid, fmt::format("signer {}: {}", number, en),
                          fmt::format("第 {} 位簽署者：{}", number, zh)};
  };
  LeReader signer(signer_bytes);
  const ByteSpan signed_data = signer.block32();
  if (v3) {
    signer.u32();  // min SDK
    signer.u32();  // max SDK
  }
  LeReader signatures(signer.block32());
  const ByteSpan public_key = signer.block32();
  if (!signer.ok() || !signatures.ok()) {
    return invalid("runs past its block", "超出其區塊");
  }
  const Algorithm* chosen = nullptr;
  ByteSpan signature;
  while (signatures.remaining() > 0) {
    LeReader entry(signatures.block32());
    const std::uint32_t id = entry.u32();
    const ByteSpan value = entry.block32();
    if (!signatures.ok() || !entry.ok()) {
      return invalid("a signature runs past its list", "簽章超出其清單");
    }
    const Algorithm* known = algorithm(id);
    if (known != nullptr && (chosen == nullptr || known->rank > chosen->rank)) {
      chosen = known;
      signature = value;
    }
  }
  if (chosen == nullptr) {
    return SignatureCheck{
        SignatureState::kNotChecked,
        fmt::format("signer {}: no signature algorithm etguard checks (verity only)", number),
        fmt::format("第 {} 位簽署者：無 etguard 驗證之簽章演算法（僅 verity）", number)};
  }
  const unsigned char* cursor = public_key.data();
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      d2i_PUBKEY(nullptr, &cursor, static_cast<long>(public_key.size())), &EVP_PKEY_free);
  if (!key) {
    return invalid("its public key is not a DER SubjectPublicKeyInfo",
                   "其公鑰不是 DER 格式之 SubjectPublicKeyInfo");
  }
  if (!signature_holds(*chosen, signed_data, signature, key.get())) {
    return invalid(fmt::format("its {} signature does not verify", chosen->name),
                   fmt::format("其 {} 簽章驗證不通過", chosen->name));
  }
  // What the signature covers: the digests and the certificate.
  LeReader content(signed_data);
  LeReader digests(content.block32());
  LeReader certificates(content.block32());
  const ByteSpan certificate = certificates.block32();
  if (!content.ok() || !certificates.ok()) {
    return invalid("its signed data runs past its block", "其簽署資料超出其區塊");
  }
  const unsigned char* cert_cursor = certificate.data();
  const std::unique_ptr<X509, decltype(&X509_free)> x509(
      d2i_X509(nullptr, &cert_cursor, static_cast<long>(certificate.size())), &X509_free);
  if (!x509 || EVP_PKEY_eq(X509_get0_pubkey(x509.get()), key.get()) != 1) {
    return invalid("its public key is not its certificate's", "其公鑰與其憑證不符");
  }
  std::optional<ByteSpan> signed_digest;
  while (digests.remaining() > 0) {
    LeReader entry(digests.block32());
    const std::uint32_t id = entry.u32();
    const ByteSpan value = entry.block32();
    if (!digests.ok() || !entry.ok()) {
      return invalid("a digest runs past its list", "摘要超出其清單");
    }
    if (id == chosen->id) {
      signed_digest = value;
    }
  }
  if (!signed_digest) {
    return invalid(fmt::format("no content digest for its {} signature", chosen->name),
                   fmt::format("其 {} 簽章無對應之內容摘要", chosen->name));
  }
  auto cached = cache.find(chosen->content_digest);
  if (cached == cache.end()) {
    cached =
        cache.emplace(chosen->content_digest, content_digest(layout, chosen->content_digest)).first;
  }
  if (!std::ranges::equal(cached->second, *signed_digest)) {
    return invalid(
        "the package's content does not match the digest it signed: altered after signing",
        "套件內容與其簽署之摘要不符：簽署後遭修改");
  }
  return std::nullopt;
}

}  // namespace

SignatureCheck check_scheme_signatures(ByteSpan scheme, bool v3, const PackageLayout& layout,
                                       DigestCache& digests) {
  LeReader value(scheme);
  LeReader signers(value.block32());
  if (!value.ok()) {
    return {SignatureState::kInvalid, "the signer list runs past its block",
            "簽署者清單超出其區塊"};
  }
  std::size_t number = 0;
  SignatureCheck result{SignatureState::kVerified, {}, {}};
  while (signers.remaining() > 0) {
    const ByteSpan signer = signers.block32();
    if (!signers.ok()) {
      return {SignatureState::kInvalid, "a signer runs past its block", "簽署者超出其區塊"};
    }
    if (auto problem = check_signer(signer, v3, ++number, layout, digests)) {
      if (problem->state == SignatureState::kInvalid) {
        return *problem;
      }
      result = *problem;  // not checked, unless another signer is invalid
    }
  }
  if (number == 0) {
    return {SignatureState::kInvalid, "no signer", "沒有簽署者"};
  }
  return result;
}

}  // namespace etguard::mobile
