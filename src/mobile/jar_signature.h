// Verifying a v1 (JAR) signature, as jarsigner and Android before 7.0 do:
// the PKCS#7 block (META-INF/NAME.RSA|DSA|EC) signs the signature file
// (NAME.SF); the signature file's digests cover the manifest
// (META-INF/MANIFEST.MF) whole or section by section; the manifest's digests
// cover every entry of the package except the signature files themselves.
// OpenSSL does the cryptography; the manifest format (RFC-822-like lines of
// at most 72 bytes with continuations, sections between blank lines) is read
// here.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "mobile/le_reader.h"
#include "mobile/signature_check.h"

namespace etguard::mobile {

struct JarSignature {
  std::string name;                  // "CERT": of META-INF/CERT.SF and CERT.RSA
  std::string_view manifest;         // META-INF/MANIFEST.MF
  std::string_view signature;        // META-INF/NAME.SF
  ByteSpan block;                    // META-INF/NAME.RSA|DSA|EC: PKCS#7 SignedData
  std::vector<std::string> entries;  // the package's files the manifest must cover
};

// Streams the bytes of the entry `name` to `sink`; an error when it is absent
// or cannot be read.
using EntryStream =
    std::function<Status(std::string_view name, const std::function<void(std::string_view)>& sink)>;

// Whether the signature holds; the problem names the file or entry that does
// not. A digest algorithm other than SHA-1 and SHA-2 is kNotChecked.
SignatureCheck verify_jar_signature(const JarSignature& jar, const EntryStream& read_entry);

// Whether a package entry is one of the signature's own files (the manifest,
// and NAME.SF / .RSA / .DSA / .EC / SIG-* directly under META-INF/), which
// the manifest does not list.
bool is_jar_signature_file(std::string_view entry);

}  // namespace etguard::mobile
