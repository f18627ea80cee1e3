// Reasons are one per code (check::Assessment::add keeps the first), while an
// IoT check finds the same problem on many devices or ports: GroupedReasons
// gathers every item under its code and gives one reason per code that names
// them all (the first kShown, then how many more).
#pragma once

#include <string>
#include <vector>

#include "checks/check.h"

namespace etguard::iot_checks {

class GroupedReasons {
 public:
  static constexpr std::size_t kShown = 20;

  // `summary_en`/`summary_zh` introduce the items ("open ports the register
  // does not declare"); `item_en`/`item_zh` is one of them.
  void add(std::string_view code, std::string_view summary_en, std::string_view summary_zh,
           std::string item_en, std::string item_zh, bool warning = false);
  void add_to(check::Assessment& assessment) const;

 private:
  struct Group {
    std::string code;
    std::string summary_en;
    std::string summary_zh;
    bool warning = false;
    std::vector<std::string> items_en;  // the first kShown
    std::vector<std::string> items_zh;
    std::size_t count = 0;  // every item added
  };
  std::vector<Group> groups_;
};

}  // namespace etguard::iot_checks
