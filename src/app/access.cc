#include "app/access.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace etguard::app {

bool permits(Role role, Permission permission) {
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kOfficer:
      return permission != Permission::kAdministerUsers;
    case Role::kOwner:
      return permission == Permission::kViewSummary || permission == Permission::kViewAssessment ||
             permission == Permission::kEditAssessment;
    case Role::kAuditor:
      return permission == Permission::kViewSummary || permission == Permission::kViewAssessment ||
             permission == Permission::kExport || permission == Permission::kVerifyLedger;
    case Role::kBoard:
      return permission == Permission::kViewSummary || permission == Permission::kSignOff;
  }
  return false;
}

bool covers(Role wider, Role narrower) {
  constexpr Permission kAll[] = {
      Permission::kViewSummary, Permission::kViewAssessment, Permission::kEditAssessment,
      Permission::kExport,      Permission::kVerifyLedger,   Permission::kAdministerUsers,
      Permission::kSignOff,     Permission::kReviewEvidence, Permission::kRunCycles};
  return std::ranges::all_of(kAll, [&](Permission permission) {
    return !permits(narrower, permission) || permits(wider, permission);
  });
}

namespace {

std::string_view permission_name(Permission permission) {
  switch (permission) {
    case Permission::kViewSummary:
      return "view the summary";
    case Permission::kViewAssessment:
      return "view the assessment";
    case Permission::kEditAssessment:
      return "change the assessment";
    case Permission::kExport:
      return "export reports";
    case Permission::kVerifyLedger:
      return "verify the ledger";
    case Permission::kAdministerUsers:
      return "administer users";
    case Permission::kSignOff:
      return "sign off reports";
    case Permission::kReviewEvidence:
      return "review evidence";
    case Permission::kRunCycles:
      return "start an assessment cycle";
  }
  return "?";
}

std::string_view permission_name_zh(Permission permission) {
  switch (permission) {
    case Permission::kViewSummary:
      return "檢視摘要";
    case Permission::kViewAssessment:
      return "檢視評估";
    case Permission::kEditAssessment:
      return "變更評估";
    case Permission::kExport:
      return "匯出報告";
    case Permission::kVerifyLedger:
      return "驗證稽核鏈";
    case Permission::kAdministerUsers:
      return "管理使用者";
    case Permission::kSignOff:
      return "簽核報告";
    case Permission::kReviewEvidence:
      return "審查佐證";
    case Permission::kRunCycles:
      return "開始評估週期";
  }
  return "?";
}

}  // namespace

Status require(const Principal& who, Permission permission) {
  if (permits(who.role, permission)) {
    return {};
  }
  return fail(ErrorKind::kDenied,
              fmt::format("user '{}' ({}) may not {}", who.name, role_name(who.role),
                          permission_name(permission)),
              fmt::format("使用者「{}」（{}）無權{}", who.name, role_name(who.role),
                          permission_name_zh(permission)));
}

Status require_fresh(bool fresh, std::string_view what_en, std::string_view what_zh) {
  if (fresh) {
    return {};
  }
  return fail(ErrorKind::kDenied,
              fmt::format("confirm your password and code first: {} asks for them again", what_en),
              fmt::format("請先再次輸入密碼與驗證碼：{}前須重新驗證身分", what_zh));
}

bool reaches(const Principal& who, std::string_view object, std::string_view owner) {
  if (who.role != Role::kOwner) {
    return true;
  }
  return (!owner.empty() && owner == who.name) ||
         std::ranges::find(who.objects, object) != who.objects.end();
}

std::string viewer_key(const Principal& who) {
  return fmt::format("{} {} {}", role_name(who.role), who.name, fmt::join(who.objects, ","));
}

}  // namespace etguard::app
