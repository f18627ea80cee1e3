#include "mobile/jar_signature.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>

#include <array>
#include <map>
#include <memory>
#include <optional>

namespace etguard::mobile {
namespace {

// One section of a manifest or signature file: its bytes as signed (up to
// and including the blank line that ends it) and its attributes.
struct JarSection {
  std::string_view raw;
  std::map<std::string, std::string, std::less<>> attributes;
};

// The length of the line end at `at` (CRLF, LF or CR), 0 when none.
std::size_t jar_line_end(std::string_view text, std::size_t at) {
  if (at >= text.size()) {
    return 0;
  }
  if (text[at] == '\r') {
    return at + 1 < text.size() && text[at + 1] == '\n' ? 2 : 1;
  }
  return text[at] == '\n' ? 1 : 0;
}

std::vector<JarSection> jar_sections(std::string_view text) {
  std::vector<JarSection> sections;
  JarSection current;
  std::size_t start = 0;
  std::string* last_value = nullptr;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = at;
    while (end < text.size() && jar_line_end(text, end) == 0) {
      ++end;
    }
    const std::string_view line = text.substr(at, end - at);
    const std::size_t next = end + jar_line_end(text, end);
    if (line.empty()) {  // a blank line ends the section, and belongs to it
      if (!current.attributes.empty()) {
        current.raw = text.substr(start, next - start);
        sections.push_back(std::move(current));
      }
      current = JarSection{};
      start = next;
      last_value = nullptr;
    } else if (line.front() == ' ' && last_value != nullptr) {
      last_value->append(line.substr(1));
    } else if (const std::size_t colon = line.find(": "); colon != std::string_view::npos) {
      last_value = &(current.attributes[std::string(line.substr(0, colon))] =
                         std::string(line.substr(colon + 2)));
    }
    at = next;
  }
  if (!current.attributes.empty()) {
    current.raw = text.substr(start);
    sections.push_back(std::move(current));
  }
  return sections;
}

struct JarDigest {
  std::string_view name;  // as in "SHA-256-Digest"
  const EVP_MD* (*md)();
};

// Strongest first: where a file gives several, the strongest is checked.
constexpr std::array kJarDigests{
    JarDigest{"SHA-512", &EVP_sha512}, JarDigest{"SHA-384", &EVP_sha384},
    JarDigest{"SHA-256", &EVP_sha256}, JarDigest{"SHA1", &EVP_sha1}, JarDigest{"SHA-1", &EVP_sha1}};

// The strongest "<ALG><suffix>" attribute of a section, with its algorithm.
std::optional<std::pair<JarDigest, std::string>> strongest_digest(const JarSection& section,
                                                                  std::string_view suffix) {
  for (const JarDigest& algorithm : kJarDigests) {
    const auto found = section.attributes.find(fmt::format("{}{}", algorithm.name, suffix));
    if (found != section.attributes.end()) {
      return std::pair{algorithm, found->second};
    }
  }
  return std::nullopt;
}

std::string jar_base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(std::max(written, 0)));
  return out;
}

class JarHasher {
 public:
  explicit JarHasher(const JarDigest& algorithm) : context_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    EVP_DigestInit_ex(context_.get(), algorithm.md(), nullptr);
  }
  void update(std::string_view bytes) {
    EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size());
  }
  std::string base64() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    EVP_DigestFinal_ex(context_.get(), digest.data(), &size);
    return jar_base64(std::string(reinterpret_cast<const char*>(digest.data()), size));
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context_;
};

std::string jar_digest_of(const JarDigest& algorithm, std::string_view bytes) {
  JarHasher hasher(algorithm);
  hasher.update(bytes);
  return hasher.base64();
}

SignatureCheck jar_invalid(std::string en, std::string zh) {
  return {SignatureState::kInvalid, std::move(en), std::move(zh)};
}

// Whether the PKCS#7 block signs the signature file.
bool pkcs7_signs(ByteSpan block, std::string_view signature) {
  const unsigned char* cursor = block.data();
  const std::unique_ptr<PKCS7, decltype(&PKCS7_free)> parsed(
      d2i_PKCS7(nullptr, &cursor, static_cast<long>(block.size())), &PKCS7_free);
  if (!parsed || PKCS7_type_is_signed(parsed.get()) == 0) {
    return false;
  }
  const std::unique_ptr<BIO, decltype(&BIO_free)> content(
      BIO_new_mem_buf(signature.data(), static_cast<int>(signature.size())), &BIO_free);
  // The signer's certificate is self-signed, as Android's are: its chain is
  // not what is checked (PKCS7_NOVERIFY), the signature with its key is.
  return content && PKCS7_verify(parsed.get(), nullptr, nullptr, content.get(), nullptr,
                                 PKCS7_NOVERIFY | PKCS7_BINARY) == 1;
}

}  // namespace

