// Fuzz target: a mobile app package someone submitted for a release check.
// The input is tried as each of our decoders' inputs — binary XML, aapt2's
// protobuf XML (libprotobuf), the
// resource table, a DEX file, the file holding an APK Signing Block, an
// Info.plist (libplist), a provisioning profile (CMS), an executable's code
// signature (Mach-O, CMS) — and, written to a
// private scratch file (libzip reads paths), as a whole APK and IPA.
//
// Invariants: every decoder returns a value or a located error; what a
// decoded tree holds stays within the limits the decoder promises.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "mobile/android_package.h"
#include "mobile/binary_xml.h"
#include "mobile/code_signature.h"
#include "mobile/dex_strings.h"
#include "mobile/ios_package.h"
#include "mobile/proto_xml.h"
#include "mobile/resource_table.h"
#include "mobile/signing.h"
#include "scratch.h"

namespace {

std::size_t depth_of(const etguard::mobile::XmlElement& element) {
  std::size_t deepest = 0;
  for (const auto& child : element.children) {
    deepest = std::max(deepest, depth_of(child));
  }
  return deepest + 1;
}

void expect_located(const etguard::Error& error) {
  if (error.message.empty() || error.message_zh.empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  using etguard::mobile::ByteSpan;
  using etguard::mobile::IosPackage;
  using etguard::mobile::kMaxDepth;
  using etguard::mobile::PackageLimits;
  using etguard::mobile::read_android_package;
  using etguard::mobile::read_binary_xml;
  using etguard::mobile::read_code_signature;
  using etguard::mobile::read_dex_strings;
  using etguard::mobile::read_info_plist;
  using etguard::mobile::read_ios_package;
  using etguard::mobile::read_proto_xml;
  using etguard::mobile::read_provisioning_profile;
  using etguard::mobile::read_resource_table;
  using etguard::mobile::read_signing_block;
  using etguard::mobile::StringTable;
  const ByteSpan bytes(data, size);
  if (auto tree = read_proto_xml(bytes, "fuzz.pb")) {
    if (depth_of(*tree) > kMaxDepth) {
      std::abort();
    }
  } else {
    expect_located(tree.error());
  }
  if (auto tree = read_binary_xml(bytes, "fuzz.xml")) {
    if (depth_of(*tree) > kMaxDepth) {
      std::abort();
    }
  } else {
    expect_located(tree.error());
  }
  if (auto table = read_resource_table(bytes, "fuzz.arsc")) {
    for (const auto& [id, value] : table->values) {
      (void)table->resolve(id);
    }
  } else {
    expect_located(table.error());
  }
  StringTable strings;
  if (auto count = read_dex_strings(bytes, "fuzz.dex", strings); !count) {
    expect_located(count.error());
    if (!strings.empty()) {
      std::abort();  // an error leaves the table as it was
    }
  } else if (*count != strings.size()) {
    std::abort();
  }
  if (auto signing = read_signing_block(bytes, "fuzz.apk"); !signing) {
    expect_located(signing.error());
  }
  const std::string text(reinterpret_cast<const char*>(data), size);
  IosPackage ios;
  if (auto executable = read_info_plist(text, "fuzz.plist", ios); !executable) {
    expect_located(executable.error());
  }
  if (etguard::Status profile = read_provisioning_profile(text, "fuzz.mobileprovision", ios);
      !profile) {
    expect_located(profile.error());
  }
  if (auto signature = read_code_signature(bytes, "fuzz.macho"); !signature) {
    expect_located(signature.error());
  } else {
    const auto& found = *signature;
    if (found.has_value() && found->altered > found->pages) {
      std::abort();
    }
  }
  if (size >= 4 && data[0] == 'P' && data[1] == 'K') {
    const auto path = fuzz_scratch() / "app.apk";
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    PackageLimits limits;
    limits.max_entry_bytes = std::uint64_t{16} << 20U;
    if (auto app = read_android_package(path.string(), limits); !app) {
      expect_located(app.error());
    }
    if (auto app = read_ios_package(path.string(), limits); !app) {
      expect_located(app.error());
    }
  }
  return 0;
}
