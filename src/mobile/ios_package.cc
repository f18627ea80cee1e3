#include "mobile/ios_package.h"

#include <fmt/format.h>
#include <openssl/cms.h>
#include <openssl/x509.h>
#include <plist/plist.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <limits>
#include <memory>

#include "core/zip_archive.h"
#include "mobile/input_error.h"

namespace etguard::mobile {
namespace {

constexpr std::uint64_t kMaxPlistBytes = std::uint64_t{8} << 20U;
constexpr std::size_t kMinRun = 6;

using Plist = std::unique_ptr<void, decltype(&plist_free)>;

Result<Plist> parse_plist(const std::string& bytes, const std::string& where) {
  plist_t root = nullptr;
  if (bytes.size() <= std::numeric_limits<std::uint32_t>::max()) {
    plist_from_memory(bytes.data(), static_cast<std::uint32_t>(bytes.size()), &root);
  }
  if (root == nullptr || plist_get_node_type(root) != PLIST_DICT) {
    plist_free(root);
    return std::unexpected(input_error(where, "not a property list dictionary (XML or binary)",
                                       "不是屬性清單字典（XML 或二進位）"));
  }
  return Plist(root, &plist_free);
}

// A string node's text. Through the pointer and length: libplist 2.2's
// plist_get_string_val asserts (aborts) on a binary plist string holding a
// NUL, which the fuzz target found.
std::string string_of(plist_t node) {
  if (node == nullptr || plist_get_node_type(node) != PLIST_STRING) {
    return {};
  }
  std::uint64_t length = 0;
  const char* value = plist_get_string_ptr(node, &length);
  return value == nullptr ? std::string() : std::string(value, static_cast<std::size_t>(length));
}

std::string text_at(plist_t dict, const char* key) {
  return string_of(plist_dict_get_item(dict, key));
}

bool flag_at(plist_t dict, const char* key) {
  plist_t node = plist_dict_get_item(dict, key);
  std::uint8_t value = 0;
  if (node != nullptr && plist_get_node_type(node) == PLIST_BOOLEAN) {
    plist_get_bool_val(node, &value);
  }
  return value != 0;
}

// A dictionary key's text up to its first NUL. libplist 2.2 has no way to
// read a key that does not assert (abort) when a binary plist's key holds a
// NUL, so each byte is found by the sign of plist_key_val_compare_with_size
// (strncmp), eight comparisons a byte.
std::string key_text(plist_t key) {
  std::string text;
  constexpr std::size_t kMaxKey = 1024;
  while (text.size() < kMaxKey) {
    int low = 0;
    int high = 255;
    std::string probe = text + '\0';
    while (low < high) {
      const int middle = (low + high) / 2;
      probe.back() = static_cast<char>(middle);
      if (plist_key_val_compare_with_size(key, probe.c_str(), probe.size()) > 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low == 0) {
      break;
    }
    text.push_back(static_cast<char>(low));
  }
  return text;
}

// Calls `visit` with each key and value of a dictionary.
template <typename Visit>
void each_entry(plist_t dict, Visit visit) {
  if (dict == nullptr || plist_get_node_type(dict) != PLIST_DICT) {
    return;
  }
  plist_dict_iter iterator = nullptr;
  plist_dict_new_iter(dict, &iterator);
  for (;;) {
    plist_t value = nullptr;
    plist_dict_next_item(dict, iterator, nullptr, &value);  // no key: reading it may abort
    if (value == nullptr) {
      break;
    }
    visit(key_text(plist_dict_item_get_key(value)), value);
  }
  std::free(iterator);  // NOLINT(cppcoreguidelines-no-malloc)
}

void collect_strings(plist_t node, StringTable& into, int depth = 0) {
  if (node == nullptr || depth > 32) {
    return;
  }
  switch (plist_get_node_type(node)) {
    case PLIST_STRING:
      into.add(string_of(node));
      break;
    case PLIST_DICT:
      each_entry(node, [&](const std::string&, plist_t value) {
        collect_strings(value, into, depth + 1);
      });
      break;
    case PLIST_ARRAY:
      for (std::uint32_t i = 0; i < plist_array_get_size(node); ++i) {
        collect_strings(plist_array_get_item(node, i), into, depth + 1);
      }
      break;
    default:
      break;
  }
}

void read_info(plist_t info, IosPackage& out) {
  out.bundle_id = text_at(info, "CFBundleIdentifier");
  out.version = text_at(info, "CFBundleShortVersionString");
  out.build = text_at(info, "CFBundleVersion");
  out.minimum_os = text_at(info, "MinimumOSVersion");
  each_entry(info, [&](const std::string& key, plist_t) {
    if (key.starts_with("NS") && key.ends_with("UsageDescription")) {
      out.usage_descriptions.push_back(key);
    }
  });
  std::ranges::sort(out.usage_descriptions);
  plist_t types = plist_dict_get_item(info, "CFBundleURLTypes");
  for (std::uint32_t i = 0; types != nullptr && plist_get_node_type(types) == PLIST_ARRAY &&
                            i < plist_array_get_size(types);
       ++i) {
    plist_t schemes = plist_dict_get_item(plist_array_get_item(types, i), "CFBundleURLSchemes");
    for (std::uint32_t j = 0; schemes != nullptr && plist_get_node_type(schemes) == PLIST_ARRAY &&
                              j < plist_array_get_size(schemes);
         ++j) {
      plist_t scheme = plist_array_get_item(schemes, j);
      if (plist_get_node_type(scheme) == PLIST_STRING) {
        out.url_schemes.push_back(string_of(scheme));
      }
    }
  }
  plist_t ats = plist_dict_get_item(info, "NSAppTransportSecurity");
  if (ats != nullptr && plist_get_node_type(ats) == PLIST_DICT) {
    out.ats_arbitrary_loads = flag_at(ats, "NSAllowsArbitraryLoads");
    out.ats_pinning = plist_dict_get_item(ats, "NSPinnedDomains") != nullptr;
    each_entry(plist_dict_get_item(ats, "NSExceptionDomains"),
               [&](const std::string& domain, plist_t rules) {
                 if (plist_get_node_type(rules) != PLIST_DICT) {
                   return;
                 }
                 out.ats_exceptions.push_back(
                     {domain,
                      flag_at(rules, "NSExceptionAllowsInsecureHTTPLoads") ||
                          flag_at(rules, "NSTemporaryExceptionAllowsInsecureHTTPLoads"),
                      text_at(rules, "NSExceptionMinimumTLSVersion").empty()
                          ? text_at(rules, "NSTemporaryExceptionMinimumTLSVersion")
                          : text_at(rules, "NSExceptionMinimumTLSVersion")});
               });
  }
  collect_strings(info, out.resource_strings);
}

// The plist a provisioning profile signs (CMS SignedData, DER).
Result<Plist> profile_plist(const std::string& bytes, const std::string& where) {
  const auto* cursor = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
      d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(bytes.size())),
      &CMS_ContentInfo_free);
  ASN1_OCTET_STRING** content = cms ? CMS_get0_content(cms.get()) : nullptr;
  if (content == nullptr || *content == nullptr) {
    return std::unexpected(
        input_error(where, "not a CMS-signed provisioning profile", "不是 CMS 簽署之佈建描述檔"));
  }
  return parse_plist(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(*content)),
                                 static_cast<std::size_t>(ASN1_STRING_length(*content))),
                     where);
}

