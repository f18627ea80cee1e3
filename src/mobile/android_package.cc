#include "mobile/android_package.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "core/zip_archive.h"
#include "mobile/dex_strings.h"
#include "mobile/jar_signature.h"
#include "mobile/proto_xml.h"
#include "mobile/resource_table.h"

namespace etguard::mobile {
namespace {

// The android: attributes the checks read, by resource id (frameworks/base
// core/res/res/values/public.xml).
constexpr std::uint32_t kName = 0x01010003;
constexpr std::uint32_t kPermission = 0x01010006;
constexpr std::uint32_t kReadPermission = 0x01010007;
constexpr std::uint32_t kDebuggable = 0x0101000f;
constexpr std::uint32_t kExported = 0x01010010;
constexpr std::uint32_t kMinSdkVersion = 0x0101020c;
constexpr std::uint32_t kVersionCode = 0x0101021b;
constexpr std::uint32_t kVersionName = 0x0101021c;
constexpr std::uint32_t kTargetSdkVersion = 0x01010270;
constexpr std::uint32_t kAllowBackup = 0x01010280;
constexpr std::uint32_t kUsesCleartextTraffic = 0x010104ec;
constexpr std::uint32_t kNetworkSecurityConfig = 0x01010527;

// Attribute values, following references through the resource table.
class Values {
 public:
  explicit Values(const ResourceTable& table) : table_(table) {}

  std::optional<bool> boolean(const XmlAttribute* attribute) const {
    if (attribute == nullptr) {
      return std::nullopt;
    }
    const auto [type, data, text] = resolved(*attribute);
    if (type == static_cast<std::uint8_t>(ValueType::kBoolean) ||
        type == static_cast<std::uint8_t>(ValueType::kIntDecimal) ||
        type == static_cast<std::uint8_t>(ValueType::kIntHex)) {
      return data != 0;
    }
    if (text == "true" || text == "false") {
      return text == "true";
    }
    return std::nullopt;
  }

  std::optional<int> integer(const XmlAttribute* attribute) const {
    if (attribute == nullptr) {
      return std::nullopt;
    }
    const auto [type, data, text] = resolved(*attribute);
    if (type == static_cast<std::uint8_t>(ValueType::kIntDecimal) ||
        type == static_cast<std::uint8_t>(ValueType::kIntHex)) {
      return static_cast<int>(data);
    }
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && !text.empty()
               ? std::optional<int>(value)
               : std::nullopt;
  }

  std::string text(const XmlAttribute* attribute) const {
    return attribute == nullptr ? std::string() : std::get<2>(resolved(*attribute));
  }

 private:
  std::tuple<std::uint8_t, std::uint32_t, std::string> resolved(
      const XmlAttribute& attribute) const {
    if (attribute.is(ValueType::kReference)) {
      if (const ResourceValue* value = table_.resolve(attribute.data); value != nullptr) {
        return {value->type, value->data, value->text};
      }
    }
    return {attribute.type, attribute.data, attribute.text};
  }

  const ResourceTable& table_;
};

class PackageReader {
 public:
  PackageReader(std::string path, const PackageLimits& limits, PackageScope scope)
      : path_(std::move(path)),
        name_(std::filesystem::path(path_).filename().string()),
        limits_(limits),
        scope_(scope) {}

  Result<AndroidPackage> run() {
    auto opened = open_package(path_, limits_);
    if (!opened) {
      return std::unexpected(opened.error());
    }
    if (Status read = read_entries(opened->zip); !read) {
      return std::unexpected(read.error());
    }
    if (scope_ == PackageScope::kManifest) {
      return std::move(out_);
    }
    out_.sha256 = opened->sha256();
    auto signing = read_signing_block(opened->file.bytes(), name_);
    if (!signing) {
      return std::unexpected(signing.error());
    }
    signing->v1 = out_.signing.v1;
    if (signing->signers.empty()) {
      signing->signers = std::move(out_.signing.signers);  // v1 only
    }
    out_.signing = std::move(*signing);
    if (out_.signing.v1 && !out_.signing.v2 && !out_.signing.v3 && !out_.signing.v31) {
      out_.signing.signatures = verify_v1(opened->zip);
    }
    return std::move(out_);
  }

