// Who may do what (issue 18), decided here in the application layer so that
// every front end enforces the same rules: the server's pages, its JSON API
// and anything later. A role grants permissions; an owner is further limited
// to the objects and requirements assigned to them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/users.h"
#include "core/result.h"

namespace etguard::app {

// Someone logged in: who they are and what their role lets them reach.
struct Principal {
  std::string name;
  std::string display;
  Role role = Role::kBoard;
  std::vector<std::string> objects;  // an owner's objects ("kind/key")
};

enum class Permission {
  kViewSummary,      // the board summary and signed reports
  kViewAssessment,   // requirements, results, evidence, registers, findings
  kEditAssessment,   // results, plans, evidence, registers
  kExport,           // reports, the examiner's pack, the ledger export
  kVerifyLedger,     // ledger and pack verification
  kAdministerUsers,  // add, disable, unlock, reset users
  kSignOff,          // sign off a cycle's report
  kReviewEvidence,   // approve or reject evidence (never one's own)
  kRunCycles         // start an assessment cycle (archives and resets every result)
};

//            summary  view  edit  export  verify  users  sign off  review  cycles
// admin         x      x     x      x       x       x       x        x       x
// officer       x      x     x      x       x               x        x       x
// owner         x      x*    x*
// auditor       x      x            x       x
// board         x                                           x
// (the auditor signs nothing it examines: independence)
// (* only their objects and the requirements assigned to them)
bool permits(Role role, Permission permission);

// Whether `wider` grants every permission `narrower` does (an officer covers
// an owner, an auditor and the board; an owner covers only an owner).
bool covers(Role wider, Role narrower);

// Nothing when `who` holds `permission`; else a kDenied error naming both.
[[nodiscard]] Status require(const Principal& who, Permission permission);

// Nothing when the password and code were confirmed recently (`fresh`, as
// app::WebSessions::fresh says); else a kDenied error asking for them before
// `what` ("a sign-off", "簽核").
[[nodiscard]] Status require_fresh(bool fresh, std::string_view what_en, std::string_view what_zh);

// Whether `who` may see or change what concerns `object` ("org" or
// "kind/key") with `owner` as the line's owner: everyone but an owner sees
// everything; an owner sees their objects and what is assigned to them.
bool reaches(const Principal& who, std::string_view object, std::string_view owner);

// What decides what `who` reaches and is shown (role, name, objects), as a
// key for views kept per viewer.
std::string viewer_key(const Principal& who);

}  // namespace etguard::app