std::string iso_date(plist_t date) {
  if (date == nullptr || plist_get_node_type(date) != PLIST_DATE) {
    return {};
  }
  std::int32_t seconds = 0;
  std::int32_t micro = 0;
  plist_get_date_val(date, &seconds, &micro);
  // libplist 2.2 counts from 2001-01-01 (the Mac epoch) in 32 bits: a date
  // after 2069 wraps below zero and is not known.
  if (seconds < 0) {
    return {};
  }
  const std::time_t unix_time = static_cast<std::time_t>(seconds) + 978307200;
  std::tm parts{};
  gmtime_r(&unix_time, &parts);
  return fmt::format("{:04}-{:02}-{:02}", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday);
}

Status read_profile(plist_t profile, IosPackage& out, const std::string& where) {
  ProvisioningProfile& p = out.profile;
  p.present = true;
  p.name = text_at(profile, "Name");
  p.expires = iso_date(plist_dict_get_item(profile, "ExpirationDate"));
  plist_t teams = plist_dict_get_item(profile, "TeamIdentifier");
  if (teams != nullptr && plist_get_node_type(teams) == PLIST_ARRAY &&
      plist_array_get_size(teams) > 0) {
    p.team = string_of(plist_array_get_item(teams, 0));
  }
  plist_t entitlements = plist_dict_get_item(profile, "Entitlements");
  p.get_task_allow = entitlements != nullptr && flag_at(entitlements, "get-task-allow");
  const bool devices = plist_dict_get_item(profile, "ProvisionedDevices") != nullptr;
  p.kind = flag_at(profile, "ProvisionsAllDevices") ? "enterprise"
           : p.get_task_allow                       ? "development"
           : devices                                ? "ad-hoc"
                                                    : "app-store";
  plist_t certificates = plist_dict_get_item(profile, "DeveloperCertificates");
  for (std::uint32_t i = 0;
       certificates != nullptr && plist_get_node_type(certificates) == PLIST_ARRAY &&
       i < plist_array_get_size(certificates);
       ++i) {
    plist_t node = plist_array_get_item(certificates, i);
    if (plist_get_node_type(node) != PLIST_DATA) {
      continue;
    }
    std::uint64_t length = 0;
    const char* data = plist_get_data_ptr(node, &length);
    auto summary = summarize_x509_der(
        std::span(reinterpret_cast<const std::uint8_t*>(data), static_cast<std::size_t>(length)),
        fmt::format("{}: DeveloperCertificates[{}]", where, i));
    if (!summary) {
      return std::unexpected(summary.error());
    }
    p.certificates.push_back(std::move(*summary));
  }
  return {};
}

