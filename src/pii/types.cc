#include "pii/types.h"

#include <array>

namespace etguard::pii {
namespace {

struct TypeInfo {
  std::string_view name;
  Text title;
};

constexpr std::array<TypeInfo, kBuiltinTypeCount> kTypes{{
    {"TW_NATIONAL_ID", {.zh = "身分證字號", .en = "national ID"}},
    {"TW_ARC", {.zh = "居留證號", .en = "resident certificate number"}},
    {"TW_MOBILE", {.zh = "行動電話", .en = "mobile number"}},
    {"TW_LANDLINE", {.zh = "市話號碼", .en = "landline number"}},
    {"TW_UBN", {.zh = "統一編號", .en = "unified business number"}},
    {"CREDIT_CARD", {.zh = "信用卡號", .en = "payment card number"}},
    {"TW_BANK_ACCOUNT", {.zh = "銀行帳號", .en = "bank account"}},
    {"EMAIL", {.zh = "電子郵件", .en = "e-mail address"}},
    {"IPV4", {.zh = "IPv4 位址", .en = "IPv4 address"}},
    {"TW_PASSPORT", {.zh = "護照號碼", .en = "passport number"}},
    {"TW_SEC_ACCOUNT", {.zh = "證券帳號", .en = "securities trading account"}},
    {"DOB_ROC", {.zh = "民國出生日期", .en = "ROC-calendar birth date"}},
}};

}  // namespace

std::string_view type_name(PiiType type) {
  return kTypes.at(static_cast<std::size_t>(type)).name;
}

Text type_title(PiiType type) {
  return kTypes.at(static_cast<std::size_t>(type)).title;
}

}  // namespace etguard::pii
