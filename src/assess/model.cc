#include "assess/model.h"

#include <nlohmann/json.hpp>

namespace etguard::assess {

std::string_view to_string(Sector sector) {
  switch (sector) {
    case Sector::kSecurities:
      return "securities";
    case Sector::kFutures:
      return "futures";
    case Sector::kInvestmentTrustAdvisory:
      return "investment_trust_advisory";
  }
  return "securities";
}

bool parse_sector(std::string_view name, Sector& out) {
  for (Sector sector : {Sector::kSecurities, Sector::kFutures, Sector::kInvestmentTrustAdvisory}) {
    if (to_string(sector) == name) {
      out = sector;
      return true;
    }
  }
  return false;
}

std::string canonical(const Profile& profile) {
  // nlohmann::json keeps object keys sorted, which makes the text canonical.
  return nlohmann::json{
      {"name", profile.name}, {"sector", to_string(profile.sector)}, {"facts", profile.facts}}
      .dump();
}

std::string canonical(const RegisterEntry& entry) {
  return nlohmann::json{{"subject", entry.subject}, {"id", entry.id},
                        {"name", entry.name},       {"owner", entry.owner},
                        {"facts", entry.facts},     {"details", entry.details},
                        {"dates", entry.dates}}
      .dump();
}

}  // namespace etguard::assess
