// What the mobile-app register says about one app (registers: mobile_app),
// as the release checks compare a package with it. Filled by the application
// layer from the register entry's facts, details and dates (docs/mobile.md).
#pragma once

#include <string>
#include <vector>

namespace etguard::mobile {

struct RegisteredApp {
  std::string id;                        // the register entry's id
  bool customer_facing = false;          // facts.customer_facing: bound by Art. 20.3's lab tests
  std::string package;                   // details.package: the application id
  std::vector<std::string> permissions;  // details.permissions: the approved dangerous permissions
  std::vector<std::string> signer_sha256;  // details.signer_sha256: the release certificates
  std::string last_lab_test;               // dates.last_lab_test: the accredited lab's last pass
};

}  // namespace etguard::mobile