bool is_jar_signature_file(std::string_view entry) {
  constexpr std::string_view kMetaInf = "META-INF/";
  if (!entry.starts_with(kMetaInf)) {
    return false;
  }
  const std::string_view name = entry.substr(kMetaInf.size());
  if (name.find('/') != std::string_view::npos) {
    return false;
  }
  return name == "MANIFEST.MF" || name.ends_with(".SF") || name.ends_with(".RSA") ||
         name.ends_with(".DSA") || name.ends_with(".EC") || name.starts_with("SIG-");
}

SignatureCheck verify_jar_signature(const JarSignature& jar, const EntryStream& read_entry) {
  const std::string sf = fmt::format("META-INF/{}.SF", jar.name);
  if (!pkcs7_signs(jar.block, jar.signature)) {
    return jar_invalid(fmt::format("the PKCS#7 signature of {} does not verify", sf),
                       fmt::format("{} 之 PKCS#7 簽章驗證不通過", sf));
  }
  const std::vector<JarSection> signed_sections = jar_sections(jar.signature);
  const std::vector<JarSection> manifest = jar_sections(jar.manifest);
  if (signed_sections.empty() || manifest.empty()) {
    return jar_invalid(fmt::format("{} or META-INF/MANIFEST.MF is empty", sf),
                       fmt::format("{} 或 META-INF/MANIFEST.MF 為空", sf));
  }
  // The signature file covers the manifest whole, else section by section.
  bool whole = false;
  if (const auto digest = strongest_digest(signed_sections.front(), "-Digest-Manifest")) {
    whole = jar_digest_of(digest->first, jar.manifest) == digest->second;
  }
  std::map<std::string, const JarSection*, std::less<>> listed;
  for (const JarSection& section : manifest) {
    if (const auto name = section.attributes.find("Name"); name != section.attributes.end()) {
      listed.emplace(name->second, &section);
    }
  }
  if (!whole) {
    for (std::size_t i = 1; i < signed_sections.size(); ++i) {
      const JarSection& section = signed_sections[i];
      const auto name = section.attributes.find("Name");
      const auto digest = strongest_digest(section, "-Digest");
      const auto in_manifest =
          name == section.attributes.end() ? listed.end() : listed.find(name->second);
      if (!digest || in_manifest == listed.end() ||
          jar_digest_of(digest->first, in_manifest->second->raw) != digest->second) {
        const std::string which = name == section.attributes.end() ? std::string() : name->second;
        return jar_invalid(
            fmt::format("{} does not cover META-INF/MANIFEST.MF{}", sf,
                        which.empty() ? std::string() : fmt::format(" (section {})", which)),
            fmt::format("{} 未涵蓋 META-INF/MANIFEST.MF{}", sf,
                        which.empty() ? std::string() : fmt::format("（{} 段）", which)));
      }
    }
    if (signed_sections.size() - 1 != listed.size()) {
      return jar_invalid(fmt::format("{} does not cover every section of META-INF/MANIFEST.MF", sf),
                         fmt::format("{} 未涵蓋 META-INF/MANIFEST.MF 之每一段", sf));
    }
  }
  // The manifest covers every entry, each by its content's digest.
  for (const std::string& entry : jar.entries) {
    if (!listed.contains(entry)) {
      return jar_invalid(fmt::format("{} is not covered by the v1 signature", entry),
                         fmt::format("{} 不在 v1 簽章涵蓋範圍內", entry));
    }
  }
  for (const auto& [entry, section] : listed) {
    const auto digest = strongest_digest(*section, "-Digest");
    if (!digest) {
      return {SignatureState::kNotChecked,
              fmt::format("{} has no SHA-1 or SHA-2 digest in META-INF/MANIFEST.MF", entry),
              fmt::format("{} 於 META-INF/MANIFEST.MF 中無 SHA-1 或 SHA-2 摘要", entry)};
    }
    JarHasher hasher(digest->first);
    if (Status read = read_entry(entry, [&](std::string_view bytes) { hasher.update(bytes); });
        !read) {
      return jar_invalid(fmt::format("{}, listed in META-INF/MANIFEST.MF, cannot be read: {}",
                                     entry, read.error().message),
                         fmt::format("META-INF/MANIFEST.MF 所列之 {} 無法讀取：{}", entry,
                                     read.error().message_zh.empty() ? read.error().message
                                                                     : read.error().message_zh));
    }
    if (hasher.base64() != digest->second) {
      return jar_invalid(fmt::format("{} does not match its digest in META-INF/MANIFEST.MF", entry),
                         fmt::format("{} 與 META-INF/MANIFEST.MF 中之摘要不符", entry));
    }
  }
  return {SignatureState::kVerified, {}, {}};
}

}  // namespace etguard::mobile
