// What the firm tells etguard about itself: the organization profile and the
// registers of the objects the guideline speaks about. Facts use the
// catalog's vocabulary (docs/catalog-schema.md, "Facts"): the profile holds
// `org.*` facts; a register entry holds its subject's facts by attribute
// name ("material" for `cloud.material`).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace etguard::assess {

enum class Sector { kSecurities, kFutures, kInvestmentTrustAdvisory };

struct Profile {
  std::string name;
  Sector sector = Sector::kSecurities;
  std::map<std::string, bool> facts;  // "org.foreign_subsidiary" -> true
};

struct RegisterEntry {
  std::string subject;  // "cloud"
  std::string id;       // "aws-trading"; unique within the subject
  std::string name;
  std::string owner;
  std::map<std::string, bool> facts;           // "material" -> true
  std::map<std::string, std::string> details;  // provider, model, data locations...
  std::map<std::string, std::string> dates;    // "last_lab_test" -> "2026-03-01"

  std::string key() const { return subject + "/" + id; }  // "cloud/aws-trading"
};

struct Registers {
  Profile profile;
  std::vector<RegisterEntry> entries;  // ordered by subject, then id
};

std::string_view to_string(Sector sector);
bool parse_sector(std::string_view name, Sector& out);

// A canonical JSON serialisation, used for ledger digests and exports.
std::string canonical(const Profile& profile);
std::string canonical(const RegisterEntry& entry);

}  // namespace etguard::assess
