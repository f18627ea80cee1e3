// A model's input features read from its feature schema, and the ones that
// are among the parameters Art. 48(3) names (name, residence, ethnicity,
// religion, nationality, age, physical characteristics, illness): each such
// input needs a recorded necessity assessment from the perspectives of
// cybersecurity, compliance and risk control.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::fairness {

// One kind of parameter Art. 48(3) names, and the words that give it away.
struct ProtectedAttribute {
  std::string id;  // "age"
  std::string zh;  // "年齡"
  std::string en;  // "age"
  // Lower-case English words or word sequences ("birth date") matched against
  // a feature name's words; Chinese terms matched as substrings.
  std::vector<std::string> words;
  std::vector<std::string> zh_terms;
};

// The built-in list, in the order of the clause.
const std::vector<ProtectedAttribute>& protected_attributes();

// A firm's own words added to the built-in ones (YAML: attribute id -> {words: [...],
// zh: [...]}); errors located.
Result<std::vector<ProtectedAttribute>> load_attribute_words(const std::string& path);

// The Art. 48(3) necessity assessment recorded for one feature.
struct Necessity {
  std::string security;    // 資安
  std::string compliance;  // 法遵
  std::string risk;        // 風控
  std::string approved_by;
  std::string date;
};

struct Feature {
  std::string name;
  std::string description;
  int line = 0;  // in the schema, 1-based
  bool has_necessity = false;
  Necessity necessity;
  std::vector<std::string> attributes;  // ids of the protected attributes it matches
};

struct FeatureReview {
  std::string source;
  std::string model;
  std::vector<Feature> features;
};

// The words of a feature name: "applicantAgeYears", "applicant_age-years" and
// "Applicant Age Years" all give {applicant, age, years}.
std::vector<std::string> name_words(std::string_view name);

// The ids of the attributes `feature`'s name matches (its description is
// prose that mentions attributes without using them).
std::vector<std::string> match_attributes(const Feature& feature,
                                          const std::vector<ProtectedAttribute>& attributes);

// Reads a feature schema (YAML or JSON): a list of names, or a map with
// `model` and `features`, each feature a name or {name, description,
// necessity: {security, compliance, risk, approved_by, date}}; and matches
// every feature. Problems are located by line and column.
Result<FeatureReview> review_features(const std::string& path,
                                      const std::vector<ProtectedAttribute>& attributes);

}  // namespace etguard::fairness