 private:
  Result<std::string> entry_bytes(ZipReader& zip, const ZipEntry& entry) {
    return read_package_entry(zip, entry, path_, limits_.max_entry_bytes, limits_);
  }

  static const ZipEntry* find(const ZipReader& zip, std::string_view name) {
    return find_entry(zip, name);
  }

  Status read_entries(ZipReader& zip) {
    ResourceTable table;
    // An APK's resources.arsc, or an App Bundle's base/resources.pb.
    const ZipEntry* arsc = find(zip, "resources.arsc");
    const ZipEntry* proto = arsc == nullptr ? find(zip, "base/resources.pb") : nullptr;
    if (const ZipEntry* resources = arsc != nullptr ? arsc : proto; resources != nullptr) {
      auto bytes = entry_bytes(zip, *resources);
      if (!bytes) {
        return std::unexpected(bytes.error());
      }
      const std::string where = name_ + "!/" + resources->name;
      auto read = arsc != nullptr ? read_resource_table(bytes_of(*bytes), where)
                                  : read_proto_resource_table(bytes_of(*bytes), where);
      if (!read) {
        return std::unexpected(read.error());
      }
      table = std::move(*read);
      std::vector<std::string_view> strings;
      for (const auto& [id, value] : table.values) {
        if (value.type == static_cast<std::uint8_t>(ValueType::kString) &&
            !value.text.starts_with("res/")) {  // not a file's path
          strings.emplace_back(value.text);
        }
      }
      std::ranges::sort(strings);  // a stable order: the map has none
      for (std::string_view text : strings) {
        out_.resource_strings.add(text);
      }
    }
    // An APK has AndroidManifest.xml in binary XML; an App Bundle has it
    // under base/manifest/ in aapt2's protobuf form.
    const ZipEntry* manifest = find(zip, "AndroidManifest.xml");
    if (manifest == nullptr) {
      manifest = find(zip, "base/manifest/AndroidManifest.xml");
      out_.bundle = manifest != nullptr;
    }
    if (manifest == nullptr) {
      return fail(
          ErrorKind::kInput,
          fmt::format("{}: no AndroidManifest.xml (nor base/manifest/AndroidManifest.xml): "
                      "not an Android package or bundle",
                      path_),
          fmt::format("{}：沒有 AndroidManifest.xml（亦無 base/manifest/AndroidManifest.xml），"
                      "不是 Android 套件或 App Bundle",
                      path_));
    }
    auto manifest_bytes = entry_bytes(zip, *manifest);
    if (!manifest_bytes) {
      return std::unexpected(manifest_bytes.error());
    }
    auto root = read_xml(bytes_of(*manifest_bytes), name_ + "!/" + manifest->name);
    if (!root) {
      return std::unexpected(root.error());
    }
    out_.manifest = std::move(*root);
    const Values values(table);
    read_manifest(values);
    if (scope_ == PackageScope::kManifest) {
      return {};
    }
    if (Status network = read_network_security(zip, values); !network) {
      return network;
    }
    for (const ZipEntry& entry : zip.entries()) {
      if (Status read = read_other(zip, entry); !read) {
        return read;
      }
    }
    return {};
  }

  // The v1 signature of a package signed with it alone (a newer scheme
  // covers the whole file, and is verified instead): every signer's.
  SignatureCheck verify_v1(ZipReader& zip) {
    std::vector<std::string> covered;
    // By name, once: the manifest names every entry (a linear find each
    // would be quadratic in a package of 200,000 entries).
    std::unordered_map<std::string_view, const ZipEntry*> by_name;
    by_name.reserve(zip.entries().size());
    for (const ZipEntry& entry : zip.entries()) {
      by_name.emplace(entry.name, &entry);
      if (!entry.directory && !is_jar_signature_file(entry.name)) {
        covered.push_back(entry.name);
      }
    }
    const EntryStream read_entry = [&](std::string_view name,
                                       const std::function<void(std::string_view)>& sink) {
      const auto entry = by_name.find(name);
      if (entry == by_name.end()) {
        return Status(fail(ErrorKind::kInput, "not in the package", "不在套件中"));
      }
      return stream_package_entry(zip, *entry->second, name_, limits_, sink);
    };
    for (const auto& [name, block] : jar_blocks_) {
      const auto signature = jar_signature_files_.find(name);
      if (signature == jar_signature_files_.end()) {
        return {SignatureState::kInvalid, fmt::format("META-INF/{}.SF is missing", name),
                fmt::format("缺少 META-INF/{}.SF", name)};
      }
      SignatureCheck one = verify_jar_signature({.name = name,
                                                 .manifest = jar_manifest_,
                                                 .signature = signature->second,
                                                 .block = bytes_of(block),
                                                 .entries = covered},
                                                read_entry);
      if (one.state != SignatureState::kVerified) {
        return one;
      }
    }
    return {SignatureState::kVerified, {}, {}};
  }

