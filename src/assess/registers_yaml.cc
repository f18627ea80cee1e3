#include "assess/registers_yaml.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "catalog/loader/yaml_reader.h"

namespace etguard::assess {
namespace {

bool is_valid_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 &&
         std::isalnum(static_cast<unsigned char>(id.front())) != 0 &&
         std::ranges::all_of(id, [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  c == '.';
         });
}

bool is_date(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() != 10 ||
      std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3) {
    return false;
  }
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= kDays[month - 1] &&
         !(month == 2 && day == 29 && (year % 4 != 0 || (year % 100 == 0 && year % 400 != 0)));
}

class RegistersReader {
 public:
  RegistersReader(std::string name, const catalog::Catalog& catalog, RegistersRead& out)
      : in_(std::move(name), arena_, out.problems), catalog_(catalog), out_(out) {}

  std::optional<YamlNode> parse(const std::filesystem::path& path) { return in_.parse(path); }
  std::optional<YamlNode> parse_text(const std::string& text) { return in_.parse_text(text); }

  void run(const std::optional<YamlNode>& root) {
    if (!root ||
        !in_.expect_map(*root, {"format", "format_version", "profile", "registers"}, "the file")) {
      return;
    }
    if (const std::string_view format = in_.text(*root, "format", true, "the file");
        !format.empty() && format != kRegistersFormat) {
      in_.problem((*root)["format"], "bad-value",
                  fmt::format("format must be '{}'", kRegistersFormat));
    }
    if (const std::string_view version = in_.text(*root, "format_version", true, "the file");
        !version.empty() && version != kRegistersFormatVersion) {
      in_.problem((*root)["format_version"], "bad-value",
                  fmt::format("format_version {} is not supported (this etguard reads {})", version,
                              kRegistersFormatVersion));
    }
    if (const YamlNode profile = (*root)["profile"]; profile.defined()) {
      read_profile(profile);
    } else {
      // An undefined node has no position: point at the document itself.
      in_.problem(*root, "missing-key", "the file lacks 'profile'");
    }
    if (const YamlNode registers = (*root)["registers"]; registers.defined()) {
      read_registers(registers);
    }
    std::ranges::sort(out_.registers.entries, {}, [](const RegisterEntry& e) { return e.key(); });
  }

 private:
  // Facts that may be set directly: those of `subject`, not derived.
  bool settable(std::string_view fact, std::string_view subject) const {
    const catalog::Fact* found = catalog_.fact(fact);
    return found != nullptr && found->subject == subject && found->any_of.empty();
  }

  void read_profile(const YamlNode& node) {
    if (!in_.expect_map(node, {"name", "sector", "facts"}, "profile")) {
      return;
    }
    Profile& profile = out_.registers.profile;
    profile.name = std::string(in_.text(node, "name", true, "profile"));
    const std::string_view sector = in_.text(node, "sector", true, "profile");
    if (!sector.empty() && !parse_sector(sector, profile.sector)) {
      in_.problem(
          node["sector"], "bad-value",
          fmt::format(
              "profile: sector '{}' is not securities, futures or investment_trust_advisory",
              sector));
    }
    profile.facts = facts_of(node, "org", true, "profile");
  }

  // Reads `facts:` of a profile (keys "org.x") or an entry (keys "x").
  std::map<std::string, bool> facts_of(const YamlNode& map, std::string_view subject, bool full_ids,
                                       const std::string& what) {
    std::map<std::string, bool> facts;
    std::map<std::string, YamlNode> where;
    const YamlNode node = map["facts"];
    if (!node.defined()) {
      return facts;
    }
    if (!node.is_map()) {
      in_.problem(node, "bad-type", what + ": 'facts' must be a mapping of fact: true|false");
      return facts;
    }
    for (const auto& item : node.entries()) {
      const std::string key = std::string(item.key.scalar());
      const std::string fact = full_ids ? key : fmt::format("{}.{}", subject, key);
      if (!settable(fact, subject)) {
        std::vector<std::string_view> known;
        for (const catalog::Fact& each : catalog_.data().facts) {
          if (each.subject == subject && each.any_of.empty()) {
            known.push_back(full_ids ? each.id : each.id.substr(subject.size() + 1));
          }
        }
        in_.problem(item.key, "unknown-fact",
                    fmt::format("{}: '{}' is not a fact of {} (known: {})", what, key, subject,
                                fmt::join(known, ", ")));
        continue;
      }
      const std::string value(item.value.scalar());  // empty unless a scalar
      if (value != "true" && value != "false") {
        in_.problem(item.value, "bad-value",
                    fmt::format("{}: fact '{}' must be true or false", what, key));
        continue;
      }
      facts[key] = value == "true";
      where[key] = item.value;
    }
    check_implications(facts, where, subject, full_ids, what);
    return facts;
  }

