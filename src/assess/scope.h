// Scoping: which requirements apply to the firm and to which register
// entries, and why. A pure function of the catalog and the registers.
//
// A node's effective conditions (article, ancestors, own) name facts of the
// profile ("org.*") and of at most one register (the catalog enforces this).
// Without a register fact the node applies to the firm as a whole ("org")
// when its org facts hold; with one it applies to each entry of that register
// whose facts hold. A fact absent from the profile or an entry is derived
// (any_of, or implied by a fact that holds; an org fact over register facts
// holds when it holds for any entry) and otherwise false.
#pragma once

#include <string>
#include <vector>

#include "assess/model.h"
#include "catalog/catalog.h"

namespace etguard::assess {

inline constexpr std::string_view kOrgObject = "org";

struct FactValue {
  std::string_view fact;  // "cloud.material", held by the catalog
  bool value = false;
  bool from_profile = false;  // a fact of the firm's profile, not of the object
  bool negated = false;       // from `unless`: the node applies only when false
};

struct Applicability {
  std::string object;  // "org" or an entry key
  bool applies = false;
  std::vector<FactValue> facts;  // every fact that decided, in condition order
  // Whether the node's recurrence binds this object (its recurrence_when
  // facts hold); when false the node applies without a calendar due date.
  bool recurs = true;
  // Where a fact's value came from: "profile" or this object's key.
  std::string_view source(const FactValue& fact) const {
    return fact.from_profile ? std::string_view("profile") : std::string_view(object);
  }
};

struct NodeScope {
  const catalog::Node* node = nullptr;
  std::string subject;  // "org" or the register the node is about
  std::vector<Applicability> objects;
  bool applies() const;
};

std::vector<NodeScope> compute_scope(const catalog::Catalog& catalog, const Registers& registers);

// The same for one requirement.
NodeScope scope_node(const catalog::Catalog& catalog, const catalog::Node& node,
                     const Registers& registers);

// "cloud.material=true (cloud/aws-trading)", "unless …" for negated facts.
std::string fact_text(const FactValue& fact, const Applicability& object);

// Why a requirement applies to an object (every deciding fact), or the
// first fact that excludes it.
std::string reason(const Applicability& object);

// The reason for the node as a whole: that of the first object whose
// decision matches the node's, or "no entries in the X register".
std::string summary_reason(const NodeScope& scope, Lang lang);

// The external instruments `node` names that bind a firm of `sector`: a
// futures firm follows the futures firms' outsourcing directions, not the
// securities firms' (ET-2.5, 6.1, 47.4).
std::vector<const catalog::Instrument*> instruments_for(const catalog::Catalog& catalog,
                                                        const catalog::Node& node, Sector sector);

// The subject a node's effective conditions are about: "org" or one register.
std::string scope_subject(const catalog::Catalog& catalog, const catalog::Node& node);

}  // namespace etguard::assess
