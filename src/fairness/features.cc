#include "fairness/features.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/yaml_file.h"

namespace etguard::fairness {
namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Whether `words` holds `phrase` (space-separated) as consecutive words.
bool holds_phrase(const std::vector<std::string>& words, std::string_view phrase) {
  const std::vector<std::string> wanted = name_words(phrase);
  if (wanted.empty() || wanted.size() > words.size()) {
    return false;
  }
  for (std::size_t i = 0; i + wanted.size() <= words.size(); ++i) {
    if (std::equal(wanted.begin(), wanted.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) {
      return true;
    }
  }
  return false;
}

Result<std::string> text_at(const std::string& path, const YamlNode& node) {
  if (!node || node.is_null()) {
    return std::string();
  }
  return yaml_as_text(path, node);
}

}  // namespace

const std::vector<ProtectedAttribute>& protected_attributes() {
  static const std::vector<ProtectedAttribute> attributes = {
      {"name",
       "姓名",
       "name",
       {"name", "first name", "last name", "surname", "full name", "fullname", "given name",
        "family name", "firstname", "lastname"},
       {"姓名", "名字", "姓氏"}},
      {"residence",
       "居住所",
       "residence",
       {"address", "residence", "zip", "zipcode", "postal", "postcode", "domicile", "home city",
        "city", "district", "neighborhood", "neighbourhood"},
       {"住址", "地址", "居住", "住所", "戶籍", "郵遞區號", "縣市", "鄉鎮"}},
      {"ethnicity",
       "族群",
       "ethnicity",
       {"ethnicity", "ethnic", "race", "racial", "tribe", "indigenous", "aboriginal"},
       {"族群", "種族", "民族", "原住民"}},
      {"religion", "宗教", "religion", {"religion", "religious", "faith"}, {"宗教", "信仰"}},
      {"nationality",
       "國籍",
       "nationality",
       {"nationality", "citizenship", "citizen", "birthplace", "country of birth", "nation"},
       {"國籍", "出生地", "僑居"}},
      {"age",
       "年齡",
       "age",
       {"age", "dob", "birth date", "birthdate", "date of birth", "birthday", "birth year", "yob",
        "age band", "age group"},
       {"年齡", "年紀", "出生日期", "生日", "出生年"}},
      {"sex", "性別", "sex", {"sex", "gender"}, {"性別"}},
      {"height", "身高", "height", {"height"}, {"身高"}},
      {"weight", "體重", "weight", {"weight", "bmi"}, {"體重"}},
      {"skin",
       "膚色",
       "skin colour",
       {"skin", "complexion", "skin color", "skin colour"},
       {"膚色"}},
      {"hair", "髮量", "hair", {"hair"}, {"髮量", "頭髮", "髮"}},
      {"disability",
       "肢體障礙",
       "disability",
       {"disability", "disabled", "handicap", "impairment", "impaired"},
       {"障礙", "殘障", "身障"}},
      {"illness",
       "疾病",
       "illness",
       {"illness", "disease", "diagnosis", "medical", "health", "sick", "icd"},
       {"疾病", "病史", "病歷", "健康", "診斷"}},
  };
  return attributes;
}

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_word_char(c)) {
      flush();
      continue;
    }
    const bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    const bool after_lower = i > 0 && std::islower(static_cast<unsigned char>(name[i - 1])) != 0;
    const bool before_lower = i + 1 < name.size() &&
                              std::islower(static_cast<unsigned char>(name[i + 1])) != 0 && i > 0 &&
                              std::isupper(static_cast<unsigned char>(name[i - 1])) != 0;
    if (upper && (after_lower || before_lower)) {
      flush();  // camelCase and "HTTPServer" boundaries
    }
    word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  flush();
  return words;
}

std::vector<std::string> match_attributes(const Feature& feature,
                                          const std::vector<ProtectedAttribute>& attributes) {
  const std::vector<std::string> words = name_words(feature.name);
  std::vector<std::string> found;
  for (const ProtectedAttribute& attribute : attributes) {
    const bool by_word = std::ranges::any_of(
        attribute.words, [&](const std::string& phrase) { return holds_phrase(words, phrase); });
    const bool by_term = std::ranges::any_of(attribute.zh_terms, [&](const std::string& term) {
      return feature.name.find(term) != std::string::npos;
    });
    if (by_word || by_term) {
      found.push_back(attribute.id);
    }
  }
  return found;
}