  // A fact set true whose implication is set false is a contradiction (a
  // cloud service in scope but not used): refused where the false one stands.
  void check_implications(const std::map<std::string, bool>& facts,
                          const std::map<std::string, YamlNode>& where, std::string_view subject,
                          bool full_ids, const std::string& what) {
    const auto id_of = [&](const std::string& key) {
      return full_ids ? key : fmt::format("{}.{}", subject, key);
    };
    const auto key_of = [&](std::string_view id) {
      return std::string(full_ids ? id : id.substr(subject.size() + 1));
    };
    for (const auto& [key, value] : facts) {
      if (!value) {
        continue;
      }
      // Every fact `key` implies, directly or through others.
      std::vector<std::string_view> pending;
      std::set<std::string_view> seen;
      const std::string id = id_of(key);
      if (const catalog::Fact* fact = catalog_.fact(id); fact != nullptr) {
        pending.assign(fact->implies.begin(), fact->implies.end());
      }
      while (!pending.empty()) {
        const std::string_view implied = pending.back();
        pending.pop_back();
        if (!seen.insert(implied).second) {
          continue;
        }
        if (const auto found = facts.find(key_of(implied));
            found != facts.end() && !found->second) {
          in_.problem(where.at(found->first), "contradiction",
                      fmt::format("{}: {} is true, which implies {}, but {} is false", what, key,
                                  found->first, found->first));
        }
        if (const catalog::Fact* next = catalog_.fact(implied); next != nullptr) {
          pending.insert(pending.end(), next->implies.begin(), next->implies.end());
        }
      }
    }
  }

  void read_registers(const YamlNode& node) {
    if (!node.is_map()) {
      in_.problem(node, "bad-type", "'registers' must map a register name to a list of entries");
      return;
    }
    for (const auto& item : node.entries()) {
      const std::string subject = std::string(item.key.scalar());
      const bool known =
          subject != "org" && std::ranges::any_of(catalog_.data().subjects,
                                                  [&](const auto& s) { return s.id == subject; });
      if (!known) {
        in_.problem(
            item.key, "unknown-register",
            fmt::format(
                "'{}' is not a register (cloud, social_media, mobile_device, byod, mobile_app, "
                "iot, trading, phone_trading, video_verification, ai)",
                subject));
        continue;
      }
      if (!in_.expect_sequence(item.value, fmt::format("registers: {}", subject))) {
        continue;
      }
      out_.registers_present.insert(subject);
      std::set<std::string> ids;
      for (const YamlNode& entry_node : item.value.items()) {
        read_entry(subject, entry_node, ids);
      }
    }
  }

  void read_entry(const std::string& subject, const YamlNode& node, std::set<std::string>& ids) {
    const std::string what = fmt::format("{} entry", subject);
    if (!in_.expect_map(node, {"id", "name", "owner", "facts", "details", "dates"}, what)) {
      return;
    }
    RegisterEntry entry;
    entry.subject = subject;
    entry.id = std::string(in_.text(node, "id", true, what));
    const std::string named = fmt::format("{}/{}", subject, entry.id);
    if (!entry.id.empty() && !is_valid_id(entry.id)) {
      in_.problem(node["id"], "bad-id",
                  fmt::format("{}: id '{}' must be lower-case letters, digits, '-', '_' or '.'",
                              what, entry.id));
    }
    if (!entry.id.empty() && !ids.insert(entry.id).second) {
      in_.problem(node["id"], "duplicate-id", fmt::format("{} is listed twice", named));
    }
    entry.name = std::string(in_.text(node, "name", true, named));
    entry.owner = std::string(in_.text(node, "owner", false, named));
    entry.facts = facts_of(node, subject, false, named);
    if (const YamlNode details = node["details"]; details.defined()) {
      if (!details.is_map()) {
        in_.problem(details, "bad-type", named + ": 'details' must be a mapping");
      } else {
        for (const auto& item : details.entries()) {
          const std::string key = std::string(item.key.scalar());
          if (item.value.is_scalar()) {
            entry.details[key] = item.value.scalar();
          } else if (item.value.is_sequence()) {
            std::vector<std::string> values;
            for (const YamlNode& value : item.value.items()) {
              if (!value.is_scalar()) {
                in_.problem(value, "bad-type",
                            fmt::format("{}: details.{} must list plain values", named, key));
              }
              values.emplace_back(value.scalar());
            }
            entry.details[key] = fmt::format("{}", fmt::join(values, ", "));
          } else {
            in_.problem(item.value, "bad-type",
                        fmt::format("{}: details.{} must be a value or a list", named, key));
          }
        }
      }
    }
    if (const YamlNode dates = node["dates"]; dates.defined()) {
      if (!dates.is_map()) {
        in_.problem(dates, "bad-type", named + ": 'dates' must be a mapping of name: YYYY-MM-DD");
      } else {
        for (const auto& item : dates.entries()) {
          const std::string key = std::string(item.key.scalar());
          const std::string value(item.value.scalar());  // empty unless a scalar
          if (!is_date(value)) {
            in_.problem(
                item.value, "bad-value",
                fmt::format("{}: dates.{} '{}' is not a date (YYYY-MM-DD)", named, key, value));
            continue;
          }
          entry.dates[key] = value;
        }
      }
    }
    out_.registers.entries.push_back(std::move(entry));
  }

