// The JSON API described for its clients: an OpenAPI 3.1 document served at
// /api/openapi.json. The end-to-end test validates it against the OpenAPI 3.1
// schema and the live answers against the schemas it declares, so the
// document cannot drift from what the server says.
#pragma once

#include <string_view>

namespace etguard::server {

std::string_view openapi_document();

}  // namespace etguard::server