  Status read_other(ZipReader& zip, const ZipEntry& entry) {
    const std::string_view name = entry.name;
    if (is_jar_signature_file(name) && (name == "META-INF/MANIFEST.MF" || name.ends_with(".SF"))) {
      auto bytes = entry_bytes(zip, entry);
      if (!bytes) {
        return std::unexpected(bytes.error());
      }
      if (name.ends_with(".SF")) {
        jar_signature_files_[std::string(name.substr(9, name.size() - 12))] = std::move(*bytes);
      } else {
        jar_manifest_ = std::move(*bytes);
      }
      return {};
    }
    const std::string_view code = out_.bundle ? "base/dex/" : "";
    const bool dex = name.starts_with(code) && name.substr(code.size()).starts_with("classes") &&
                     name.ends_with(".dex") &&
                     name.find('/', code.size()) == std::string_view::npos;
    const bool jar_signature =
        name.starts_with("META-INF/") &&
        (name.ends_with(".RSA") || name.ends_with(".DSA") || name.ends_with(".EC"));
    if (!dex && !jar_signature) {
      return {};
    }
    auto bytes = entry_bytes(zip, entry);
    if (!bytes) {
      return std::unexpected(bytes.error());
    }
    const std::string where = fmt::format("{}!/{}", name_, entry.name);
    if (dex) {
      if (auto read = read_dex_strings(bytes_of(*bytes), where, out_.code_strings); !read) {
        return std::unexpected(read.error());
      }
      return {};
    }
    auto certificates = read_jar_signature(bytes_of(*bytes), where);
    if (!certificates) {
      return std::unexpected(certificates.error());
    }
    jar_blocks_[std::string(name.substr(9, name.rfind('.') - 9))] = std::move(*bytes);
    out_.signing.v1 = true;
    if (!certificates->empty()) {
      out_.signing.signers.push_back(std::move(certificates->front()));
    }
    return {};
  }

  void read_manifest(const Values& values) {
    const XmlElement& manifest = out_.manifest;
    out_.package = values.text(manifest.attribute(0, "package"));
    out_.version_name = values.text(manifest.attribute(kVersionName, "versionName"));
    out_.version_code = static_cast<std::uint32_t>(
        values.integer(manifest.attribute(kVersionCode, "versionCode")).value_or(0));
    for (const XmlElement& child : manifest.children) {
      if (child.name == "uses-sdk") {
        out_.min_sdk = values.integer(child.attribute(kMinSdkVersion, "minSdkVersion"));
        out_.target_sdk = values.integer(child.attribute(kTargetSdkVersion, "targetSdkVersion"));
      } else if (child.name == "uses-permission" || child.name == "uses-permission-sdk-23") {
        if (std::string name = values.text(child.attribute(kName, "name")); !name.empty()) {
          out_.permissions.push_back(std::move(name));
        }
      }
    }
    const auto application = std::ranges::find(manifest.children, "application", &XmlElement::name);
    if (application == manifest.children.end()) {
      return;
    }
    out_.debuggable = values.boolean(application->attribute(kDebuggable, "debuggable"));
    out_.allow_backup = values.boolean(application->attribute(kAllowBackup, "allowBackup"));
    out_.uses_cleartext_traffic =
        values.boolean(application->attribute(kUsesCleartextTraffic, "usesCleartextTraffic"));
    out_.network_security.file =
        values.text(application->attribute(kNetworkSecurityConfig, "networkSecurityConfig"));
    const int target = out_.target_sdk.value_or(out_.min_sdk.value_or(1));
    for (const XmlElement& child : application->children) {
      static constexpr std::array kKinds{"activity", "activity-alias", "service", "receiver",
                                         "provider"};
      if (std::ranges::find(kKinds, child.name) == kKinds.end()) {
        continue;
      }
      AppComponent component;
      component.kind = child.name;
      component.name = values.text(child.attribute(kName, "name"));
      component.permission = values.text(child.attribute(kPermission, "permission"));
      if (component.permission.empty() && child.name == "provider") {
        component.permission = values.text(child.attribute(kReadPermission, "readPermission"));
      }
      const bool filtered = std::ranges::any_of(
          child.children, [](const XmlElement& e) { return e.name == "intent-filter"; });
      component.launcher = std::ranges::any_of(child.children, [&](const XmlElement& filter) {
        return filter.name == "intent-filter" &&
               std::ranges::any_of(filter.children, [&](const XmlElement& e) {
                 return e.name == "category" && values.text(e.attribute(kName, "name")) ==
                                                    "android.intent.category.LAUNCHER";
               });
      });
      const std::optional<bool> exported = values.boolean(child.attribute(kExported, "exported"));
      component.exported_explicitly = exported.value_or(false);
      // The platform's defaults: a component with an intent filter is
      // exported (before API 31, which requires the attribute), and so is a
      // provider before API 17.
      component.exported =
          exported.value_or((filtered && target < 31) || (child.name == "provider" && target < 17));
      out_.components.push_back(std::move(component));
    }
  }

