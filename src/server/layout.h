// The frame every page shares: the document head, the header with the site's
// navigation, the language switch and the account, and the footer.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "app/web_sessions.h"
#include "core/lang.h"

namespace etguard::server {

// What a page's frame shows: who is logged in (none on the login page) and
// the CSRF token its forms carry.
struct Frame {
  Lang lang = Lang::kZhTw;
  const app::WebSession* session = nullptr;
  std::string_view path = "/";  // the page's own path, for the language switch
};

// `en` or `zh`, as the page's language asks.
std::string_view t(Lang lang, std::string_view en, std::string_view zh);

std::string_view role_label(Lang lang, app::Role role);

// The result statuses as spelt in JSON, in the order pages list them.
inline constexpr std::array<std::string_view, 6> kResultStatuses = {
    "compliant",      "partially_compliant", "non_compliant",
    "not_applicable", "compensating",        "not_assessed"};
// A status as spelt in JSON, as its label in `lang` (HTML-escaped).
std::string status_label(Lang lang, std::string_view status);

// A labelled form field (`value` escaped here); `type` as in HTML.
std::string text_field(std::string_view id, std::string_view label, std::string_view value,
                       std::string_view type = "text");
std::string area_field(std::string_view id, std::string_view label, std::string_view value);
// A notice (role=status) and a problem (role=alert), each only when given.
std::string said(std::string_view notice, std::string_view problem);

// The form that confirms the password and code again before `what` (a
// sign-off, user administration), returning to `back` (a path of this site).
std::string reauth_form(Lang lang, std::string_view csrf, std::string_view back,
                        std::string_view what);

// Links to the previous and next page of a list shown `shown` at a time from
// `offset` of `total` (`link`: the URL of the page starting at an offset,
// HTML-escaped); empty when all is shown.
std::string pager(Lang lang, std::size_t offset, std::size_t shown, std::size_t total,
                  std::size_t limit, const std::function<std::string(std::size_t)>& link);

// The script every upload form uses: its drop zone (.drop around a file
// input: dragging over marks it, dropping sets the input's files) and the
// file sent as the request body (etgUploadForm). Served before each page's
// own upload script.
std::string_view drop_zone_script();

// The whole document around `main` (HTML already escaped by its maker).
std::string layout(const Frame& frame, std::string_view title, const std::string& main);

}  // namespace etguard::server
