// Who signed an Android package: the v1 JAR signature (META-INF/*.RSA|DSA|EC,
// PKCS#7), and the APK Signature Scheme v2, v3 and v3.1 blocks of the APK
// Signing Block before the zip's central directory, with v3's
// proof-of-rotation lineage. Certificates are read with OpenSSL.
//
// The v2/v3/v3.1 signatures are verified (signature_check.h): a package
// altered after signing, or a block copied from another package, does not
// verify. A package signed with v1 alone has its JAR signature verified
// (jar_signature.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/x509_summary.h"
#include "mobile/le_reader.h"
#include "mobile/signature_check.h"

namespace etguard::mobile {

inline constexpr std::uint32_t kSchemeV2Block = 0x7109871a;
inline constexpr std::uint32_t kSchemeV3Block = 0xf05368c0;
inline constexpr std::uint32_t kSchemeV31Block = 0x1b93ad61;

struct ApkSigning {
  bool v1 = false;
  bool v2 = false;
  bool v3 = false;
  bool v31 = false;
  // The signers of the newest scheme present (v3.1, v3, v2, then v1).
  std::vector<X509Summary> signers;
  // Earlier signing certificates from v3's proof-of-rotation, oldest first.
  std::vector<X509Summary> lineage;
  // Whether the v2/v3/v3.1 signatures hold; not checked without them.
  SignatureCheck signatures;

  bool signed_at_all() const { return v1 || v2 || v3 || v31; }
};

// The APK Signing Block's v2/v3/v3.1 signers of `package` (the whole file);
// a package without the block gives an empty result. An input error naming
// `where` and the offset for a block or signer that runs past its bounds.
Result<ApkSigning> read_signing_block(ByteSpan package, std::string_view where);

// The certificates of a v1 signature file (PKCS#7 SignedData, DER).
Result<std::vector<X509Summary>> read_jar_signature(ByteSpan pkcs7, std::string_view where);

}  // namespace etguard::mobile
