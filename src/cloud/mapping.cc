#include "cloud/mapping.h"

#include <algorithm>

namespace etguard::cloud {

const MappedCheck* mapped_check(Tool tool, std::string_view check_id) {
  const std::span<const MappedCheck> mapping = mapping_of(tool);
  const auto found = std::ranges::lower_bound(mapping, check_id, {}, &MappedCheck::check_id);
  return found != mapping.end() && found->check_id == check_id ? &*found : nullptr;
}

}  // namespace etguard::cloud