Result<std::vector<ProtectedAttribute>> load_attribute_words(const std::string& path) {
  auto loaded = load_yaml_file(path, "the attribute words", "屬性詞彙檔");
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  std::vector<ProtectedAttribute> attributes = protected_attributes();
  const YamlNode root = *loaded;
  if (root.is_null()) {
    return attributes;
  }
  YamlProblems problems(path);
  if (!root.is_map()) {
    problems.add(root.mark(), "bad-type", "expected a map of attribute: {words, zh}",
                 "應為「屬性: {words, zh}」之對應表");
    return std::unexpected(problems.error());
  }
  for (const auto& entry : root.entries()) {
    const std::string id(entry.key.scalar());
    const auto found = std::ranges::find(attributes, id, &ProtectedAttribute::id);
    if (found == attributes.end()) {
      std::string ids;
      for (const ProtectedAttribute& attribute : attributes) {
        ids += (ids.empty() ? "" : ", ") + attribute.id;
      }
      problems.add(entry.key.mark(), "unknown-attribute",
                   fmt::format("unknown attribute '{}'; Art. 48(3) names: {}", id, ids),
                   fmt::format("未知的屬性 '{}'；第四十八條第三項所列：{}", id, ids));
      continue;
    }
    for (const auto& list : entry.value.entries()) {
      const std::string key(list.key.scalar());
      if ((key != "words" && key != "zh") || !list.value.is_sequence()) {
        problems.add(list.key.mark(), "bad-type",
                     fmt::format("'{}' takes words: [...] and zh: [...]", id),
                     fmt::format("'{}' 僅接受 words: [...] 與 zh: [...]", id));
        continue;
      }
      for (const YamlNode& item : list.value.items()) {
        auto text = yaml_as_text(path, item);
        if (!text) {
          problems.add_located(text.error().message, text.error().message_zh);
          continue;
        }
        (key == "words" ? found->words : found->zh_terms).push_back(*text);
      }
    }
  }
  if (!problems.empty()) {
    return std::unexpected(problems.error());
  }
  return attributes;
}

Result<FeatureReview> review_features(const std::string& path,
                                      const std::vector<ProtectedAttribute>& attributes) {
  auto loaded = load_yaml_file(path, "the feature schema", "特徵清單");
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  const YamlNode root = *loaded;
  FeatureReview review;
  review.source = path;
  YamlProblems problems(path);
  YamlNode list = root;
  if (root.is_map()) {
    for (const auto& entry : root.entries()) {
      const std::string key(entry.key.scalar());
      if (key == "model") {
        auto model = text_at(path, entry.value);
        if (model) {
          review.model = *model;
        } else {
          problems.add_located(model.error().message, model.error().message_zh);
        }
      } else if (key == "features" || key == "inputs") {
        list = entry.value;
      } else {
        problems.add(entry.key.mark(), "unknown-key",
                     fmt::format("unknown key '{}'; a schema has model and features", key),
                     fmt::format("未知的鍵 '{}'；特徵清單僅有 model 與 features", key));
      }
    }
  }
  if (!list.is_sequence() || list.size() == 0) {
    problems.add(list.defined() ? list.mark() : root.mark(), "no-features",
                 "expected a non-empty list of features (names or {name, ...})",
                 "應為非空之特徵清單（名稱或 {name, ...}）");
    return std::unexpected(problems.error());
  }
  for (const YamlNode& item : list.items()) {
    Feature feature;
    feature.line = item.mark().line + 1;
    if (item.is_scalar()) {
      feature.name = std::string(item.scalar());
    } else if (item.is_map()) {
      for (const auto& entry : item.entries()) {
        const std::string key(entry.key.scalar());
        if (key == "name") {
          feature.name = std::string(entry.value.scalar());
        } else if (key == "description") {
          feature.description = std::string(entry.value.scalar());
        } else if (key == "necessity" && entry.value.is_map()) {
          feature.has_necessity = true;
          for (const auto& part : entry.value.entries()) {
            const std::string field(part.key.scalar());
            std::string* into = field == "security"      ? &feature.necessity.security
                                : field == "compliance"  ? &feature.necessity.compliance
                                : field == "risk"        ? &feature.necessity.risk
                                : field == "approved_by" ? &feature.necessity.approved_by
                                : field == "date"        ? &feature.necessity.date
                                                         : nullptr;
            if (into == nullptr) {
              problems.add(part.key.mark(), "unknown-key",
                           fmt::format("unknown necessity field '{}'; use security, compliance, "
                                       "risk, approved_by, date",
                                       field),
                           fmt::format("未知的必要性評估欄位 '{}'；請用 security、compliance、"
                                       "risk、approved_by、date",
                                       field));
              continue;
            }
            auto text = text_at(path, part.value);
            if (text) {
              *into = *text;
            } else {
              problems.add_located(text.error().message, text.error().message_zh);
            }
          }
        } else if (key != "type" && key != "source") {
          problems.add(entry.key.mark(), "unknown-key",
                       fmt::format("unknown feature key '{}'; use name, description, type, "
                                   "source, necessity",
                                   key),
                       fmt::format("未知的特徵鍵 '{}'；請用 name、description、type、source、"
                                   "necessity",
                                   key));
        }
      }
    }
    if (feature.name.empty()) {
      problems.add(item.mark(), "no-name", "a feature without a name", "特徵缺少名稱");
      continue;
    }
    feature.attributes = match_attributes(feature, attributes);
    review.features.push_back(std::move(feature));
  }
  if (!problems.empty()) {
    return std::unexpected(problems.error());
  }
  return review;
}

}  // namespace etguard::fairness
