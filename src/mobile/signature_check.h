// Whether the APK Signature Scheme v2/v3 signatures of a package hold: each
// signer's signature over its signed data verifies with its public key, that
// key is its certificate's, and the content digest it signed equals the
// package's (the zip entries, the central directory and the end record, in
// 1 MiB chunks, as the scheme defines). OpenSSL does the cryptography.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "mobile/le_reader.h"

namespace etguard::mobile {

enum class SignatureState : std::uint8_t {
  kVerified,    // every signer's signature and content digest hold
  kInvalid,     // one does not: the package was altered after signing, or the block forged
  kNotChecked,  // no signature algorithm etguard checks (verity-only signers)
};

struct SignatureCheck {
  SignatureState state = SignatureState::kNotChecked;
  std::string problem;     // what failed, or why it was not checked
  std::string problem_zh;  // the same, in Traditional Chinese
};

// Where the parts the v2/v3 digests cover lie in the package.
struct PackageLayout {
  ByteSpan package;
  std::size_t block_start = 0;  // the APK Signing Block
  std::size_t directory = 0;    // the central directory
  std::size_t end_record = 0;   // the end-of-central-directory record
};

// Chunked content digests already computed, by content digest algorithm:
// v2 and v3 usually sign the same one.
using DigestCache = std::map<int, std::vector<std::uint8_t>>;

// Checks the signers of one scheme's block value (`v3`: the v3/v3.1 layout).
SignatureCheck check_scheme_signatures(ByteSpan scheme, bool v3, const PackageLayout& layout,
                                       DigestCache& digests);

}  // namespace etguard::mobile
