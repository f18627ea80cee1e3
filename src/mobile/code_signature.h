// The code signature of an iOS app's executable (Mach-O): the
// LC_CODE_SIGNATURE load command's SuperBlob, its CodeDirectory — the
// identifier and team it was signed as, and a hash of every code page — and
// the CMS signature over that CodeDirectory, with the certificates that
// signed it. A bounded parser: every offset and count is checked against the
// bytes present before it is used.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/x509_summary.h"
#include "mobile/le_reader.h"

namespace etguard::mobile {

struct CodeSignature {
  std::string identifier;            // the CodeDirectory's: the bundle id the code was signed as
  std::string team;                  // the CodeDirectory's team id (version 0x20200 and later)
  std::string hash;                  // the page hash: "SHA-1", "SHA-256" or "SHA-384"
  std::size_t pages = 0;             // code pages the CodeDirectory hashes
  std::size_t altered = 0;           // of those, pages whose bytes no longer match their hash
  bool signed_cms = false;           // a CMS signature blob is present
  bool cms_verified = false;         // it holds over the CodeDirectory, with the key it names
  std::vector<X509Summary> signers;  // the certificates of the CMS signers
};

// The code signature of `executable` (a 64- or 32-bit Mach-O, or the first
// architecture of a universal binary); nullopt when it has no
// LC_CODE_SIGNATURE (an unsigned build). `where` names the executable in
// errors. An error, located by byte, for a file that is not Mach-O or whose
// load commands, SuperBlob or CodeDirectory run outside the file.
[[nodiscard]] Result<std::optional<CodeSignature>> read_code_signature(ByteSpan executable,
                                                                       std::string_view where);

}  // namespace etguard::mobile
