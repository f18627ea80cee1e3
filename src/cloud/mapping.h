// The tools' checks mapped to the guideline's clauses, compiled from
// src/cloud/mappings/*.yaml at build time (tools/cloud-mapc validates every
// check id against the tool's published list and every clause against the
// catalog and its topic).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/posture.h"
#include "cloud/topics.h"

namespace etguard::cloud {

struct MappedCheck {
  std::string_view check_id;  // the tool's
  Topic topic;
  std::string_view clauses;  // space-separated requirement IDs
  bool full = false;         // the check proves the clauses alone (else partial)
};

// The mapping of `tool`, sorted by check id.
std::span<const MappedCheck> mapping_of(Tool tool);

// The mapping of one check; nullptr when it is not mapped.
const MappedCheck* mapped_check(Tool tool, std::string_view check_id);

// etguard's own rules over infrastructure code: one attribute of one resource
// type's values, and what it must be.
enum class Condition {
  kEquals,   // the value's text equals `expected` ("true", "TLS1_2")
  kOneOf,    // the value's text is one of `expected`'s '|'-separated texts
  kNoneOf,   // present, and its text none of `expected`'s '|'-separated texts
  kAtLeast,  // a number at least `expected`
  kPresent,  // present, not null and not empty
  // A container image reference ("registry.example.com/orders:1.4"): from a
  // registry the service's details.trusted_registries lists (Art. 8.4.1)
  kTrustedRegistry,
  kDigestPinned,  // an image reference pinned by its digest (@sha256:…): its integrity
  // Another resource of the plan speaks to this one: `expected` is
  // '|'-separated "TYPE.ATTRIBUTE" (a resource of TYPE whose ATTRIBUTE refers
  // to this one) or "TYPE" (any resource of TYPE in the plan); Terraform only.
  // The reader tells (RuleValue::present); no attribute of its own is read.
  kReferencedBy,
};

struct IacRule {
  std::string_view id;  // the check id findings name: "aws_db_instance.storage_encrypted"
  std::string_view resource_type;  // "aws_db_instance"
  // A dotted path in the values: a number indexes a list, "*" takes each of
  // its elements (each must hold), "@json" reads a string as JSON (Terraform).
  std::string_view attribute;
  Condition condition;
  std::string_view expected;
  std::string_view en;  // what the rule asks, as a reason says it
  std::string_view zh;
};

// A value as a rule reads it: set (not null, "", [] or {}), its text
// ("true", "TLS1_2"), and its number when it is one.
struct RuleValue {
  bool present = false;
  std::string text = {};
  std::optional<double> number = {};
};

// What a rule may compare with besides its own expected value: the
// register entry of the service whose code is judged.
struct RuleContext {
  std::vector<std::string> trusted_registries;  // details.trusted_registries: "ghcr.io/firm"
};

// Whether `value` is what `rule` asks.
bool rule_holds(const IacRule& rule, const RuleValue& value, const RuleContext& context = {});

// Whether a rule needs the service's register to be judged, and the register
// gives what it needs; a rule that needs it and lacks it is not judged.
bool rule_judgeable(const IacRule& rule, const RuleContext& context);

// Whether every value holds (a path with "*" gives several); none present
// fails.
bool rule_holds_all(const IacRule& rule, const std::vector<RuleValue>& values,
                    const RuleContext& context);

// What one file of infrastructure code held, judged by rules_of(tool).
struct IacSummary {
  std::string sha256;
  std::string tool_version;    // a plan's terraform_version; empty for a template
  std::string format_version;  // a plan's format_version, a template's AWSTemplateFormatVersion
  std::uint64_t resources = 0;
  std::uint64_t judged = 0;   // of them, with at least one rule
  std::uint64_t unknown = 0;  // rule values known only at apply or deployment: not judged
  // Rules that compare with the register (trusted registries) where the
  // service's entry gives nothing to compare with: not judged.
  std::uint64_t unregistered = 0;
  // Resource types no rule judges, with their counts: reported, never passed.
  std::map<std::string, std::uint64_t, std::less<>> not_judged;
};

// etguard's rules over a tool's infrastructure code (Tool::kTerraform:
// mappings/terraform-rules.yaml, Tool::kCloudformation:
// cloudformation-rules.yaml), sorted by resource type; empty for the tools
// whose findings etguard reads instead. Their topics and clauses are
// mapping_of(tool).
std::span<const IacRule> rules_of(Tool tool);

}  // namespace etguard::cloud