  // Binary XML in an APK, aapt2's protobuf XML in a bundle.
  Result<XmlElement> read_xml(ByteSpan bytes, std::string_view where) const {
    return out_.bundle ? read_proto_xml(bytes, where) : read_binary_xml(bytes, where);
  }

  Status read_network_security(ZipReader& zip, const Values& values) {
    NetworkSecurity& network = out_.network_security;
    if (network.file.empty()) {
      return {};
    }
    if (out_.bundle && network.file.starts_with("res/")) {
      network.file = "base/" + network.file;  // the table's path, under the module
    } else if (out_.bundle && !network.file.starts_with("base/")) {
      // Without a table the reference's name ("xml/network_security_config")
      // is its file's.
      network.file = "base/res/" + network.file + ".xml";
    }
    const ZipEntry* entry = find(zip, network.file);
    if (entry == nullptr) {
      return fail(
          ErrorKind::kInput,
          fmt::format("{}: the manifest's network security configuration {} is not in the package",
                      path_, network.file),
          fmt::format("{}：manifest 指定的網路安全設定 {} 不在套件中", path_, network.file));
    }
    auto bytes = entry_bytes(zip, *entry);
    if (!bytes) {
      return std::unexpected(bytes.error());
    }
    auto root = read_xml(bytes_of(*bytes), fmt::format("{}!/{}", name_, network.file));
    if (!root) {
      return std::unexpected(root.error());
    }
    walk_network_config(*root, values, false);
    return {};
  }

  void walk_network_config(const XmlElement& element, const Values& values, bool debug_only) {
    const std::optional<bool> cleartext =
        values.boolean(element.attribute(0, "cleartextTrafficPermitted"));
    if (element.name == "base-config") {
      out_.network_security.base_cleartext = cleartext;
    }
    if (element.name == "domain-config" && cleartext.value_or(false)) {
      for (const XmlElement& domain : element.children) {
        if (domain.name == "domain") {
          out_.network_security.cleartext_domains.push_back(domain.text);
        }
      }
    }
    if (element.name == "certificates" && values.text(element.attribute(0, "src")) == "user" &&
        !debug_only) {
      out_.network_security.trusts_user_certificates = true;
    }
    if (element.name == "pin-set") {
      out_.network_security.pins_certificates = true;
    }
    for (const XmlElement& child : element.children) {
      walk_network_config(child, values, debug_only || element.name == "debug-overrides");
    }
  }

  std::string path_;
  std::string name_;
  PackageLimits limits_;
  PackageScope scope_;
  AndroidPackage out_;
  // The v1 signature's files: the manifest, and by signer name ("CERT") its
  // signature file and PKCS#7 block.
  std::string jar_manifest_;
  std::map<std::string, std::string, std::less<>> jar_signature_files_;
  std::map<std::string, std::string, std::less<>> jar_blocks_;
};

}  // namespace

Result<AndroidPackage> read_android_package(const std::string& path, const PackageLimits& limits,
                                            PackageScope scope) {
  return PackageReader(path, limits, scope).run();
}

}  // namespace etguard::mobile