  catalog::Arena arena_;
  catalog::YamlReader in_;
  const catalog::Catalog& catalog_;
  RegistersRead& out_;
};

YAML::Node facts_node(const std::map<std::string, bool>& facts) {
  YAML::Node node(YAML::NodeType::Map);
  for (const auto& [key, value] : facts) {
    node[key] = value;
  }
  return node;
}

}  // namespace

RegistersRead read_registers_yaml(const std::filesystem::path& path,
                                  const catalog::Catalog& catalog) {
  RegistersRead out;
  RegistersReader reader(path.filename().string(), catalog, out);
  reader.run(reader.parse(path));
  if (!out.problems.empty()) {
    out.registers = {};
  }
  return out;
}

RegistersRead read_registers_yaml_text(const std::string& text, const std::string& name,
                                       const catalog::Catalog& catalog) {
  RegistersRead out;
  RegistersReader reader(name, catalog, out);
  reader.run(reader.parse_text(text));
  if (!out.problems.empty()) {
    out.registers = {};
  }
  return out;
}

RegistersRead validate_registers(const Registers& registers, const std::string& name,
                                 const catalog::Catalog& catalog) {
  return read_registers_yaml_text(write_registers_yaml(registers), name, catalog);
}

std::string write_registers_yaml(const Registers& registers) {
  YAML::Emitter emitter;
  emitter << YAML::BeginMap;
  emitter << YAML::Key << "format" << YAML::Value << std::string(kRegistersFormat);
  emitter << YAML::Key << "format_version" << YAML::Value << YAML::DoubleQuoted
          << std::string(kRegistersFormatVersion);
  emitter << YAML::Key << "profile" << YAML::Value << YAML::BeginMap;
  emitter << YAML::Key << "name" << YAML::Value << registers.profile.name;
  emitter << YAML::Key << "sector" << YAML::Value
          << std::string(to_string(registers.profile.sector));
  if (!registers.profile.facts.empty()) {
    emitter << YAML::Key << "facts" << YAML::Value << facts_node(registers.profile.facts);
  }
  emitter << YAML::EndMap;
  emitter << YAML::Key << "registers" << YAML::Value << YAML::BeginMap;
  std::string subject;
  for (const RegisterEntry& entry : registers.entries) {
    if (entry.subject != subject) {
      if (!subject.empty()) {
        emitter << YAML::EndSeq;
      }
      subject = entry.subject;
      emitter << YAML::Key << subject << YAML::Value << YAML::BeginSeq;
    }
    emitter << YAML::BeginMap;
    emitter << YAML::Key << "id" << YAML::Value << entry.id;
    emitter << YAML::Key << "name" << YAML::Value << entry.name;
    if (!entry.owner.empty()) {
      emitter << YAML::Key << "owner" << YAML::Value << entry.owner;
    }
    if (!entry.facts.empty()) {
      emitter << YAML::Key << "facts" << YAML::Value << YAML::Flow << facts_node(entry.facts);
    }
    if (!entry.details.empty()) {
      emitter << YAML::Key << "details" << YAML::Value << YAML::BeginMap;
      for (const auto& [key, value] : entry.details) {
        emitter << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
      }
      emitter << YAML::EndMap;
    }
    if (!entry.dates.empty()) {
      emitter << YAML::Key << "dates" << YAML::Value << YAML::BeginMap;
      for (const auto& [key, value] : entry.dates) {
        emitter << YAML::Key << key << YAML::Value << value;
      }
      emitter << YAML::EndMap;
    }
    emitter << YAML::EndMap;
  }
  if (!subject.empty()) {
    emitter << YAML::EndSeq;
  }
  emitter << YAML::EndMap << YAML::EndMap;
  return std::string(emitter.c_str()) + "\n";
}

}  // namespace etguard::assess