// Printable ASCII runs of kMinRun bytes or more, as `strings` would list them.
void printable_runs(std::string_view bytes, StringTable& into) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= bytes.size(); ++i) {
    const bool printable = i < bytes.size() && bytes[i] >= 0x20 && bytes[i] < 0x7f;
    if (printable) {
      continue;
    }
    if (i - start >= kMinRun) {
      into.add(bytes.substr(start, i - start));
    }
    start = i + 1;
  }
}

}  // namespace

Result<std::string> read_info_plist(const std::string& bytes, const std::string& where,
                                    IosPackage& out) {
  auto info = parse_plist(bytes, where);
  if (!info) {
    return std::unexpected(info.error());
  }
  read_info(info->get(), out);
  return text_at(info->get(), "CFBundleExecutable");
}

Status read_provisioning_profile(const std::string& bytes, const std::string& where,
                                 IosPackage& out) {
  auto plist = profile_plist(bytes, where);
  if (!plist) {
    return std::unexpected(plist.error());
  }
  return read_profile(plist->get(), out, where);
}

Result<IosPackage> read_ios_package(const std::string& path, const PackageLimits& limits,
                                    PackageScope scope) {
  auto opened = open_package(path, limits);
  if (!opened) {
    return std::unexpected(opened.error());
  }
  ZipReader& zip = opened->zip;
  IosPackage out;
  const auto info_entry = std::ranges::find_if(zip.entries(), [](const ZipEntry& entry) {
    const std::string_view name = entry.name;
    return name.starts_with("Payload/") && name.ends_with(".app/Info.plist") &&
           std::ranges::count(name, '/') == 2;
  });
  if (info_entry == zip.entries().end()) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: no Payload/<name>.app/Info.plist: not an iOS app package", path),
                fmt::format("{}：沒有 Payload/<name>.app/Info.plist，不是 iOS 應用程式套件", path));
  }
  out.app =
      info_entry->name.substr(0, info_entry->name.size() - std::string_view("/Info.plist").size());
  const std::string name = std::filesystem::path(path).filename().string();
  const auto entry_bytes = [&](const ZipEntry& entry, std::uint64_t limit) {
    return read_package_entry(zip, entry, path, limit, limits);
  };
  auto info_bytes = entry_bytes(*info_entry, kMaxPlistBytes);
  if (!info_bytes) {
    return std::unexpected(info_bytes.error());
  }
  auto executable =
      read_info_plist(*info_bytes, fmt::format("{}!/{}", name, info_entry->name), out);
  if (!executable) {
    return std::unexpected(executable.error());
  }
  if (scope == PackageScope::kManifest) {
    return out;
  }
  out.sha256 = opened->sha256();
  const auto entry_named = [&](const std::string& wanted) { return find_entry(zip, wanted); };
  if (const ZipEntry* profile = entry_named(out.app + "/embedded.mobileprovision");
      profile != nullptr) {
    auto profile_bytes = entry_bytes(*profile, kMaxPlistBytes);
    if (!profile_bytes) {
      return std::unexpected(profile_bytes.error());
    }
    if (Status read = read_provisioning_profile(*profile_bytes,
                                                fmt::format("{}!/{}", name, profile->name), out);
        !read) {
      return std::unexpected(read.error());
    }
  }
  if (const ZipEntry* binary =
          executable->empty() ? nullptr : entry_named(out.app + "/" + *executable);
      binary != nullptr) {
    auto code = entry_bytes(*binary, limits.max_entry_bytes);
    if (!code) {
      return std::unexpected(code.error());
    }
    printable_runs(*code, out.code_strings);
    auto signature =
        read_code_signature(bytes_of(*code), fmt::format("{}!/{}", name, binary->name));
    if (!signature) {
      return std::unexpected(signature.error());
    }
    out.code_signature = std::move(*signature);
  }
  return out;
}

}  // namespace etguard::mobile
